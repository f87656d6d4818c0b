package io.rta.topology.query;

import static io.rta.topology.Sessions.dateTime;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.SessionState;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.session.SessionStates;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The query dialect's parser against random JSON trees and random text: it either gives a query (which then evaluates
 * without failing) or refuses with a {@link QueryException} and a message; nothing else escapes. A tree beyond a
 * limit is always refused naming that limit's option, and a refusal naming a limit means the tree is beyond it.
 */
class QueryDialectProperties {

    private static final InputLimits LIMITS = InputLimits.defaults().withMaxQueryDepth(5).withMaxQueryTerms(10)
            .withMaxQueryOperands(5);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("type", "identifier", "details.Run", "details.Driver", "state",
            "timestamp", "quality", "startTimestamp", "extDetails.Car.Wing", "bogus", "", "$and", "$or", "$nor",
            "$not", "$in", "$nin", "$eq", "$neq", "$gt", "$gte", "$lt", "$lte", "$contains", "$startsWith",
            "$endsWith", "$regex");
    private static final List<String> TEXTS = List.of("DDS", "SAI", "open", "closed", "2021-05-06T18:58:56+01:00",
            "2021-05-06", "17", "", "run");
    private static final List<SessionState> SESSIONS = List.of(
            session("a").type("DDS").state(SessionStates.OPEN).quality(0.5).detail("Run", 17L)
                    .detail("Driver", "SAI").detail("started", dateTime("2021-05-06T18:00:00Z"))
                    .extDetail("Car", "Wing", 3L).timeRange(1, 2).build(),
            session("b").build());

    @Property(tries = 1000)
    void shouldGiveAQueryOrRefuseWithAMessageRespectingTheLimits(@ForAll("queries") ObjectNode tree) {
        Counts counts = Counts.of(tree);
        Statistics.label("outcome").coverage(coverage -> {
            for (String outcome : List.of("query", "refused", "MaxQueryDepth", "MaxQueryTerms", "MaxQueryOperands")) {
                coverage.check(outcome).count(n -> n > 0);
            }
        });
        SessionQuery query;
        try {
            query = SessionQuery.parse(tree.toString(), LIMITS);
        } catch (QueryException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Statistics.label("outcome").collect(message.contains("(MaxQueryDepth)") ? "MaxQueryDepth"
                    : message.contains("(MaxQueryTerms)") ? "MaxQueryTerms"
                    : message.contains("(MaxQueryOperands)") ? "MaxQueryOperands" : "refused");
            assertThat(e.getMessage()).isNotBlank();
            if (e.getMessage().contains("(MaxQueryDepth)")) {
                assertThat(counts.depth).isGreaterThan(LIMITS.maxQueryDepth());
            }
            if (e.getMessage().contains("(MaxQueryTerms)")) {
                assertThat(counts.terms).isGreaterThan(LIMITS.maxQueryTerms());
            }
            if (e.getMessage().contains("(MaxQueryOperands)")) {
                assertThat(counts.operands).isGreaterThan(LIMITS.maxQueryOperands());
            }
            if (!counts.within(LIMITS)) {
                assertThat(e.getMessage()).containsAnyOf("(MaxQueryDepth)", "(MaxQueryTerms)", "(MaxQueryOperands)");
            }
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("query " + tree + " failed with " + e, e);
        }
        if (!counts.within(LIMITS)) {
            fail("a query beyond the limits was accepted: " + tree + " (" + counts + ")");
        }
        Statistics.label("outcome").collect("query");
        SESSIONS.forEach(query::matches);
    }

    @Property(tries = 1000)
    void shouldNeverFailOtherwiseOnArbitraryText(@ForAll String text) {
        try {
            SessionQuery query = SessionQuery.parse(text, LIMITS);
            SESSIONS.forEach(query::matches);
        } catch (QueryException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void shouldNeverFailOtherwiseOnTextMadeOfJsonPunctuation(@ForAll("punctuation") String text) {
        shouldNeverFailOtherwiseOnArbitraryText(text);
    }

    @Provide
    Arbitrary<ObjectNode> queries() {
        return object(0);
    }

    @Provide
    Arbitrary<String> punctuation() {
        return Arbitraries.strings().withChars("{}[]:,\"$ 01an").ofMaxLength(200);
    }

    private Arbitrary<ObjectNode> object(int depth) {
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(5)),
                        value(depth + 1)).ofMaxSize(depth > 8 ? 0 : 3)
                .map(QueryDialectProperties::objectOf);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> scalar = scalar();
        if (depth > 9) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar),
                Tuple.of(3, Arbitraries.lazy(() -> object(depth)).map(node -> (JsonNode) node)),
                Tuple.of(1, Arbitraries.lazy(() -> array(depth))));
    }

    private Arbitrary<JsonNode> array(int depth) {
        return value(depth + 1).list().ofMaxSize(4).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
    }

    private static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(NODES::textNode),
                Arbitraries.strings().ofMaxLength(8).map(NODES::textNode),
                Arbitraries.longs().between(-3, 20).map(NODES::numberNode),
                Arbitraries.of(0.0, -0.0, 0.5, 17.0, 1e300).map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
    }

    private static ObjectNode objectOf(Map<String, JsonNode> fields) {
        ObjectNode object = NODES.objectNode();
        fields.forEach(object::set);
        return object;
    }

    /** The tree's size as the limits count it, worked out independently of the parser. */
    record Counts(int depth, int terms, int operands) {

        static Counts of(JsonNode root) {
            int[] totals = new int[3];
            walk(root, 1, false, totals);
            return new Counts(totals[0], totals[1], totals[2]);
        }

        private static void walk(JsonNode node, int depth, boolean inArray, int[] totals) {
            if (node.isContainerNode()) {
                totals[0] = Math.max(totals[0], depth);
                if (node.isObject()) {
                    totals[1] += node.size() + (inArray ? 1 : 0);
                }
                node.elements().forEachRemaining(child -> walk(child, depth + 1, node.isArray(), totals));
            } else {
                totals[2]++;
            }
        }

        boolean within(InputLimits limits) {
            return depth <= limits.maxQueryDepth() && terms <= limits.maxQueryTerms()
                    && operands <= limits.maxQueryOperands();
        }
    }
}
