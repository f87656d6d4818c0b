package io.rta.topology.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.SessionState;
import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/**
 * Builds the SessionMetamodel JSON of api.yaml (capabilities, facet values, min/max) and the
 * PropertySummary list of metamodel discovery, from {@link Facets}.
 */
public final class Metamodel {

    /** At most this many distinct values are listed per property (the first ones in value order). */
    public static final int MAX_VALUES = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The metamodel's extDetails member, which {@link #extDetails} renders. */
    public static final String EXT_DETAILS = "extDetails";
    private static final List<String> LOWER_CASE_PREFIXES = List.of(
            PropertyRef.DETAILS_PREFIX.toLowerCase(Locale.ROOT), PropertyRef.EXT_DETAILS_PREFIX.toLowerCase(Locale.ROOT));

    /** The built-in properties offered by discovery, in metamodel order. */
    private static final List<PropertySummary> BUILT_INS = List.of(
            new PropertySummary("state", "State", "Whether the session is expected to receive more data"),
            new PropertySummary("timestamp", "Timestamp", "Official session timestamp"),
            new PropertySummary("startTimestamp", "Start Timestamp", "Start of the telemetry"),
            new PropertySummary("endTimestamp", "End Timestamp", "End of the telemetry"),
            new PropertySummary("identifier", "Identifier", "Human-readable name"),
            new PropertySummary("type", "Type", "Type classifier, indicating the origin or content of the session"),
            new PropertySummary("quality", "Quality", "Quality indicator from 0.0 (worst) to 1.0 (best)"),
            new PropertySummary("group", "Group", "Organizes the session amongst its peers"),
            new PropertySummary("version", "Version", "SemVer-style version number"));

    private Metamodel() {
    }

    /** The metamodel of a set of sessions; {@code props} may request extDetails ("extDetails.Cat[.key]"). */
    public static ObjectNode of(Iterable<SessionState> sessions, Collection<String> props) {
        List<SessionValues> values = wrap(sessions);
        return render(Facets.over(values), values, props);
    }

    /** Discovery over a set of sessions: see {@link #properties(Facets, String)}. */
    public static List<PropertySummary> properties(Iterable<SessionState> sessions, String partial) {
        return properties(Facets.over(wrap(sessions)), partial);
    }

    /**
     * Renders aggregated facets; {@code extScope} is scanned only when {@code props} requests
     * extDetails, which are not aggregated ahead of time.
     */
    public static ObjectNode render(Facets facets, Iterable<SessionValues> extScope, Collection<String> props) {
        ObjectNode root = NODES.objectNode();
        root.set("state", capabilities());
        root.set("timestamp", range(facets.timestamp()));
        root.set("startTimestamp", range(facets.startTimestamp()));
        root.set("endTimestamp", range(facets.endTimestamp()));
        root.set("identifier", descriptor(NODES.objectNode()));
        root.set("type", values(facets.type()));
        root.set("quality", range(facets.quality()));
        root.set("group", values(facets.group()));
        root.set("version", values(facets.version()));
        root.set("details", details(facets.details()));
        root.set(EXT_DETAILS, extDetails(extScope, props));
        return root;
    }

    /**
     * Properties matching {@code partial}, case-insensitive (null or empty matches all): the id starts
     * with it, or the name after the "details." / "extDetails." prefix contains it (so "details." does
     * not find every extDetails id). Covers the built-ins, "details.key", "extDetails.Category" and
     * "extDetails.Category.key"; sorted by id.
     */
    public static List<PropertySummary> properties(Facets facets, String partial) {
        String needle = partial == null ? "" : partial.toLowerCase(Locale.ROOT);
        List<PropertySummary> found = new ArrayList<>();
        for (PropertySummary builtIn : BUILT_INS) {
            addIfMatches(found, builtIn, needle);
        }
        for (String key : facets.details().keySet()) {
            addIfMatches(found, new PropertySummary(PropertyRef.DETAILS_PREFIX + key, key, null), needle);
        }
        for (String id : facets.extIds()) {
            String label = id.substring(id.lastIndexOf('.') + 1);
            addIfMatches(found, new PropertySummary(PropertyRef.EXT_DETAILS_PREFIX + id, label, null), needle);
        }
        found.sort(Comparator.comparing(PropertySummary::id));
        return found;
    }

    /** The JSON array of PropertySummary objects (description omitted when unknown). */
    public static ArrayNode toJson(List<PropertySummary> summaries) {
        ArrayNode array = NODES.arrayNode();
        for (PropertySummary summary : summaries) {
            ObjectNode node = array.addObject().put("id", summary.id()).put("label", summary.label());
            if (summary.description() != null) {
                node.put("description", summary.description());
            }
        }
        return array;
    }

    private static void addIfMatches(List<PropertySummary> found, PropertySummary summary, String needle) {
        String id = summary.id().toLowerCase(Locale.ROOT);
        if (id.startsWith(needle) || nameOf(id).contains(needle)) {
            found.add(summary);
        }
    }

