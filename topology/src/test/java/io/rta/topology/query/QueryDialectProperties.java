package io.rta.topology.query;

import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.listOf;
import static io.rta.schemas.PropertyCheck.longBetween;
import static io.rta.schemas.PropertyCheck.oneOf;
import static io.rta.schemas.PropertyCheck.string;
import static io.rta.schemas.PropertyCheck.stringOf;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

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

    private static final List<String> OUTCOMES = List.of("query", "refused", "MaxQueryDepth", "MaxQueryTerms",
            "MaxQueryOperands");

    @Test
    void shouldGiveAQueryOrRefuseWithAMessageRespectingTheLimits() {
        Map<String, Integer> outcomes = new TreeMap<>();
        forAll(1000, random -> object(random, 0), tree -> outcomes.merge(parseWithinTheLimits(tree), 1, Integer::sum));

        // the generator reaches every outcome, so each branch above was checked
        assertThat(outcomes).as("outcomes of 1000 trees").containsKeys(OUTCOMES.toArray(String[]::new));
    }

    /**
     * The random trees above seldom reach one limit while within the others (none of 1000 is 6 deep with at most 10
     * terms and 5 operands), so an off-by-one in a limit would pass them: these trees sit at and just past each one.
     */
    @Test
    void shouldHoldEachLimitAtItsBoundary() {
        Map<String, Integer> outcomes = new TreeMap<>();
        forAll(1000, QueryDialectProperties::boundaryTree,
                tree -> outcomes.merge(parseWithinTheLimits(tree), 1, Integer::sum));

        assertThat(outcomes).as("outcomes of 1000 trees at the limits")
                .containsKeys("query", "MaxQueryDepth", "MaxQueryTerms", "MaxQueryOperands");
    }

    /** Parses {@code tree}, checks the answer against the limits and returns the outcome (one of OUTCOMES). */
    private static String parseWithinTheLimits(ObjectNode tree) {
        Counts counts = Counts.of(tree);
        SessionQuery query;
        try {
            query = SessionQuery.parse(tree.toString(), LIMITS);
        } catch (QueryException e) {
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
            return e.getMessage().contains("(MaxQueryDepth)") ? "MaxQueryDepth"
                    : e.getMessage().contains("(MaxQueryTerms)") ? "MaxQueryTerms"
                    : e.getMessage().contains("(MaxQueryOperands)") ? "MaxQueryOperands" : "refused";
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("query " + tree + " failed with " + e, e);
        }
        if (!counts.within(LIMITS)) {
            fail("a query beyond the limits was accepted: " + tree + " (" + counts + ")");
        }
        SESSIONS.forEach(query::matches);
        return "query";
    }

    @Test
    void shouldNeverFailOtherwiseOnArbitraryText() {
        forAll(1000, random -> string(random, 255), QueryDialectProperties::parsesOrRefuses);
    }

    @Test
    void shouldNeverFailOtherwiseOnTextMadeOfJsonPunctuation() {
        forAll(500, random -> stringOf(random, "{}[]:,\"$ 01an", 0, 200), QueryDialectProperties::parsesOrRefuses);
    }

    private static void parsesOrRefuses(String text) {
        try {
            SessionQuery query = SessionQuery.parse(text, LIMITS);
            SESSIONS.forEach(query::matches);
        } catch (QueryException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** An object of up to 3 fields (none below depth 8), keys from the dialect's words and random text. */
    private static ObjectNode object(SplittableRandom random, int depth) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        int size = intBetween(random, 0, depth > 8 ? 0 : 3);
        while (fields.size() < size) {
            String key = random.nextBoolean() ? oneOf(random, KEYS) : string(random, 5);
            fields.put(key, value(random, depth + 1));
        }
        return objectOf(fields);
    }

    /** Mostly scalars, then objects, then arrays (6:3:1); only scalars below depth 9. */
    private static JsonNode value(SplittableRandom random, int depth) {
        if (depth > 9) {
            return scalar(random);
        }
        int roll = random.nextInt(10);
        return roll < 6 ? scalar(random) : roll < 9 ? object(random, depth) : array(random, depth);
    }

    private static JsonNode array(SplittableRandom random, int depth) {
        ArrayNode array = NODES.arrayNode();
        listOf(random, 0, 4, r -> value(r, depth + 1)).forEach(array::add);
        return array;
    }

    /** A tree one below, at or one past the depth, term or operand limit, and within the other two. */
    private static ObjectNode boundaryTree(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> deep(random, intBetween(random, LIMITS.maxQueryDepth() - 1, LIMITS.maxQueryDepth() + 1));
            case 1 -> wide(random, intBetween(random, LIMITS.maxQueryTerms() - 1, LIMITS.maxQueryTerms() + 1));
            default -> {
                ArrayNode items = NODES.arrayNode();
                int operands = intBetween(random, LIMITS.maxQueryOperands() - 1, LIMITS.maxQueryOperands() + 1);
                for (int i = 0; i < operands; i++) {
                    items.add(scalar(random));
                }
                yield objectOf(Map.of(oneOf(random, "identifier", "details.Run", "state"),
                        objectOf(Map.of(oneOf(random, "$in", "$nin"), items))));
            }
        };
    }

    /** One criterion nested to {@code depth}: {@code $not} adds a level, {@code $and} and its like with a list two. */
    private static ObjectNode deep(SplittableRandom random, int depth) {
        ObjectNode node = objectOf(Map.of(oneOf(random, "identifier", "details.Run", "state"), scalar(random)));
        for (int level = 1; level < depth; ) {
            if (level + 2 <= depth && random.nextBoolean()) {
                node = objectOf(Map.of(oneOf(random, "$and", "$or", "$nor"), NODES.arrayNode().add(node)));
                level += 2;
            } else {
                node = objectOf(Map.of("$not", node));
                level++;
            }
        }
        return node;
    }

    /** An {@code $and} of {@code terms} terms: its key, each criteria object in its list, their keys. */
    private static ObjectNode wide(SplittableRandom random, int terms) {
        ArrayNode criteria = NODES.arrayNode();
        int operands = 0;
        for (int counted = 1; counted < terms; ) {
            if (terms - counted >= 2 && operands < LIMITS.maxQueryOperands() && random.nextBoolean()) {
                criteria.add(objectOf(Map.of(oneOf(random, "identifier", "details.Run", "state"), scalar(random))));
                operands++;
                counted += 2;
            } else {
                criteria.add(NODES.objectNode());
                counted++;
            }
        }
        return objectOf(Map.of(oneOf(random, "$and", "$or", "$nor"), criteria));
    }

    private static JsonNode scalar(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode(oneOf(random, TEXTS));
            case 1 -> NODES.textNode(string(random, 8));
            case 2 -> NODES.numberNode(longBetween(random, -3, 20));
            case 3 -> NODES.numberNode(oneOf(random, 0.0, -0.0, 0.5, 17.0, 1e300));
            default -> oneOf(random, NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode());
        };
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
