package io.rta.topology.data;

import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.listOf;
import static io.rta.schemas.PropertyCheck.longBetween;
import static io.rta.schemas.PropertyCheck.oneOf;
import static io.rta.schemas.PropertyCheck.string;
import static io.rta.schemas.PropertyCheck.stringOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.data.ChannelsExpression.Range;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Channels expressions: any text parses or is refused with an {@link IllegalArgumentException} and a message; an
 * expression written from ranges matches exactly the ids of those ranges, and writing its parsed ranges back gives
 * the same id set.
 */
class ChannelsExpressionProperties {

    private static final long MAX = ChannelsExpression.MAX_CHANNEL_ID;

    @Test
    void shouldParseOrRefuseAnyText() {
        forAll(2000, ChannelsExpressionProperties::text, text -> {
            try {
                ChannelsExpression channels = ChannelsExpression.parse(text);
                assertThat(channels.ranges()).isNotEmpty();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
            }
        });
    }

    record Probed(List<Term> terms, List<Long> probes) {
    }

    @Test
    void shouldMatchExactlyTheIdsOfItsTerms() {
        forAll(2000, random -> new Probed(terms(random), probes(random)), input -> {
            List<Term> terms = input.terms();
            ChannelsExpression channels = ChannelsExpression.parse(terms.stream().map(Term::text)
                    .collect(Collectors.joining(",")));

            for (long id : input.probes()) {
                assertThat(channels.matches(id)).as("channel %d", id)
                        .isEqualTo(terms.stream().anyMatch(term -> term.from() <= id && id <= term.to()));
            }
            for (Term term : terms) {
                assertThat(channels.matches(term.from())).isTrue();
                assertThat(channels.matches(term.to())).isTrue();
            }
        });
    }

    @Test
    void shouldRoundTripItsIdSet() {
        forAll(2000, ChannelsExpressionProperties::terms, ChannelsExpressionProperties::roundTripsItsIdSet);
    }

    private static void roundTripsItsIdSet(List<Term> terms) {
        ChannelsExpression channels = ChannelsExpression.parse(terms.stream().map(Term::text)
                .collect(Collectors.joining(",")));

        String written = channels.ranges().stream()
                .map(range -> hex(range.from()) + (range.from() == range.to() ? "" : "-" + hex(range.to())))
                .collect(Collectors.joining(","));
        ChannelsExpression again = ChannelsExpression.parse(written);

        assertThat(again.ranges()).isEqualTo(channels.ranges());
        for (int i = 1; i < channels.ranges().size(); i++) {
            Range previous = channels.ranges().get(i - 1);
            assertThat(channels.ranges().get(i).from()).isGreaterThan(previous.to() + 1);
        }
    }

    /** A term as a client may write it (either case, spaces around, open ends) and the ids it covers. */
    record Term(String text, long from, long to) {
    }

    private static String text(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> string(random, 40);
            case 1 -> stringOf(random, "0123456789abcdefABCDEFxg-, \t", 0, 40);
            default -> stringOf(random, "F-,", 0, 20);
        };
    }

    private static List<Term> terms(SplittableRandom random) {
        return listOf(random, 1, 8, ChannelsExpressionProperties::term);
    }

    private static Term term(SplittableRandom random) {
        long a = id(random);
        long b = id(random);
        int shape = intBetween(random, 0, 4);
        boolean upper = random.nextBoolean();
        String space = oneOf(random, "", " ");
        long from = Math.min(a, b);
        long to = Math.max(a, b);
        String text = switch (shape) {
            case 0 -> cased(hex(from), upper);
            case 1 -> cased(hex(from) + "-" + hex(to), upper);
            case 2 -> "-" + cased(hex(to), upper);
            case 3 -> cased(hex(from), upper) + "-";
            default -> cased(Long.toHexString(from), upper) + space + "-" + space + hex(to);
        };
        return switch (shape) {
            case 0 -> new Term(space + text + space, from, from);
            case 2 -> new Term(text, 0, to);
            case 3 -> new Term(text, from, MAX);
            default -> new Term(space + text, from, to);
        };
    }

    private static long id(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> longBetween(random, 0, 40);
            case 1 -> longBetween(random, 0, MAX);
            default -> oneOf(random, MAX - 1, MAX);
        };
    }

    private static List<Long> probes(SplittableRandom random) {
        return listOf(random, 0, 20, r -> switch (r.nextInt(3)) {
            case 0 -> longBetween(r, 0, 45);
            case 1 -> longBetween(r, 0, MAX);
            default -> oneOf(r, 0L, MAX);
        });
    }

    private static String hex(long id) {
        return Long.toHexString(id).toUpperCase(Locale.ROOT);
    }

    private static String cased(String text, boolean upper) {
        return upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
    }
}
