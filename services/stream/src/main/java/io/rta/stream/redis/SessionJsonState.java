package io.rta.stream.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.topology.session.SessionStates;
import java.util.Locale;

/**
 * Reads the {@code state} of a Session JSON, which decides whether a session can be (or still is) streamed: only
 * {@code "open"} sessions are. The model writes the state by name; the numeric form is accepted too.
 */
final class SessionJsonState {

    static final String OPEN = SessionStates.name(SessionStates.OPEN);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionJsonState() {
    }

    /**
     * The state's name, lower case ({@code "open"}, {@code "closed"}, ...; an unknown name as written).
     *
     * @throws IllegalArgumentException when the JSON is malformed or has no state
     */
    static String of(String sessionJson) {
        JsonNode session;
        try {
            session = JSON.readTree(sessionJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("session JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (session == null || !session.isObject()) {
            throw new IllegalArgumentException("session JSON is not an object");
        }
        JsonNode state = session.get("state");
        if (state == null || state.isNull()) {
            throw new IllegalArgumentException("session JSON has no state");
        }
        if (state.canConvertToInt() && state.isIntegralNumber()) {
            int code = state.intValue();
            return SessionStates.isValid(code) ? SessionStates.name(code) : String.valueOf(code);
        }
        return state.asText().toLowerCase(Locale.ROOT);
    }
}
