package io.rta.topology.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.ConfigBinding;
import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.Marker;
import io.rta.events.SessionState;
import io.rta.events.TimeRange;
import io.rta.topology.model.DateTimes;
import io.rta.topology.model.PropertyRef;
import io.rta.topology.session.SessionStates;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a session as the Session JSON of api.yaml: camelCase, empty values omitted, state by
 * name, extDetails only where requested through {@code prop}.
 */
public final class SessionJson {

    private static final Logger LOG = LoggerFactory.getLogger(SessionJson.class);
    private static final String EXT_DETAILS = "extDetails";

    private SessionJson() {
    }

    /** A SessionsPage: {"sessions": [...]}. */
    public static ObjectNode renderPage(List<SessionState> sessions, Collection<String> props) {
        ObjectNode page = Json.NODES.objectNode();
        ArrayNode array = page.putArray("sessions");
        for (SessionState session : sessions) {
            array.add(render(session, props));
        }
        return page;
    }

    /**
     * One session. {@code props} selects extDetails: "extDetails" (all), "extDetails.Cat" (a
     * category) or "extDetails.Cat.key" (one detail); other entries are ignored.
     */
    public static ObjectNode render(SessionState s, Collection<String> props) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("identity", s.getIdentity());
        node.put("state", SessionStates.name(s.getState()));
        node.put("timestamp", s.getTimestamp());
        node.put("identifier", s.getIdentifier());
        putTimeRange(node, s);
        putIfNotEmpty(node, "details", details(s.getDetails(), null));
        putIfNotEmpty(node, EXT_DETAILS, extDetails(s.getExtDetails(), props));
        putIfPresent(node, "type", s.getType());
        if (s.getQuality() != null) {
            node.put("quality", s.getQuality());
        }
        putIfPresent(node, "group", s.getGroup());
        putIfPresent(node, "version", s.getVersion());
        putIfNotEmpty(node, "children", strings(s.getChildren()));
        putIfNotEmpty(node, "alternates", strings(s.getAlternates()));
        putIfNotEmpty(node, "configBindings", configBindings(s.getConfigBindings()));
        putIfNotEmpty(node, "markers", markers(s));
        return node;
    }

    private static void putTimeRange(ObjectNode node, SessionState s) {
        TimeRange range = s.getTimeRange();
        if (range == null) {
            return;
        }
        node.put("startTimestamp", DateTimes.formatNanos(range.getStartTime(), s.getTimestamp()));
        node.put("endTimestamp", DateTimes.formatNanos(range.getEndTime(), s.getTimestamp()));
        node.putObject("timeRange").put("startTime", range.getStartTime()).put("endTime", range.getEndTime());
    }

    /** Details as an object; {@code keys} null means all, otherwise only those keys. */
    private static ObjectNode details(List<Detail> details, Set<String> keys) {
        ObjectNode node = Json.NODES.objectNode();
        for (Detail detail : details) {
            if (keys == null || keys.contains(detail.getKey())) {
                node.set(detail.getKey(), detailValue(detail.getValue()));
            }
        }
        return node;
    }

    /** The JSON of an Avro detail value: string, integer, number, boolean or dateTime (its ISO text). */
    public static JsonNode detailValue(Object value) {
        if (value instanceof Long l) {
            return Json.NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return Json.NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof DateTimeValue dt) {
            return Json.NODES.textNode(dt.getIso());
        }
        return Json.NODES.textNode(String.valueOf(value));
    }

    private static ObjectNode extDetails(List<DetailCategory> categories, Collection<String> props) {
        ObjectNode node = Json.NODES.objectNode();
        if (props == null || props.isEmpty() || categories.isEmpty()) {
            return node;
        }
        boolean all = props.contains(EXT_DETAILS);
        for (DetailCategory category : categories) {
            ObjectNode details = all || props.contains(PropertyRef.EXT_DETAILS_PREFIX + category.getName())
                    ? details(category.getDetails(), null)
                    : details(category.getDetails(), requestedKeys(category.getName(), props));
            putIfNotEmpty(node, category.getName(), details);
        }
        return node;
    }

    private static Set<String> requestedKeys(String category, Collection<String> props) {
        String prefix = PropertyRef.EXT_DETAILS_PREFIX + category + ".";
        Set<String> keys = new HashSet<>();
        for (String prop : props) {
            if (prop.startsWith(prefix)) {
                keys.add(prop.substring(prefix.length()));
            }
        }
        return keys;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode configBindings(List<ConfigBinding> bindings) {
        ArrayNode array = Json.NODES.arrayNode();
        for (ConfigBinding binding : bindings) {
            array.addObject().put("identifier", binding.getIdentifier()).put("channelOffset", binding.getChannelOffset());
        }
        return array;
    }

    private static ArrayNode markers(SessionState s) {
        ArrayNode array = Json.NODES.arrayNode();
        for (Marker marker : s.getMarkers()) {
            ObjectNode node = array.addObject().put("id", marker.getId());
            putIfPresent(node, "category", marker.getCategory());
            putIfPresent(node, "type", marker.getType());
            putIfPresent(node, "label", marker.getLabel());
            putIfPresent(node, "description", marker.getDescription());
            if (marker.getStartTime() != null) {
                node.put("startTime", marker.getStartTime());
            }
            if (marker.getEndTime() != null) {
                node.put("endTime", marker.getEndTime());
            }
            putIfNotEmpty(node, "details", markerDetails(s.getIdentity(), marker));
        }
        return array;
    }

    /** Marker details are validated JSON objects when written; anything else is logged and left out. */
    private static JsonNode markerDetails(String identity, Marker marker) {
        String json = marker.getDetailsJson();
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode details = Json.READER.readTree(json);
            if (details != null && details.isObject()) {
                return details;
            }
            LOG.warn("Session {} marker {}: details are not a JSON object, left out", identity, marker.getId());
        } catch (JsonProcessingException e) {
            LOG.warn("Session {} marker {}: details are not valid JSON, left out: {}", identity, marker.getId(),
                    e.getOriginalMessage());
        }
        return null;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(name, value);
        }
    }

    private static void putIfNotEmpty(ObjectNode node, String name, JsonNode value) {
        if (value != null && !value.isEmpty()) {
            node.set(name, value);
        }
    }
}
