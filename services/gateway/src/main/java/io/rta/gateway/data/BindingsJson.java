package io.rta.gateway.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.gateway.bindings.ChannelBinding;
import io.rta.gateway.bindings.DataBinding;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the session service's {@code GET /rta/v2/sessions/{identity}/data-bindings} answer (the shape in
 * {@code devguide/sessions/data-bindings.md}). Its content is private: errors say what is wrong, never what is there.
 */
final class BindingsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BindingsJson() {
    }

    /** @throws IOException when the answer is not the documented array of bindings */
    static List<DataBinding> parse(InputStream body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the data bindings are not valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw new IOException("the data bindings are not a JSON array");
        }
        List<DataBinding> bindings = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            bindings.add(binding(node));
        }
        return List.copyOf(bindings);
    }

    private static DataBinding binding(JsonNode node) throws IOException {
        JsonNode key = node.path("key");
        String source = key.path("source").asText("");
        if (!key.path("source").isTextual() || !key.path("identity").isTextual()) {
            throw new IOException("a data binding has no key.source or key.identity");
        }
        List<ChannelBinding> channels = new ArrayList<>();
        for (JsonNode channel : node.path("dataChannelBindings")) {
            channels.add(new ChannelBinding(number(channel, "firstDataChannel"),
                    number(channel, "firstSessionChannel"), number(channel, "lastSessionChannel")));
        }
        return new DataBinding(source, key.path("identity").asText(), key.path("timeRef").asLong(0),
                nullable(node, "sessionStartTime"), nullable(node, "sessionEndTime"),
                node.path("sessionTimeOffset").asLong(0), List.copyOf(channels));
    }

    private static long number(JsonNode node, String field) throws IOException {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong()) {
            throw new IOException("a data channel binding has no integer " + field);
        }
        return value.asLong();
    }

    private static Long nullable(JsonNode node, String field) throws IOException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw new IOException("a data binding's " + field + " is not an integer");
        }
        return value.asLong();
    }
}
