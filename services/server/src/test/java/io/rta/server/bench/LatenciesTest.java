package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    /** HdrHistogram keeps 3 significant digits: a value is reported at most 0.1% above what was recorded. */
    private static final double PRECISION_PERCENT = 0.1;

    private static Latencies millis(long... values) {
        Latencies latencies = new Latencies();
        for (long value : values) {
            latencies.record(value * 1_000_000);
        }
        return latencies;
    }

    @Test
    void shouldTakeThePercentileWhateverTheRecordingOrder() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.record(i * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isCloseTo(50.0, withinPercentage(PRECISION_PERCENT));
        assertThat(latencies.percentileMillis(99)).isCloseTo(99.0, withinPercentage(PRECISION_PERCENT));
        assertThat(latencies.percentileMillis(99.9)).isCloseTo(100.0, withinPercentage(PRECISION_PERCENT));
        assertThat(latencies.percentileMillis(100)).isCloseTo(100.0, withinPercentage(PRECISION_PERCENT));
        assertThat(latencies.maxMillis()).isEqualTo(latencies.percentileMillis(100));
    }

    @Test
    void shouldNeverReportAPercentileBelowTheRecordedValue() {
        Latencies latencies = millis(3, 1, 2);

        assertThat(latencies.percentileMillis(99)).isBetween(3.0, 3.0 * 1.001);
        assertThat(latencies.percentileMillis(50)).isBetween(2.0, 2.0 * 1.001);
    }

    @Test
    void shouldKeepSubMillisecondPrecision() {
        Latencies latencies = new Latencies();
        latencies.record(1_234_567);

        assertThat(latencies.percentileMillis(50)).isCloseTo(1.234567, withinPercentage(PRECISION_PERCENT));
    }

    @Test
    void shouldAddAnotherScenariosLatencies() {
        Latencies all = millis(1, 2);
        all.addAll(millis(3, 4));

        assertThat(all.count()).isEqualTo(4);
        assertThat(all.maxMillis()).isCloseTo(4.0, withinPercentage(PRECISION_PERCENT));
    }

    @Test
    void shouldRecordAMillionValuesInConstantMemory() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 1_000_000; i++) {
            latencies.record(1_000_000L + i % 1000 * 1000L);
        }

        assertThat(latencies.count()).isEqualTo(1_000_000);
        assertThat(latencies.percentileMillis(50)).isCloseTo(1.5, withinPercentage(PRECISION_PERCENT));
    }

    @Test
    void shouldRefuseAPercentileOfNothingOrOutOfRange() {
        assertThatThrownBy(() -> new Latencies().percentileMillis(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> millis(1).percentileMillis(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 100]");
    }
}
