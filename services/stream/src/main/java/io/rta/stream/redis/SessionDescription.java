package io.rta.stream.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Pattern;
import redis.clients.jedis.StreamEntryID;

/**
 * One session's description in Redis, from either layout {@link SessionDirectory} reads.
 *
 * @param streamSessionId the {@code id} field of the session's stream messages
 * @param streamName      the stream carrying the session, without the {@code stream:} prefix
 * @param streamPosition  the stream's last entry before the session's first message ({@code 0-0} for a new stream):
 *                        the session's messages all come after it
 * @param json            the latest Session JSON, or {@code null} when none was published yet
 * @param timeRange       the latest {@code tStart}/{@code tEnd}, or {@code null} when none was published yet
 */
record SessionDescription(long streamSessionId, String streamName, StreamEntryID streamPosition, String json,
                          TimeRange timeRange) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STREAM_ID = Pattern.compile("\\d+(-\\d+)?");

    /**
     * Parses a JSON object holding the value fields (the value of a {@code sessions} hash field).
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    static SessionDescription parse(String value) {
        JsonNode entry;
        try {
            entry = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("entry is not JSON: " + e.getOriginalMessage(), e);
        }
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException("entry is not a JSON object");
        }
        return of(entry);
    }

    /**
     * Reads the value fields as flat strings (the fields of a per-session hash).
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    static SessionDescription fromFields(Map<String, String> fields) {
        ObjectNode entry = JSON.createObjectNode();
        fields.forEach(entry::put);
        return of(entry);
    }

    private static SessionDescription of(JsonNode entry) {
        long streamSessionId = requiredLong(entry, "streamSessionId");
        String streamName = requiredText(entry, "streamName");
        String position = requiredText(entry, "streamPosition");
        if (!STREAM_ID.matcher(position).matches()) {
            throw new IllegalArgumentException("streamPosition \"" + position + "\" is not a stream id (ms-seq)");
        }
        JsonNode json = entry.get("json");
        String sessionJson = json == null || json.isNull() ? null : json.isTextual() ? json.asText() : json.toString();
        Long start = optionalLong(entry, "tStart");
        Long end = optionalLong(entry, "tEnd");
        TimeRange timeRange = start != null && end != null ? new TimeRange(start, end) : null;
        return new SessionDescription(streamSessionId, streamName, new StreamEntryID(position), sessionJson,
                timeRange);
    }

    private static long requiredLong(JsonNode entry, String field) {
        Long value = optionalLong(entry, field);
        if (value == null) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value;
    }

    private static Long optionalLong(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("field " + field + " is " + node + ": expected a whole number");
    }

    private static String requiredText(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException("field " + field + " is " + node + ": expected a string");
        }
        return node.asText();
    }
}
