package io.rta.topology.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rta.events.SessionState;
import io.rta.topology.model.SessionValues;

/**
 * A parsed session filter in the RTA query dialect (query.schema.json, devguide queries.md).
 * Immutable and thread-safe; see the module README for the semantics decided where the spec is silent.
 */
public final class SessionQuery {

    private static final SessionQuery ALL = new SessionQuery("", Criterion.ALWAYS);

    /** Rejects duplicate keys: with last-one-wins a condition would silently vanish. */
    private static final ObjectReader READER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private final String text;
    private final Criterion criterion;

    private SessionQuery(String text, Criterion criterion) {
        this.text = text;
        this.criterion = criterion;
    }

    /** The query that matches every session. */
    public static SessionQuery all() {
        return ALL;
    }

    /**
     * Parses a query; null, blank and "{}" match everything.
     *
     * @throws QueryException naming the operator or property and the rule it breaks
     */
    public static SessionQuery parse(String json) {
        if (json == null || json.isBlank()) {
            return ALL;
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new QueryException("query is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new QueryException("query must be a JSON object");
        }
        return root.isEmpty() ? ALL : new SessionQuery(json, QueryParser.criteria(root, "query"));
    }

    public boolean matches(SessionState session) {
        return criterion == Criterion.ALWAYS || criterion.matches(SessionValues.of(session));
    }

    public boolean matches(SessionValues session) {
        return criterion.matches(session);
    }

    /** Whether the query accepts every session (so callers can skip evaluating it). */
    public boolean matchesAll() {
        return criterion == Criterion.ALWAYS;
    }

    @Override
    public String toString() {
        return text;
    }
}
