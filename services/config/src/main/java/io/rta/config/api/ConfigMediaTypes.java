package io.rta.config.api;

import java.util.List;

/** The media types a config may be stored as: the proto's {@code content_type} and the REST {@code Content-Type}. */
public final class ConfigMediaTypes {

    /** Configuration as JSON, described by {@code config.schema.json}. */
    public static final String JSON = "application/vnd.mat.config+json";

    /** Configuration in McLaren's binary FFC format. */
    public static final String FFC = "application/vnd.mat.config+ffc";

    /** Every accepted media type, in the order error messages list them. */
    public static final List<String> ALL = List.of(JSON, FFC);

    private ConfigMediaTypes() {
    }
}
