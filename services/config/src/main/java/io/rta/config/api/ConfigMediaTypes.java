package io.rta.config.api;

import io.rta.topology.config.ConfigRules;
import java.util.List;

/**
 * The media types a config may be stored as: the proto's {@code content_type} and the REST {@code Content-Type}.
 * Defined with the rules every publication meets ({@link ConfigRules}), which the config topology also applies to
 * records produced straight to Kafka.
 */
public final class ConfigMediaTypes {

    /** Configuration as JSON, described by {@code config.schema.json}. */
    public static final String JSON = ConfigRules.JSON;

    /** Configuration in McLaren's binary FFC format. */
    public static final String FFC = ConfigRules.FFC;

    /** Every accepted media type, in the order error messages list them. */
    public static final List<String> ALL = ConfigRules.CONTENT_TYPES;

    private ConfigMediaTypes() {
    }
}
