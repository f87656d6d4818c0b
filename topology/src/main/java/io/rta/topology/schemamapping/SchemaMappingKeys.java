package io.rta.topology.schemamapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.topology.limits.InputLimits;

/**
 * The record key of the schema-mappings topic: the JSON array {@code ["<data source>","<data identity>"]} exactly as
 * Jackson writes two strings (no spaces, only {@code "} and {@code \} escaped, since identities hold no control
 * characters). Unambiguous for any characters, producible from any language, readable in a console consumer. Only the
 * canonical form is a key: another spelling of the same pair would be a second record that compaction keeps apart.
 */
public final class SchemaMappingKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaMappingKeys() {
    }

    /** The (data source, data identity) a schema mapping is stored under. */
    public record MappingKey(String dataSource, String dataIdentity) {

        /** The pair as messages quote it: {@code ('source', 'identity')}, each part cut when long. */
        public String describe() {
            return "('" + InputLimits.excerpt(dataSource) + "', '" + InputLimits.excerpt(dataIdentity) + "')";
        }
    }

    /** The canonical key of a pair. */
    public static String encode(String dataSource, String dataIdentity) {
        try {
            return JSON.writeValueAsString(new String[] {dataSource, dataIdentity});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings always encode", e);
        }
    }

    public static String encode(MappingKey key) {
        return encode(key.dataSource(), key.dataIdentity());
    }

    /**
     * The pair a key names, checked as the API checks requests ({@link InputLimits#identityProblem}).
     *
     * @throws IllegalArgumentException naming the record key and the rule it breaks
     */
    public static MappingKey decode(String key, InputLimits limits) {
        if (key == null) {
            throw new IllegalArgumentException("record key: missing; a schema mapping's key is "
                    + "[\"<data source>\",\"<data identity>\"]");
        }
        JsonNode node;
        try {
            node = JSON.readTree(key);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isTextual()
                || !node.get(1).isTextual()) {
            throw new IllegalArgumentException("record key: '" + InputLimits.excerpt(key) + "' is not a JSON array "
                    + "of two strings [\"<data source>\",\"<data identity>\"]");
        }
        MappingKey pair = new MappingKey(node.get(0).textValue(), node.get(1).textValue());
        String problem = SchemaMappingRules.keyProblem(pair.dataSource(), pair.dataIdentity(), limits);
        if (problem != null) {
            throw new IllegalArgumentException("record key: " + problem);
        }
        if (!encode(pair).equals(key)) {
            throw new IllegalArgumentException("record key: '" + InputLimits.excerpt(key) + "' is not in canonical "
                    + "form; write it as " + InputLimits.excerpt(encode(pair)) + " (no spaces, only \" and \\ "
                    + "escaped)");
        }
        return pair;
    }
}
