package io.rta.schemas;

import static io.rta.schemas.PropertyCheck.assume;
import static io.rta.schemas.PropertyCheck.bytes;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.longBetween;
import static io.rta.schemas.PropertyCheck.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {

    record Pair(byte[] bytes, String text) {
    }

    @Test
    void shouldRunEveryTryOnTheSameInputsFromTheSameSeed() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();

        forAll(100, 42, random -> random.nextLong(), first::add);
        forAll(100, 42, random -> random.nextLong(), second::add);

        assertThat(first).hasSize(100).isEqualTo(second);
    }

    @Test
    void shouldNameTheSeedTheCaseAndTheEscapedInputOfAFailure() {
        assertThatThrownBy(() -> forAll(10, 7, random -> new Pair(new byte[] {1, -1}, "a\u0000b\nc\u001b"), pair -> {
            throw new IllegalStateException("broken");
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("case 1 of 10")
                .hasMessageContaining("seed 7")
                .hasMessageContaining("-Drta.property.seed=7")
                .hasMessageContaining("Pair[bytes=byte[2] [1, -1], text=\"a\\u0000b\\nc\\u001B\"]")
                .hasMessageContaining("IllegalStateException: broken")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldShortenALongInputButShowEveryPartOfIt() {
        String shown = PropertyCheck.show(new Pair(new byte[70_000], "x".repeat(100_000)));

        assertThat(shown).hasSizeLessThan(1000).contains("byte[70000] [0, 0, ", ", ... 69936 more]")
                .contains("xxx... (100000 characters)\"]");
        assertThat(PropertyCheck.show(List.of("x".repeat(600), "y".repeat(600), "z".repeat(600), "w".repeat(600))))
                .hasSizeLessThan(2100).endsWith(" characters)");
    }

    @Test
    void shouldCountOnlyTheInputsThePropertyDoesNotDiscard() {
        int[] checked = {0};

        forAll(50, random -> random.nextInt(4), n -> {
            assume(n == 0);
            checked[0]++;
        });

        assertThat(checked[0]).isEqualTo(50);
    }

    @Test
    void shouldFailWhenAlmostEveryInputIsDiscarded() {
        assertThatThrownBy(() -> forAll(10, random -> 1, n -> assume(false)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("discarded");
    }

    @Test
    void shouldDrawWithinTheRangeAndReachItsEdges() {
        Set<Long> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            long value = longBetween(random, -5, Long.MAX_VALUE);
            assertThat(value).isBetween(-5L, Long.MAX_VALUE);
            seen.add(value);
            assertThat(longBetween(random, Long.MIN_VALUE, Long.MIN_VALUE + 3)).isBetween(Long.MIN_VALUE,
                    Long.MIN_VALUE + 3);
        }
        assertThat(seen).contains(-5L, -4L, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @Test
    void shouldDrawEmptyAndLongestBytesAndText() {
        SplittableRandom random = new SplittableRandom(2);
        Set<Integer> byteLengths = new HashSet<>();
        Set<Integer> textLengths = new HashSet<>();
        boolean control = false;
        for (int i = 0; i < 1000; i++) {
            byteLengths.add(bytes(random, 300).length);
            String text = string(random, 40);
            textLengths.add(text.length());
            control |= text.chars().anyMatch(c -> c < 0x20);
        }
        assertThat(byteLengths).contains(0, 1, 300).allMatch(length -> length <= 300);
        assertThat(textLengths).contains(0, 1, 40).allMatch(length -> length <= 40);
        assertThat(control).isTrue();
    }
}
