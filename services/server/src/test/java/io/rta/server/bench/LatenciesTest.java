package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    private static Latencies millis(long... values) {
        Latencies latencies = new Latencies();
        for (long value : values) {
            latencies.record(value * 1_000_000);
        }
        return latencies;
    }

    @Test
    void shouldTakeTheNearestRankPercentileWhateverTheRecordingOrder() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.record(i * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void shouldReportTheWorstValueAsP99OfFewerThanAHundredValues() {
        assertThat(millis(3, 1, 2).percentileMillis(99)).isEqualTo(3.0);
        assertThat(millis(3, 1, 2).percentileMillis(50)).isEqualTo(2.0);
    }

    @Test
    void shouldKeepSubMillisecondPrecision() {
        Latencies latencies = new Latencies();
        latencies.record(1_234_567);

        assertThat(latencies.percentileMillis(50)).isEqualTo(1.234567);
    }

    @Test
    void shouldRefuseAPercentileOfNothingOrOutOfRange() {
        assertThatThrownBy(() -> new Latencies().percentileMillis(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> millis(1).percentileMillis(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 100]");
    }
}
