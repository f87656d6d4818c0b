package io.rta.topology.query;

import static io.rta.topology.Sessions.dateTime;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.SessionState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSortTest {

    private static List<String> sorted(List<String> sorts, SessionState... sessions) {
        List<SessionState> list = new ArrayList<>(Arrays.asList(sessions));
        list.sort(SessionSort.parse(sorts));
        return list.stream().map(SessionState::getIdentity).toList();
    }

    @Test
    void shouldSortByTimestampDescendingByDefault() {
        SessionState older = session("older").timestamp("2021-05-06T10:00:00Z").build();
        SessionState newer = session("newer").timestamp("2021-05-07T10:00:00Z").build();

        assertThat(sorted(List.of(), older, newer)).containsExactly("newer", "older");
        assertThat(sorted(null, older, newer)).containsExactly("newer", "older");
        assertThat(SessionSort.parse(List.of()).isDefault()).isTrue();
        assertThat(SessionSort.parse(List.of("timestamp:desc")).isDefault()).isTrue();
    }

    @Test
    void shouldOrderTimestampsByInstantAcrossTimeZones() {
        SessionState early = session("early").timestamp("2021-05-06T18:58:56+01:00").build();
        SessionState late = session("late").timestamp("2021-05-06T18:30:00Z").build();

        assertThat(sorted(List.of("timestamp:asc"), late, early)).containsExactly("early", "late");
        assertThat(sorted(List.of("timestamp"), late, early)).containsExactly("early", "late");
    }

    @Test
    void shouldSortNumbersNumericallyNotAsText() {
        SessionState nine = session("nine").detail("Run", 9L).build();
        SessionState ten = session("ten").detail("Run", 10L).build();
        SessionState nineAndAHalf = session("nineAndAHalf").detail("Run", 9.5).build();

        assertThat(sorted(List.of("details.Run:asc"), ten, nine, nineAndAHalf)).containsExactly("nine", "nineAndAHalf", "ten");
        assertThat(sorted(List.of("details.Run:desc"), ten, nine, nineAndAHalf)).containsExactly("ten", "nineAndAHalf", "nine");
    }

    @Test
    void shouldSortDateTimeDetailsByInstant() {
        SessionState a = session("a").detail("started", dateTime("2021-05-06T18:58:56+01:00")).build();
        SessionState b = session("b").detail("started", dateTime("2021-05-06T18:30:00Z")).build();

        assertThat(sorted(List.of("details.started:asc"), b, a)).containsExactly("a", "b");
    }

    @Test
    void shouldPutMissingValuesLastInBothDirections() {
        SessionState low = session("low").quality(0.2).build();
        SessionState high = session("high").quality(0.9).build();
        SessionState none = session("none").build();

        assertThat(sorted(List.of("quality:asc"), none, high, low)).containsExactly("low", "high", "none");
        assertThat(sorted(List.of("quality:desc"), none, low, high)).containsExactly("high", "low", "none");
    }

    @Test
    void shouldSortByKeysInPriorityOrder() {
        SessionState a = session("a").type("X").quality(0.1).build();
        SessionState b = session("b").type("X").quality(0.9).build();
        SessionState c = session("c").type("A").quality(0.5).build();

        assertThat(sorted(List.of("type:asc", "quality:desc"), a, b, c)).containsExactly("c", "b", "a");
    }

    @Test
    void shouldBreakTiesByIdentity() {
        SessionState b = session("b").type("X").build();
        SessionState a = session("a").type("X").build();

        assertThat(sorted(List.of("type:desc"), b, a)).containsExactly("a", "b");
        assertThat(sorted(List.of(), b, a)).containsExactly("a", "b");
    }

    @Test
    void shouldSortStatesByTheirNumber() {
        SessionState open = session("open").state(2).build();
        SessionState failed = session("failed").state(28).build();
        SessionState closed = session("closed").state(4).build();

        assertThat(sorted(List.of("state:asc"), failed, closed, open)).containsExactly("open", "closed", "failed");
    }

    @Test
    void shouldSortMixedTypesNumbersFirstThenStrings() {
        SessionState text = session("text").detail("Run", "seventeen").build();
        SessionState number = session("number").detail("Run", 17L).build();

        assertThat(sorted(List.of("details.Run:asc"), text, number)).containsExactly("number", "text");
    }

    @Test
    void shouldIgnoreUnknownAndBlankKeys() {
        SessionSort sort = SessionSort.parse(List.of("bogus:asc", " ", "children:desc", "quality:DESC"));

        assertThat(sort.keys()).extracting(Object::toString).containsExactly("quality:desc");
        assertThat(SessionSort.parse(List.of("bogus")).isDefault()).isTrue();
    }

    @Test
    void shouldAcceptKeysContainingColonsWithADirection() {
        SessionSort sort = SessionSort.parse(List.of("details.Lap:Time:asc"));

        assertThat(sort.keys()).extracting(Object::toString).containsExactly("Lap:Time:asc");
    }

    @Test
    void shouldRejectADirectionOtherThanAscOrDesc() {
        assertThatThrownBy(() -> SessionSort.parse(List.of("quality:sideways")))
                .isInstanceOf(QueryException.class)
                .hasMessage("sort 'quality:sideways': the direction after ':' must be asc or desc");
    }

    @Test
    void shouldSortExtDetails() {
        SessionState a = session("a").extDetail("CarSetup", "TyrePressure", 21.5).build();
        SessionState b = session("b").extDetail("CarSetup", "TyrePressure", 20.0).build();

        assertThat(sorted(List.of("extDetails.CarSetup.TyrePressure:asc"), a, b)).containsExactly("b", "a");
    }

    @Test
    void shouldRefuseMoreKeysThanTheLimitNamingTheOption() {
        List<String> twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "details.K" + i + ":asc").toList();

        assertThatThrownBy(() -> SessionSort.parse(twenty))
                .isInstanceOf(QueryException.class)
                .hasMessage("sort key count is 20; at most 16 allowed (MaxSortKeys)");
        assertThat(SessionSort.parse(twenty.subList(0, 16)).keys()).hasSize(16);
        assertThat(SessionSort.parse(twenty, io.rta.topology.limits.InputLimits.defaults().withMaxSortKeys(20))
                .keys()).hasSize(20);
    }

    @Test
    void shouldRefuse20000KeysBeforeParsingAnyAndCountUnknownOnesButNotBlankOnes() {
        List<String> many = java.util.Collections.nCopies(20_000, "bogus:sideways");
        List<String> blanks = new ArrayList<>(java.util.Collections.nCopies(1000, " "));
        blanks.add("identifier");

        assertThatThrownBy(() -> SessionSort.parse(many))
                .isInstanceOf(QueryException.class)
                .hasMessage("sort key count is 20000; at most 16 allowed (MaxSortKeys)");
        assertThat(SessionSort.parse(blanks).keys()).hasSize(1);
    }

    @Test
    void shouldQuoteOnlyTheStartOfALongBadEntry() {
        String entry = "x".repeat(100_000) + ":sideways";

        assertThatThrownBy(() -> SessionSort.parse(List.of(entry)))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("(100009 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
