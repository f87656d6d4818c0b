package io.rta.topology.config;

import io.rta.events.ConfigPublication;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import java.util.List;

/**
 * What a config publication must be, whoever publishes it: the ConfigStore API checks it before writing, the config
 * topology before applying a record produced straight to Kafka. (The JSON schema check of {@code application/
 * vnd.mat.config+json} data needs the schema and stays with the config service.)
 */
public final class ConfigRules {

    /** Configuration as JSON, described by {@code config.schema.json}. */
    public static final String JSON = "application/vnd.mat.config+json";

    /** Configuration in McLaren's binary FFC format. */
    public static final String FFC = "application/vnd.mat.config+ffc";

    /** Every accepted content type, in the order error messages list them. */
    public static final List<String> CONTENT_TYPES = List.of(JSON, FFC);

    /** The option bounding a config's size (defined with the server's options). */
    public static final String MAX_CONFIG_SIZE_OPTION = "MaxConfigSize";

    /** The largest MaxConfigSize: a config travels as one record of the config topics, with room for its envelope. */
    public static final int MAX_CONFIG_BYTES_CEILING = Topics.LARGE_MESSAGE_BYTES - 1024 * 1024;

    private ConfigRules() {
    }

    /**
     * What is wrong with a publication of config {@code identifier}, or null when it may be applied. A null
     * publication (a tombstone: delete the config) only needs a valid identifier.
     *
     * @param maxConfigBytes the MaxConfigSize option
     */
    public static String problem(String identifier, ConfigPublication publication, InputLimits limits,
                                 int maxConfigBytes) {
        String identity = limits.identityProblem("record key (config identifier)", identifier);
        if (identity != null) {
            return identity;
        }
        if (identifier.isBlank()) {
            return "record key (config identifier): an identifier must not be blank";
        }
        if (publication == null) {
            return null;
        }
        if (!CONTENT_TYPES.contains(publication.getContentType())) {
            return "contentType must be one of " + String.join(" or ", CONTENT_TYPES) + ", not '"
                    + publication.getContentType() + "'";
        }
        int size = publication.getData().remaining();
        if (size == 0) {
            return "data must not be empty";
        }
        if (size > maxConfigBytes) {
            return InputLimits.exceeded("data size", size, maxConfigBytes, MAX_CONFIG_SIZE_OPTION);
        }
        return null;
    }
}
