package io.rta.stream.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.SessionState;
import io.rta.topology.json.Json;
import io.rta.topology.json.SessionJson;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The session JSON a live stream sends: the REST {@code GET /sessions/{identity}} body ({@link SessionJson} without
 * {@code prop}s) except that {@code details}, {@code configBindings}, {@code markers}, {@code children} and
 * {@code alternates} are always present, as {@code {}} or {@code []} when empty.
 *
 * <p>Why: a stream client merges collections that are missing (null) from the session JSON it downloaded over REST,
 * treating them as "not available here". The stream is authoritative for these collections, so an emptied one must
 * arrive as empty, never as missing, or the client would keep an older REST copy of it. {@code extDetails} stays
 * missing: only the REST API serves it (selected through {@code prop}), so the client keeps merging it from there.
 */
final class StreamSessionJson {

    private StreamSessionJson() {
    }

    static String render(SessionState state) {
        ObjectNode node = SessionJson.render(state, List.of());
        if (!node.has("details")) {
            node.putObject("details");
        }
        for (String collection : List.of("configBindings", "markers", "children", "alternates")) {
            if (!node.has(collection)) {
                node.putArray(collection);
            }
        }
        try {
            return Json.WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("session " + state.getIdentity() + " could not be written as JSON", e);
        }
    }
}
