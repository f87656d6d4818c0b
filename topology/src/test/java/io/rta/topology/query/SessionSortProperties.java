package io.rta.topology.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.limits.InputLimits;
import io.rta.topology.model.PropertyRef;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Sort parameters: any list of strings gives a sort or a {@link QueryException} with a message, within the limit. */
class SessionSortProperties {

    private static final InputLimits LIMITS = InputLimits.defaults().withMaxSortKeys(4);
    private static final List<String> KNOWN = List.of("timestamp", "identifier", "state", "details.Run",
            "extDetails.Car.Wing", "timeRange.startTime", "quality");

    @Property(tries = 2000)
    void shouldGiveASortOrRefuseWithAMessage(@ForAll("entries") List<String> entries) {
        long counted = entries.stream().filter(entry -> entry != null && !entry.isBlank()).count();
        try {
            SessionSort sort = SessionSort.parse(entries, LIMITS);
            assertThat(counted).isLessThanOrEqualTo(LIMITS.maxSortKeys());
            assertThat(sort.keys()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxSortKeys());
        } catch (QueryException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.getMessage().contains("(MaxSortKeys)")).isEqualTo(counted > LIMITS.maxSortKeys());
        }
    }

    @Property(tries = 1000)
    void shouldKeepWellFormedKnownKeysInOrder(@ForAll("wellFormed") List<String> entries) {
        SessionSort sort = SessionSort.parse(entries, LIMITS);

        List<SessionSort.Key> expected = entries.stream().map(entry -> {
            int colon = entry.lastIndexOf(':');
            return colon < 0 ? new SessionSort.Key(PropertyRef.parse(entry), false)
                    : new SessionSort.Key(PropertyRef.parse(entry.substring(0, colon)),
                            entry.endsWith(":desc"));
        }).toList();
        assertThat(sort.keys()).containsExactlyElementsOf(expected.isEmpty()
                ? SessionSort.defaultOrder().keys() : expected);
    }

    @Provide
    Arbitrary<List<String>> entries() {
        Arbitrary<String> entry = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("ascdeASCDE: ").ofMaxLength(10),
                wellFormedEntry(),
                Arbitraries.of("", " ", "bogus", "a:b:desc", ":asc", "x:"));
        return entry.injectNull(0.05).list().ofMaxSize(7);
    }

    @Provide
    Arbitrary<List<String>> wellFormed() {
        return wellFormedEntry().list().ofMaxSize(LIMITS.maxSortKeys());
    }

    private static Arbitrary<String> wellFormedEntry() {
        return Combinators.combine(Arbitraries.of(KNOWN), Arbitraries.of("", ":asc", ":desc"))
                .as((key, direction) -> key + direction);
    }
}
