package io.rta.topology.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rta.events.SessionState;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.model.SessionValues;
import java.util.function.Predicate;

/**
 * A parsed session filter in the RTA query dialect (query.schema.json, devguide queries.md).
 * Immutable and thread-safe; see the module README for the semantics decided where the spec is silent.
 */
public final class SessionQuery {

    private static final SessionQuery ALL = new SessionQuery("", Criterion.ALWAYS);

    /**
     * Rejects duplicate keys: with last-one-wins a condition would silently vanish. Shares {@link QueryBounds}'
     * factory, whose nesting limit is above every allowed query depth.
     */
    private static final ObjectReader READER = new ObjectMapper(QueryBounds.FACTORY)
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
     * A query that filters by code rather than by the JSON dialect (callers that already hold a predicate; tests).
     *
     * @param description what {@link #toString} says
     */
    public static SessionQuery where(String description, Predicate<SessionValues> predicate) {
        return new SessionQuery(description, predicate::test);
    }

    /** {@link #parse(String, InputLimits)} with the default limits. */
    public static SessionQuery parse(String json) {
        return parse(json, InputLimits.defaults());
    }

    /**
     * Parses a query; null, blank and "{}" match everything. Its depth, terms and operands are counted while it is
     * tokenized, and it is refused at the first limit it passes, before any tree is built.
     *
     * @throws QueryException naming the operator or property and the rule it breaks, or the limit and its option
     */
    public static SessionQuery parse(String json, InputLimits limits) {
        if (json == null || json.isBlank()) {
            return ALL;
        }
        QueryBounds.check(json, limits);
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
