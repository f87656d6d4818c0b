package io.rta.topology.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed session details: string, integer (Long), number (Double), boolean or dateTime ({@link DateTimeValue}),
 * built from the JSON text or the string map of a SessionUpdate. Bad input is an {@link IllegalArgumentException}
 * whose message names the key and the rule.
 */
public final class Details {

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private static final String ALLOWED = "values must be a string, number, integer, boolean or ISO 8601 date-time";

    private Details() {
    }

    /**
     * Details from a JSON object, in document order. A string that is a full ISO 8601 date-time with an offset
     * becomes a dateTime; nested objects, arrays and null are rejected.
     */
    public static List<Detail> fromJson(String json) {
        JsonNode root = readObject(json, "details JSON");
        List<Detail> details = new ArrayList<>(root.size());
        root.properties().forEach(field ->
                details.add(detail(field.getKey(), jsonValue(field.getKey(), field.getValue()))));
        return details;
    }

    /**
     * Details from a string map, in key order (a map carries no order, and the result must not depend on how it
     * was transported). Strings that are ISO 8601 date-times with an offset become dateTimes.
     */
    public static List<Detail> fromStrings(Map<String, String> values) {
        List<Detail> details = new ArrayList<>(values.size());
        new TreeMap<>(values).forEach((key, text) -> {
            if (text == null) {
                throw new IllegalArgumentException("key \"" + key + "\": null is not allowed (" + ALLOWED + ")");
            }
            details.add(detail(key, textValue(text)));
        });
        return details;
    }

    /** A string value: a {@link DateTimeValue} keeping the text as given if it is a date-time, else the text. */
    public static Object textValue(String text) {
        return Timestamps.isDateTime(text) ? new DateTimeValue(text) : text;
    }

    /**
     * Parses {@code json} and checks that it is one JSON object; {@code what} names the text in the error.
     * Duplicate keys and trailing content are rejected.
     */
    static JsonNode readObject(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(what + " must be a JSON object, got an empty value");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object, got " + kind(root));
        }
        return root;
    }

    private static Detail detail(String key, Object value) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("detail keys must not be empty");
        }
        return new Detail(key, value);
    }

    private static Object jsonValue(String key, JsonNode node) {
        if (node.isTextual()) {
            return textValue(node.textValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return finite(key, node.doubleValue());
        }
        throw new IllegalArgumentException("key \"" + key + "\": " + kind(node) + " is not allowed (" + ALLOWED + ")");
    }

    private static double finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("key \"" + key + "\": number is out of the range of a double");
        }
        return value;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "a nested object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
