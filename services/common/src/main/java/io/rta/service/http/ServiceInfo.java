package io.rta.service.http;

import java.util.List;

/**
 * What a service says about itself: on {@code GET /} (name, version, enabled features) and, for ATLAS, on
 * {@code GET /rta/v2/info} (label, description, whether authentication is required).
 */
public record ServiceInfo(String name, String version, List<String> features, String label, String description,
                          boolean authRequired) {

    /** The version of the build, from the jar manifest; "dev" when running from classes. */
    public static String buildVersion() {
        String version = ServiceInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
