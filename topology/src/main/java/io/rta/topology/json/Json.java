package io.rta.topology.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one Jackson configuration of the REST API: camelCase names as written, empty values omitted,
 * duplicate keys and trailing tokens rejected on input. Readers and writers are immutable and shared.
 */
public final class Json {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    public static final ObjectReader READER = newMapper().reader();
    public static final ObjectWriter WRITER = newMapper().writer();

    private Json() {
    }

    /** A new mapper with the REST API settings. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /** Applies the REST API settings to a mapper someone else created (e.g. Dropwizard's). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
