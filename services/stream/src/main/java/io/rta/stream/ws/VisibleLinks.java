package io.rta.stream.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.topology.view.Visibility;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What a client restricted by access policies is sent of a session's JSON on the live stream: its {@code children}
 * and {@code alternates} without the sessions it may not see, as {@code GET /rta/v2/sessions/{identity}} answers it.
 */
final class VisibleLinks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LINKS = List.of("children", "alternates");

    private VisibleLinks() {
    }

    /** The JSON unchanged for a caller who sees everything, else with links to what {@code visible} refuses cut. */
    static UnaryOperator<String> of(Visibility visibility, Predicate<String> visible) {
        return visibility.isAll() ? UnaryOperator.identity() : json -> cut(json, visible);
    }

    static String cut(String json, Predicate<String> visible) {
        JsonNode session;
        try {
            session = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json; // the source renders it: never malformed, but then it has no links to cut either
        }
        if (!(session instanceof ObjectNode object)) {
            return json;
        }
        boolean changed = false;
        for (String field : LINKS) {
            if (object.get(field) instanceof ArrayNode links) {
                ArrayNode kept = JSON.createArrayNode();
                links.forEach(link -> {
                    if (visible.test(link.asText())) {
                        kept.add(link);
                    }
                });
                if (kept.size() != links.size()) {
                    // as SessionJson renders a session without links: no field rather than an empty list
                    if (kept.isEmpty()) {
                        object.remove(field);
                    } else {
                        object.set(field, kept);
                    }
                    changed = true;
                }
            }
        }
        return changed ? object.toString() : json;
    }
}
