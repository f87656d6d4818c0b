package io.rta.topology.query;

import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.SessionState;
import io.rta.topology.limits.InputLimits;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bounds on what one session query may cost: depth, terms and operands, each refused naming its option. */
class QueryLimitsTest {

    private static final InputLimits DEFAULTS = InputLimits.defaults();
    private static final SessionState SESSION = session("s1").type("DDS").detail("Run", 17L).build();

    @Test
    void shouldAcceptAQueryAtEveryLimitExactly() {
        InputLimits tight = DEFAULTS.withMaxQueryDepth(3).withMaxQueryTerms(4).withMaxQueryOperands(2);

        SessionQuery query = SessionQuery.parse("{\"$or\": [{\"type\": \"DDS\"}], \"details.Run\": 17}", tight);

        assertThat(query.matches(SESSION)).isTrue();
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitNamingTheOption() {
        InputLimits limits = DEFAULTS.withMaxQueryDepth(3);

        assertThatThrownBy(() -> SessionQuery.parse("{\"$or\": [{\"type\": {\"$eq\": \"DDS\"}}]}", limits))
                .isInstanceOf(QueryException.class)
                .hasMessage("query nesting depth is 4; at most 3 allowed (MaxQueryDepth)");
    }

    @Test
    void shouldRefuseADeepQueryByDefaultAt33Levels() {
        String deep = "{\"$not\": ".repeat(32) + "{}" + "}".repeat(32);

        assertThatThrownBy(() -> SessionQuery.parse(deep))
                .isInstanceOf(QueryException.class)
                .hasMessage("query nesting depth is 33; at most 32 allowed (MaxQueryDepth)");
        assertThat(SessionQuery.parse("{\"$not\": ".repeat(31) + "{}" + "}".repeat(31)).matches(SESSION)).isFalse();
    }

    @Test
    void shouldRefuseA100000DeepDocumentWithoutOverflowingTheStack() {
        String objects = "{\"$not\": ".repeat(100_000) + "{}" + "}".repeat(100_000);
        String arrays = "{\"$and\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String unclosed = "[".repeat(100_000);

        for (String deep : List.of(objects, arrays, unclosed)) {
            assertThatThrownBy(() -> SessionQuery.parse(deep))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("(MaxQueryDepth)");
        }
    }

    @Test
    void shouldRefuseMoreTermsThanTheLimitCountingEveryKeyAndListedObject() {
        InputLimits limits = DEFAULTS.withMaxQueryTerms(5);
        String fiveTerms = "{\"$or\": [{\"type\": \"a\"}, {}], \"details.Run\": 1}";
        String sixTerms = "{\"$or\": [{\"type\": \"a\"}, {}, {}], \"details.Run\": 1}";

        SessionQuery.parse(fiveTerms, limits);
        assertThatThrownBy(() -> SessionQuery.parse(sixTerms, limits))
                .isInstanceOf(QueryException.class)
                .hasMessage("query term count is 6; at most 5 allowed (MaxQueryTerms)");
    }

    @Test
    void shouldRefuse50000OrBranchesByDefault() {
        String branches = IntStream.range(0, 50_000).mapToObj(i -> "{\"details.Run\": " + i + "}")
                .collect(Collectors.joining(",", "{\"$or\": [", "]}"));

        assertThatThrownBy(() -> SessionQuery.parse(branches))
                .isInstanceOf(QueryException.class)
                .hasMessage("query term count is 1025; at most 1024 allowed (MaxQueryTerms)");
    }

    @Test
    void shouldRefuseEvenEmptyCriteriaObjectsBeyondTheTermLimit() {
        String empties = "{\"$and\": [" + "{},".repeat(2000) + "{}]}";

        assertThatThrownBy(() -> SessionQuery.parse(empties))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("(MaxQueryTerms)");
    }

    @Test
    void shouldRefuse200000InOperandsByDefault() {
        String operands = IntStream.range(0, 200_000).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "{\"details.Run\": {\"$in\": [", "]}}"));

        assertThatThrownBy(() -> SessionQuery.parse(operands))
                .isInstanceOf(QueryException.class)
                .hasMessage("query operand count is 10001; at most 10000 allowed (MaxQueryOperands)");
    }

    @Test
    void shouldCountEveryScalarAsAnOperand() {
        InputLimits limits = DEFAULTS.withMaxQueryOperands(3);

        SessionQuery.parse("{\"type\": \"a\", \"details.Run\": {\"$nin\": [1, null]}}", limits);
        assertThatThrownBy(() -> SessionQuery.parse("{\"type\": true, \"details.Run\": {\"$in\": [1, 2, 3]}}",
                limits))
                .isInstanceOf(QueryException.class)
                .hasMessage("query operand count is 4; at most 3 allowed (MaxQueryOperands)");
    }

    @Test
    void shouldStillReportSyntaxErrorsAndDuplicateKeysAsBefore() {
        assertThatThrownBy(() -> SessionQuery.parse("{\"type\": "))
                .isInstanceOf(QueryException.class).hasMessageStartingWith("query is not valid JSON:");
        assertThatThrownBy(() -> SessionQuery.parse("{\"type\": 1, \"type\": 2}"))
                .isInstanceOf(QueryException.class).hasMessageContaining("Duplicate field 'type'");
        assertThatThrownBy(() -> SessionQuery.parse("{} {}"))
                .isInstanceOf(QueryException.class).hasMessageStartingWith("query is not valid JSON:");
    }

    @Test
    void shouldQuoteOnlyTheStartOfALongUnknownOperator() {
        String operator = "$" + "x".repeat(10_000);

        assertThatThrownBy(() -> SessionQuery.parse("{\"" + operator + "\": 1}"))
                .isInstanceOf(QueryException.class)
                .hasMessageStartingWith("unknown operator $xxx")
                .hasMessageContaining("(10001 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void shouldQuoteControlCharactersEscaped() {
        assertThatThrownBy(() -> SessionQuery.parse("{\"$bad\\r\\n\\u001b\": 1}"))
                .isInstanceOf(QueryException.class)
                .hasMessageStartingWith("unknown operator $bad\\u000D\\u000A\\u001B:");
    }

    @Test
    void shouldRefuseADepthLimitAboveTheCeiling() {
        assertThatThrownBy(() -> DEFAULTS.withMaxQueryDepth(InputLimits.QUERY_DEPTH_CEILING + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MaxQueryDepth 1001 is above 1000");
        SessionQuery.parse("{\"$not\": ".repeat(998) + "{}" + "}".repeat(998),
                DEFAULTS.withMaxQueryDepth(InputLimits.QUERY_DEPTH_CEILING));
    }
}
