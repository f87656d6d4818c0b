package io.rta.gateway.bindings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the session service's internal {@code GET /rta/v2/sessions/{identity}/data-bindings} answer (a JSON array of
 * {@code {key: {source, identity, timeRef}, sessionStartTime, sessionEndTime, sessionTimeOffset,
 * dataChannelBindings: [{firstDataChannel, firstSessionChannel, lastSessionChannel}]}}, as the data-bindings guide
 * shows it). Absent numbers are proto3 defaults (0, or unbounded for the two session times); a null or absent
 * {@code dataChannelBindings} is none. Messages name the binding by its position and never echo an identity.
 */
public final class DataBindingsJson {

    private DataBindingsJson() {
    }

    /**
     * Parses the whole answer (a handful of bindings, so it is read at once).
     *
     * @throws IOException when the body is not such an array, naming the binding (by index) and the field
     */
    public static List<DataBinding> parse(InputStream body) throws IOException {
        JsonNode root;
        try {
            root = Json.READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("data bindings answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException("data bindings answer is not a JSON array");
        }
        List<DataBinding> bindings = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            bindings.add(binding(root.get(i), "data binding " + i));
        }
        return List.copyOf(bindings);
    }

    private static DataBinding binding(JsonNode node, String label) throws IOException {
        if (!node.isObject()) {
            throw new IOException(label + " is not a JSON object");
        }
        JsonNode key = node.get("key");
        if (key == null || !key.isObject()) {
            throw new IOException(label + ": key is missing or not an object");
        }
        String source = text(key, "source", label + ": key.source");
        if (source.isEmpty()) {
            throw new IOException(label + ": key.source is empty");
        }
        String identity = text(key, "identity", label + ": key.identity");
        long timeRef = number(key, "timeRef", 0L, label + ": key.timeRef");
        Long start = number(node, "sessionStartTime", null, label + ": sessionStartTime");
        Long end = number(node, "sessionEndTime", null, label + ": sessionEndTime");
        long offset = number(node, "sessionTimeOffset", 0L, label + ": sessionTimeOffset");
        return new DataBinding(source, identity, timeRef, start, end, offset, channels(node, label));
    }

    private static List<ChannelBinding> channels(JsonNode node, String label) throws IOException {
        JsonNode array = node.get("dataChannelBindings");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IOException(label + ": dataChannelBindings is not an array");
        }
        List<ChannelBinding> channels = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode channel = array.get(i);
            String at = label + ": dataChannelBindings[" + i + "].";
            if (!channel.isObject()) {
                throw new IOException(label + ": dataChannelBindings[" + i + "] is not an object");
            }
            channels.add(new ChannelBinding(channelId(channel, "firstDataChannel", at),
                    channelId(channel, "firstSessionChannel", at), channelId(channel, "lastSessionChannel", at)));
        }
        return List.copyOf(channels);
    }

    private static long channelId(JsonNode node, String field, String at) throws IOException {
        long id = number(node, field, 0L, at + field);
        if (id < 0 || id > ChannelsExpression.MAX_CHANNEL_ID) {
            throw new IOException(at + field + " " + id + " is outside 0..4294967295 (uint32)");
        }
        return id;
    }

    private static String text(JsonNode node, String field, String what) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new IOException(what + " is not a string");
        }
        return value.textValue();
    }

    private static Long number(JsonNode node, String field, Long absent, String what) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IOException(what + " is not a 64-bit integer");
        }
        return value.longValue();
    }
}
