package io.rta.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final TopicPartition A = new TopicPartition("rta.telemetry", 0);
    private static final TopicPartition B = new TopicPartition("rta.telemetry", 1);
    private static final TopicPartition EMPTY = new TopicPartition("rta.folders", 0);

    private final Progress progress = new Progress(Map.of(A, 100L, B, 0L, EMPTY, 5L),
            Map.of(A, 300L, B, 200L, EMPTY, 5L));

    @Test
    void shouldCountFromEachPartitionsStartToItsTargetOnly() {
        assertThat(progress.total()).isEqualTo(400);
        assertThat(progress.replayed(Map.of())).isZero();
        assertThat(progress.replayed(Map.of(A, 150L))).isEqualTo(50);
        // committed past the target (records written since the start) counts up to the target
        assertThat(progress.replayed(Map.of(A, 900L, B, 250L))).isEqualTo(400);
    }

    @Test
    void shouldBeDoneOnlyWhenEveryPartitionIsCommittedUpToItsTarget() {
        assertThat(progress.done(Map.of(A, 300L))).isFalse();
        assertThat(progress.done(Map.of(A, 300L, B, 199L))).isFalse();
        assertThat(progress.done(Map.of(A, 300L, B, 200L))).isTrue(); // EMPTY had nothing to replay
    }

    @Test
    void shouldPrintRecordsPercentageRateAndTimeLeftOnOneLine() {
        assertThat(progress.line(100, Duration.ofSeconds(10))).isEqualTo(
                "replay: 100 of 400 records (25.0%), 10 records/s, elapsed 0:10, ETA 0:30");
        assertThat(progress.line(0, Duration.ofSeconds(1))).endsWith("ETA unknown");
        assertThat(new Progress(Map.of(), Map.of()).line(0, Duration.ZERO)).contains("(100.0%)");
    }

    @Test
    void shouldShowHoursOnlyFromAnHour() {
        assertThat(Progress.clock(59)).isEqualTo("0:59");
        assertThat(Progress.clock(3_599)).isEqualTo("59:59");
        assertThat(Progress.clock(3_600 * 26 + 61)).isEqualTo("26:01:01");
    }
}
