package io.rta.topology.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.rta.topology.limits.InputLimits;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Measures a query while tokenizing it, before any tree is built, and refuses it at the first limit it passes:
 * a 100,000-deep or 200,000-operand query costs one pass over its text up to the limit, never a tree, a deep
 * recursion or an evaluation per session. What counts (documented with the options):
 * <ul>
 *   <li>depth: nesting of JSON objects and arrays ({@code {"a": 1}} is 1, {@code {"$or": [{"a": 1}]}} is 3);</li>
 *   <li>terms: every key of every object (a property, {@code $and}/{@code $or}/{@code $nor}/{@code $not}, or an
 *       operator) and every criteria object of a list, so that {@code {"$and": [{}, {}, ...]}} counts too;</li>
 *   <li>operands: every string, number, boolean and null, {@code $in}/{@code $nin} items included.</li>
 * </ul>
 */
final class QueryBounds {

    /**
     * Jackson's own nesting limit is set above the highest {@link InputLimits#maxQueryDepth} allowed, so a deep
     * query always meets ours first (and its message names the option).
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(InputLimits.QUERY_DEPTH_CEILING + 1).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private QueryBounds() {
    }

    /** @throws QueryException naming the limit and its option, or the JSON syntax error met first */
    static void check(String json, InputLimits limits) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            int depth = 0;
            int terms = 0;
            int operands = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > limits.maxQueryDepth()) {
                            throw refused("query nesting depth", depth, limits.maxQueryDepth(),
                                    InputLimits.MAX_QUERY_DEPTH);
                        }
                        if (token == JsonToken.START_OBJECT && parser.getParsingContext().getParent().inArray()) {
                            terms = countTerm(terms, limits);
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> terms = countTerm(terms, limits);
                    default -> {
                        if (token.isScalarValue() && ++operands > limits.maxQueryOperands()) {
                            throw refused("query operand count", operands, limits.maxQueryOperands(),
                                    InputLimits.MAX_QUERY_OPERANDS);
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new QueryException("query is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a query from memory failed", e);
        }
    }

    private static int countTerm(int terms, InputLimits limits) {
        if (terms + 1 > limits.maxQueryTerms()) {
            throw refused("query term count", terms + 1, limits.maxQueryTerms(), InputLimits.MAX_QUERY_TERMS);
        }
        return terms + 1;
    }

    /** Counting stops at the first item beyond the limit, so {@code actual} is the limit plus one. */
    private static QueryException refused(String what, int actual, int limit, String option) {
        return new QueryException(InputLimits.exceeded(what, actual, limit, option));
    }
}
