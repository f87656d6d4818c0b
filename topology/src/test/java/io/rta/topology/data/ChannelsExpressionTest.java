package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.topology.data.ChannelsExpression.Range;
import io.rta.topology.limits.InputLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelsExpressionTest {

    private static final long MAX = ChannelsExpression.MAX_CHANNEL_ID;

    @Test
    void shouldParseTheSpecExample() {
        ChannelsExpression channels = ChannelsExpression.parse("-5,7,B-D,14-");

        assertThat(channels.ranges()).containsExactly(new Range(0, 5), new Range(7, 7), new Range(0xB, 0xD),
                new Range(0x14, MAX));
        assertThat(channels.toString()).isEqualTo("-5,7,B-D,14-");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 5, 7, 0xB, 0xC, 0xD, 0x14, 0x15, 0xFFFF_FFFFL})
    void shouldMatchChannelsInsideTheSpecExample(long channelId) {
        assertThat(ChannelsExpression.parse("-5,7,B-D,14-").matches(channelId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 8, 0xA, 0xE, 0x13})
    void shouldNotMatchChannelsOutsideTheSpecExample(long channelId) {
        assertThat(ChannelsExpression.parse("-5,7,B-D,14-").matches(channelId)).isFalse();
    }

    @Test
    void shouldMatchExactlyTheIdsOfManyRanges() {
        // every even id below 8,000 and one range above: each id inside, between and at the edges of ranges
        StringBuilder text = new StringBuilder();
        for (int id = 0; id < 8000; id += 2) {
            text.append(Integer.toHexString(id)).append(',');
        }
        text.append("10000-10FFF");
        ChannelsExpression many = ChannelsExpression.parse(text.toString(), InputLimits.defaults());

        for (long id = 0; id < 0x11100; id++) {
            boolean expected = id < 8000 ? id % 2 == 0 : id >= 0x10000 && id <= 0x10FFF;
            assertThat(many.matches(id)).as("%x", id).isEqualTo(expected);
        }
        assertThat(many.matches(ChannelsExpression.MAX_CHANNEL_ID)).isFalse();
        assertThat(ChannelsExpression.ALL.matches(ChannelsExpression.MAX_CHANNEL_ID)).isTrue();
    }

    @Test
    void shouldOpenRangesOnEitherSide() {
        assertThat(ChannelsExpression.parse("-A").ranges()).containsExactly(new Range(0, 0xA));
        assertThat(ChannelsExpression.parse("FFFFFFF0-").ranges()).containsExactly(new Range(0xFFFF_FFF0L, MAX));
        assertThat(ChannelsExpression.parse("0-").ranges()).isEqualTo(ChannelsExpression.ALL.ranges());
    }

    @Test
    void shouldMergeOverlappingAndAdjacentRangesInOrder() {
        ChannelsExpression channels = ChannelsExpression.parse("A,2-5,1-3,6,8-9,20-30,25");

        assertThat(channels.ranges()).containsExactly(new Range(1, 6), new Range(8, 0xA), new Range(0x20, 0x30));
        assertThat(channels.matches(7)).isFalse();
    }

    @Test
    void shouldAcceptLowerCaseHexAndSpacesAroundTerms() {
        assertThat(ChannelsExpression.parse(" b-d , ff ").ranges()).containsExactly(new Range(0xB, 0xD),
                new Range(0xFF, 0xFF));
    }

    @Test
    void shouldAcceptTheLargestEightDigitId() {
        assertThat(ChannelsExpression.parse("FFFFFFFF").ranges()).containsExactly(new Range(MAX, MAX));
        assertThat(ChannelsExpression.parse("00000010").matches(16)).isTrue();
    }

    @Test
    void shouldBuildFromIdsAndMatchAnyOfARowChannelSet() {
        ChannelsExpression channels = ChannelsExpression.of(16, 17, 0xFFFF_FFFFL);

        assertThat(channels.toString()).isEqualTo("10,11,FFFFFFFF");
        assertThat(channels.ranges()).containsExactly(new Range(16, 17), new Range(MAX, MAX));
        assertThat(channels.matchesAny(new long[] {3, 17})).isTrue();
        assertThat(channels.matchesAny(new long[] {3, 18})).isFalse();
        assertThat(channels.matchesAny(new long[0])).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "G        | 'G' is not a hexadecimal channel id",
        "1,G,2    | 'G' is not a hexadecimal channel id",
        "B-G      | 'G' is not a hexadecimal channel id",
        "0x10     | '0x10' is not a hexadecimal channel id",
        "+5       | '+5' is not a hexadecimal channel id",
        "1--2     | malformed range '1--2'",
        "-        | malformed range '-'",
        "5-3      | range '5-3' whose start is after its end",
        "123456789| '123456789' is not a hexadecimal channel id",
        "100000000-| '100000000' is not a hexadecimal channel id",
    })
    void shouldRejectMalformedTermsNamingThem(String expression, String problem) {
        assertThatThrownBy(() -> ChannelsExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("'" + expression + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,,2", ",1", "1,", "1, ,2"})
    void shouldRejectEmptyTerms(String expression) {
        assertThatThrownBy(() -> ChannelsExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channels expression '" + expression + "' has an empty term");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void shouldRejectAnEmptyExpression(String expression) {
        assertThatThrownBy(() -> ChannelsExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channels expression is empty");
        assertThatThrownBy(() -> ChannelsExpression.parse(null)).hasMessage("channels expression is empty");
    }

    @Test
    void shouldRejectIdsOutsideUint32() {
        assertThatThrownBy(() -> ChannelsExpression.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel id -1 is outside 0..4294967295");
        assertThatThrownBy(() -> ChannelsExpression.of(MAX + 1)).hasMessageContaining("4294967296");
    }

    @Test
    void shouldRefuseMoreTermsThanTheLimitBeforeParsingAny() {
        String terms = "1,".repeat(4096) + "x";

        assertThatThrownBy(() -> ChannelsExpression.parse(terms))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channels expression term count is 4097; at most 4096 allowed (MaxChannelsTerms)");
        assertThat(ChannelsExpression.parse("1,".repeat(4095) + "2").ranges()).containsExactly(new Range(1, 2));
        assertThatThrownBy(() -> ChannelsExpression.parse("1,2,3", InputLimits.defaults().withMaxChannelsTerms(2)))
                .hasMessage("channels expression term count is 3; at most 2 allowed (MaxChannelsTerms)");
    }

    @Test
    void shouldParseAFourMillionCharacterExpressionInOnePass() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 4_000_000; i++) {
            text.append(text.length() == 0 ? "" : ",").append(Integer.toHexString(i * 2)).append('-')
                    .append(Integer.toHexString(i * 2));
        }
        long terms = text.chars().filter(c -> c == ',').count() + 1;

        ChannelsExpression channels = ChannelsExpression.parse(text.toString(),
                InputLimits.defaults().withMaxChannelsTerms((int) terms));

        assertThat(channels.ranges()).hasSize((int) terms);
        assertThat(channels.matches(2)).isTrue();
        assertThat(channels.matches(3)).isFalse();
    }

    @Test
    void shouldQuoteOnlyTheStartOfALongExpressionInItsMessage() {
        String text = "1,".repeat(1000) + "zz";

        assertThatThrownBy(() -> ChannelsExpression.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2002 characters)")
                .hasMessageContaining("'zz' is not a hexadecimal channel id")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
