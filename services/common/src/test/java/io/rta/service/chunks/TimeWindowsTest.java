package io.rta.service.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeWindowsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void shouldSizeWindowsToAboutFourThousandSamplesAtMaxFrequencyWithinOneToAHundredSeconds() {
        assertThat(TimeWindows.forMaxFrequency(100).windowNanos()).isEqualTo(40 * S);
        assertThat(TimeWindows.forMaxFrequency(1000).windowNanos()).isEqualTo(4 * S);
        assertThat(TimeWindows.forMaxFrequency(1_000_000).windowNanos()).isEqualTo(S);
        assertThat(TimeWindows.forMaxFrequency(1).windowNanos()).isEqualTo(100 * S);
        assertThat(TimeWindows.forMaxFrequency(0.001).windowNanos()).isEqualTo(100 * S);
    }

    @Test
    void shouldSplitQueriesAtAboutAMillionSamplesPerFieldInWholeWindows() {
        TimeWindows windows = TimeWindows.forMaxFrequency(100);

        assertThat(windows.queryWindows()).isEqualTo((1 << 20) / 4000);
        assertThat(windows.queryNanos() % windows.windowNanos()).isZero();
        assertThat(TimeWindows.forMaxFrequency(10_000_000).queryWindows()).isEqualTo(1);
    }

    @Test
    void shouldAlignWindowsToMultiplesOfTheirLengthSinceTheEpoch() {
        TimeWindows windows = TimeWindows.forMaxFrequency(100);

        assertThat(windows.windowStart(0)).isZero();
        assertThat(windows.windowStart(40 * S - 1)).isZero();
        assertThat(windows.windowStart(40 * S)).isEqualTo(40 * S);
        assertThat(windows.windowEnd(41 * S)).isEqualTo(80 * S);
        assertThat(windows.windowStart(1_700_000_123_456_789_000L) % (40 * S)).isZero();
        assertThat(windows.windowEnd(Long.MAX_VALUE - 5)).isEqualTo(TimeWindows.MAX_TIME);
    }

    @Test
    void shouldRefuseAMaxFrequencyThatIsNotPositive() {
        assertThatThrownBy(() -> TimeWindows.forMaxFrequency(0)).hasMessageContaining("MaxFrequency");
        assertThatThrownBy(() -> TimeWindows.forMaxFrequency(Double.NaN)).hasMessageContaining("MaxFrequency");
    }
}
