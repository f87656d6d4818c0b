package io.rta.service.http;

import java.util.List;

/**
 * The REST API's path prefixes whose identity segment may hold an encoded {@code /} ({@code %2F}) or {@code %}
 * ({@code %25}) — the one place that says which (see {@link HttpSettings#withEncodedSlashesUnder}). api.yaml lets a
 * session identity, a folder identity and a config identifier be any string, and a client generated from it
 * percent-encodes a path parameter: {@code animals/felines} (the spec's own folder example) arrives as
 * {@code animals%2Ffelines}. Such an identity is always a key, never resolved as a path.
 */
public final class ApiPaths {

    public static final String SESSIONS = "/rta/v2/sessions/";
    public static final String SESSION_FOLDERS = "/rta/v2/session-folders/";
    public static final String CONFIGS = "/rta/v2/configs/";
    public static final String DATA = "/rta/v2/data/";

    /** The session routes (sessions, their data and live stream) and the folder routes. */
    public static final List<String> SESSION_ROUTES = List.of(SESSIONS, SESSION_FOLDERS);

    private ApiPaths() {
    }
}
