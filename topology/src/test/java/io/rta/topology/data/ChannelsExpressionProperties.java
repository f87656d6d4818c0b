package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.data.ChannelsExpression.Range;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Channels expressions: any text parses or is refused with an {@link IllegalArgumentException} and a message; an
 * expression written from ranges matches exactly the ids of those ranges, and writing its parsed ranges back gives
 * the same id set.
 */
class ChannelsExpressionProperties {

    private static final long MAX = ChannelsExpression.MAX_CHANNEL_ID;

    @Property(tries = 2000)
    void shouldParseOrRefuseAnyText(@ForAll("texts") String text) {
        try {
            ChannelsExpression channels = ChannelsExpression.parse(text);
            assertThat(channels.ranges()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
        }
    }

    @Property(tries = 2000)
    void shouldMatchExactlyTheIdsOfItsTerms(@ForAll("terms") List<Term> terms, @ForAll("probes") List<Long> probes) {
        ChannelsExpression channels = ChannelsExpression.parse(terms.stream().map(Term::text)
                .collect(Collectors.joining(",")));

        for (long id : probes) {
            assertThat(channels.matches(id)).as("channel %d", id)
                    .isEqualTo(terms.stream().anyMatch(term -> term.from() <= id && id <= term.to()));
        }
        for (Term term : terms) {
            assertThat(channels.matches(term.from())).isTrue();
            assertThat(channels.matches(term.to())).isTrue();
        }
    }

    @Property(tries = 2000)
    void shouldRoundTripItsIdSet(@ForAll("terms") List<Term> terms) {
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

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFxg-, \t").ofMaxLength(40),
                Arbitraries.strings().withChars("F-,").ofMaxLength(20));
    }

    @Provide
    Arbitrary<List<Term>> terms() {
        Arbitrary<Long> id = Arbitraries.oneOf(Arbitraries.longs().between(0, 40),
                Arbitraries.longs().between(0, MAX), Arbitraries.of(MAX - 1, MAX));
        Arbitrary<Term> term = Combinators.combine(id, id, Arbitraries.integers().between(0, 4),
                        Arbitraries.of(true, false), Arbitraries.of("", " "))
                .as((a, b, shape, upper, space) -> {
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
                });
        return term.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Long>> probes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 45), Arbitraries.longs().between(0, MAX),
                Arbitraries.of(0L, MAX)).list().ofMaxSize(20);
    }

    private static String hex(long id) {
        return Long.toHexString(id).toUpperCase(Locale.ROOT);
    }

    private static String cased(String text, boolean upper) {
        return upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
    }
}