    private static String nameOf(String lowerCaseId) {
        for (String prefix : LOWER_CASE_PREFIXES) {
            if (lowerCaseId.startsWith(prefix)) {
                return lowerCaseId.substring(prefix.length());
            }
        }
        return lowerCaseId;
    }

    private static ObjectNode details(Map<String, Facet> facets) {
        ObjectNode details = NODES.objectNode();
        facets.forEach((key, facet) -> details.set(key, detail(key, facet)));
        return details;
    }

    private static ObjectNode detail(String key, Facet facet) {
        ObjectNode node = NODES.objectNode().put("label", key);
        String type = facet.typeName();
        node.put("type", type);
        ObjectNode constraints = NODES.objectNode();
        addValues(constraints, facet);
        if (type.equals("integer") || type.equals("number") || type.equals("dateTime")) {
            addRange(constraints, facet);
        }
        return descriptor(constraints, node);
    }

    /** The extDetails facets of the sessions in scope that {@code props} requests ({@code {}} when none). */
    public static ObjectNode extDetails(Iterable<SessionValues> scope, Collection<String> props) {
        ObjectNode ext = NODES.objectNode();
        ExtRequest request = ExtRequest.of(props);
        if (request.isEmpty()) {
            return ext;
        }
        TreeMap<String, TreeMap<String, Facet>> facets = new TreeMap<>();
        for (SessionValues session : scope) {
            request.collect(session, facets);
        }
        facets.forEach((category, byKey) -> {
            ObjectNode group = ext.putObject(category).put("label", category);
            ObjectNode properties = group.putObject("properties");
            byKey.forEach((key, facet) -> properties.set(key, detail(key, facet)));
        });
        return ext;
    }

    private static ObjectNode range(Facet facet) {
        ObjectNode constraints = NODES.objectNode();
        addRange(constraints, facet);
        return descriptor(constraints);
    }

    private static ObjectNode values(Facet facet) {
        ObjectNode constraints = NODES.objectNode();
        addValues(constraints, facet);
        return descriptor(constraints);
    }

    private static void addRange(ObjectNode constraints, Facet facet) {
        Value min = facet.min();
        Value max = facet.max();
        if (min != null && max != null) {
            constraints.set("minimum", min.toJson());
            constraints.set("maximum", max.toJson());
        }
    }

    private static void addValues(ObjectNode constraints, Facet facet) {
        List<Value> values = facet.values(MAX_VALUES);
        if (!values.isEmpty()) {
            ArrayNode array = constraints.putArray("values");
            values.forEach(value -> array.add(value.toJson()));
        }
    }

    private static ObjectNode descriptor(ObjectNode constraints) {
        return descriptor(constraints, NODES.objectNode());
    }

    private static ObjectNode descriptor(ObjectNode constraints, ObjectNode into) {
        into.set("capabilities", capabilities());
        if (!constraints.isEmpty()) {
            into.set("constraints", constraints);
        }
        return into;
    }

    private static ObjectNode capabilities() {
        return NODES.objectNode().put("filter", true).put("sort", true);
    }

    private static List<SessionValues> wrap(Iterable<SessionState> sessions) {
        return StreamSupport.stream(sessions.spliterator(), false).map(SessionValues::of).toList();
    }

    /** Which extDetails the client asked for: "extDetails" (all), "extDetails.Cat" or "extDetails.Cat.key". */
    private record ExtRequest(boolean all, Set<String> paths) {

        static ExtRequest of(Collection<String> props) {
            boolean all = false;
            Set<String> paths = new HashSet<>();
            for (String prop : props == null ? List.<String>of() : props) {
                if (prop.equals(EXT_DETAILS)) {
                    all = true;
                } else if (prop.startsWith(PropertyRef.EXT_DETAILS_PREFIX)) {
                    paths.add(prop.substring(PropertyRef.EXT_DETAILS_PREFIX.length()));
                }
            }
            return new ExtRequest(all, paths);
        }

        boolean isEmpty() {
            return !all && paths.isEmpty();
        }

        void collect(SessionValues session, Map<String, TreeMap<String, Facet>> facets) {
            for (int c = 0; c < session.extCategoryCount(); c++) {
                String name = session.extCategoryName(c);
                boolean whole = all || paths.contains(name);
                TreeMap<String, Facet> byKey = null;
                for (int i = 0; i < session.extDetailCount(c); i++) {
                    String key = session.extDetailKey(c, i);
                    if (whole || paths.contains(name + "." + key)) {
                        byKey = byKey != null ? byKey : facets.computeIfAbsent(name, n -> new TreeMap<>());
                        byKey.computeIfAbsent(key, k -> Facet.scan()).add(session.extDetailValue(c, i));
                    }
                }
            }
        }
    }
}
