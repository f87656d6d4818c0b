package io.rta.topology.query;

import static io.rta.schemas.PropertyCheck.chance;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.listOf;
import static io.rta.schemas.PropertyCheck.oneOf;
import static io.rta.schemas.PropertyCheck.string;
import static io.rta.schemas.PropertyCheck.stringOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.limits.InputLimits;
import io.rta.topology.model.PropertyRef;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sort parameters: any list of strings gives a sort or a {@link QueryException} with a message, within the limit. */
class SessionSortProperties {

    private static final InputLimits LIMITS = InputLimits.defaults().withMaxSortKeys(4);
    private static final List<String> KNOWN = List.of("timestamp", "identifier", "state", "details.Run",
            "extDetails.Car.Wing", "timeRange.startTime", "quality");

    @Test
    void shouldGiveASortOrRefuseWithAMessage() {
        forAll(2000, random -> listOf(random, 0, 7, SessionSortProperties::entry), entries -> {
            long counted = entries.stream().filter(entry -> entry != null && !entry.isBlank()).count();
            try {
                SessionSort sort = SessionSort.parse(entries, LIMITS);
                assertThat(counted).isLessThanOrEqualTo(LIMITS.maxSortKeys());
                assertThat(sort.keys()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxSortKeys());
            } catch (QueryException e) {
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.getMessage().contains("(MaxSortKeys)")).isEqualTo(counted > LIMITS.maxSortKeys());
            }
        });
    }

    @Test
    void shouldKeepWellFormedKnownKeysInOrder() {
        forAll(1000, random -> listOf(random, 0, LIMITS.maxSortKeys(), SessionSortProperties::wellFormedEntry),
                entries -> {
                    SessionSort sort = SessionSort.parse(entries, LIMITS);

                    List<SessionSort.Key> expected = entries.stream().map(entry -> {
                        int colon = entry.lastIndexOf(':');
                        return colon < 0 ? new SessionSort.Key(PropertyRef.parse(entry), false)
                                : new SessionSort.Key(PropertyRef.parse(entry.substring(0, colon)),
                                        entry.endsWith(":desc"));
                    }).toList();
                    assertThat(sort.keys()).containsExactlyElementsOf(expected.isEmpty()
                            ? SessionSort.defaultOrder().keys() : expected);
                });
    }

    /** Any entry a client may send, null one time in twenty. */
    private static String entry(SplittableRandom random) {
        if (chance(random, 0.05)) {
            return null;
        }
        return switch (random.nextInt(4)) {
            case 0 -> string(random, 12);
            case 1 -> stringOf(random, "ascdeASCDE: ", 0, 10);
            case 2 -> wellFormedEntry(random);
            default -> oneOf(random, "", " ", "bogus", "a:b:desc", ":asc", "x:");
        };
    }

    private static String wellFormedEntry(SplittableRandom random) {
        return oneOf(random, KNOWN) + oneOf(random, "", ":asc", ":desc");
    }
}
