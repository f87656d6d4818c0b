package io.rta.topology.data;

import static io.rta.topology.data.WorkedExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TimestampedBurst;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstValidatorTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAcceptTheWorkedExamples() {
        assertThat(BurstValidator.problem(Bursts.fromProto(WorkedExamples.timestamped()))).isNull();
        assertThat(BurstValidator.problem(Bursts.fromProto(WorkedExamples.periodicFirst()))).isNull();
        assertThat(BurstValidator.problem(Bursts.fromProto(WorkedExamples.periodicSecond()))).isNull();
        assertThat(BurstValidator.problem(Bursts.fromProto(WorkedExamples.row()))).isNull();
    }

    @Test
    void shouldAcceptEventsAndRejectUnknownBurstTypes() {
        EventBurst event = new EventBurst(1, "", 0L, "", List.of());

        assertThat(BurstValidator.problem(event)).isNull();
        assertThat(BurstValidator.problem("burst")).isEqualTo("unknown burst type String");
        assertThat(BurstValidator.problem((Object) null)).isEqualTo("unknown burst type null");
    }

    // --- periodic_data

    @Test
    void shouldRejectPeriodicChannelIdOutsideUint32() {
        assertThat(BurstValidator.problem(periodic(-1, 0, SECOND, 1, 8)))
                .isEqualTo("periodic_data.channel_id -1 is outside 0..4294967295");
        assertThat(BurstValidator.problem(periodic(1L << 32, 0, SECOND, 1, 8)))
                .isEqualTo("periodic_data.channel_id 4294967296 is outside 0..4294967295");
        assertThat(BurstValidator.problem(periodic(0xFFFF_FFFFL, 0, SECOND, 1, 8))).isNull();
    }

    @Test
    void shouldRejectPeriodicWithoutSamples() {
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 0, 8)))
                .isEqualTo("periodic_data.samples is 0: a result needs at least one sample");
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, -2, 8)))
                .startsWith("periodic_data.samples is -2");
    }

    @Test
    void shouldRejectPeriodicWithMoreThanTenThousandSamples() {
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 10_001, 10_001)))
                .isEqualTo("periodic_data.samples is 10001: a result holds at most 10000 samples");
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 10_000, 10_000))).isNull();
    }

    @Test
    void shouldRejectNegativeInterval() {
        assertThat(BurstValidator.problem(periodic(16, 0, -SECOND, 1, 8)))
                .isEqualTo("periodic_data.interval is -1000000000: intervals must not be negative");
    }

    @Test
    void shouldRejectZeroIntervalOnlyWithSeveralSamples() {
        assertThat(BurstValidator.problem(periodic(16, 0, 0, 2, 16)))
                .isEqualTo("periodic_data.interval is 0 with 2 samples: the interval must be positive");
        assertThat(BurstValidator.problem(periodic(16, 0, 0, 1, 8))).isNull();
    }

    @Test
    void shouldRejectPeriodicBufferNotDividingBySampleCount() {
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 3, 16)))
                .isEqualTo("periodic_data.buffer has 16 bytes, which does not divide into its 3 samples");
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 1, 0)))
                .isEqualTo("periodic_data.buffer has 0 bytes, which does not divide into its 1 samples");
    }

    @Test
    void shouldRejectPeriodicWhoseLastTimestampOverflows() {
        assertThat(BurstValidator.problem(periodic(16, Long.MAX_VALUE - SECOND, SECOND, 2, 16))).isNull();
        assertThat(BurstValidator.problem(periodic(16, Long.MAX_VALUE - SECOND + 1, SECOND, 2, 16)))
                .isEqualTo("periodic_data: the last sample's timestamp overflows 64 bits");
    }

    // --- timestamped_data

    @Test
    void shouldRejectTimestampedChannelIdOutsideUint32() {
        assertThat(BurstValidator.problem(timestamped(-1, 0, SECOND, List.of(0L), 8)))
                .isEqualTo("timestamped_data.channel_id -1 is outside 0..4294967295");
        assertThat(BurstValidator.problem(timestamped(1L << 32, 0, SECOND, List.of(0L), 8)))
                .isEqualTo("timestamped_data.channel_id 4294967296 is outside 0..4294967295");
    }

    @Test
    void shouldRejectDeltasThatAreNotVarints() {
        TimestampedBurst burst = new TimestampedBurst(16L, 0L, SECOND, ByteBuffer.wrap(hex("00 80")),
                ByteBuffer.allocate(16));

        assertThat(BurstValidator.problem(burst)).startsWith("timestamped_data.timestamp_deltas: ");
    }

    @Test
    void shouldRejectTimestampedWithoutSamples() {
        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, List.of(), 8)))
                .isEqualTo("timestamped_data.timestamp_deltas is empty: a result needs at least one sample");
    }

    @Test
    void shouldRejectTimestampedWithMoreThanTenThousandSamples() {
        List<Long> deltas = new ArrayList<>(Collections.nCopies(10_001, 1L));
        deltas.set(0, 0L);

        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, deltas, 10_001)))
                .isEqualTo("timestamped_data.timestamp_deltas has 10001 samples: a result holds at most 10000 samples");
        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, deltas.subList(0, 10_000), 10_000))).isNull();
    }

    @Test
    void shouldRejectTimestampedBufferNotDividingByDeltaCount() {
        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, List.of(0L, 4L, 5L), 16)))
                .isEqualTo("timestamped_data.buffer has 16 bytes, which does not divide into the 3 samples of "
                        + "timestamp_deltas");
        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, List.of(0L, 4L), 0)))
                .startsWith("timestamped_data.buffer has 0 bytes");
    }

    @Test
    void shouldRejectNonZeroFirstDelta() {
        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, List.of(3L, 4L), 16)))
                .isEqualTo("timestamped_data.timestamp_deltas[0] is 3: the first delta must be 0");
    }

    @Test
    void shouldRejectNonPositiveScaleOnlyWithSeveralSamples() {
        assertThat(BurstValidator.problem(timestamped(16, 0, 0, List.of(0L, 4L), 16)))
                .isEqualTo("timestamped_data.timestamp_deltas_scale is 0: it must be positive");
        assertThat(BurstValidator.problem(timestamped(16, 0, -SECOND, List.of(0L, 4L), 16)))
                .startsWith("timestamped_data.timestamp_deltas_scale is -1000000000");
        assertThat(BurstValidator.problem(timestamped(16, 0, 0, List.of(0L), 8))).isNull();
    }

    @Test
    void shouldRejectNegativeDeltas() {
        assertThat(BurstValidator.problem(timestamped(16, 0, SECOND, List.of(0L, 4L, -1L), 24)))
                .isEqualTo("timestamped_data.timestamp_deltas[2] is -1: samples must be in time order");
    }

    @Test
    void shouldRejectDeltasWhoseSumOrEndOverflows() {
        assertThat(BurstValidator.problem(timestamped(16, 0, 1, List.of(0L, Long.MAX_VALUE, 1L), 24)))
                .isEqualTo("timestamped_data.timestamp_deltas: the sum of the deltas overflows 64 bits");
        assertThat(BurstValidator.problem(timestamped(16, Long.MAX_VALUE - 4 * SECOND, SECOND, List.of(0L, 5L), 16)))
                .isEqualTo("timestamped_data: the last sample's timestamp overflows 64 bits");
    }

    // --- row_data

    @Test
    void shouldRejectRowWithoutChannels() {
        assertThat(BurstValidator.problem(new RowBurst(List.of(), 0L, ByteBuffer.allocate(8))))
                .isEqualTo("row_data.channel_ids is empty: a row needs at least one channel");
    }

    @Test
    void shouldRejectRowChannelIdOutsideUint32() {
        assertThat(BurstValidator.problem(new RowBurst(List.of(16L, 1L << 32), 0L, ByteBuffer.allocate(8))))
                .isEqualTo("row_data.channel_ids has 4294967296, outside 0..4294967295");
        assertThat(BurstValidator.problem(new RowBurst(List.of(-1L), 0L, ByteBuffer.allocate(8))))
                .isEqualTo("row_data.channel_ids has -1, outside 0..4294967295");
    }

    @Test
    void shouldRejectEmptyRowBuffer() {
        assertThat(BurstValidator.problem(new RowBurst(List.of(16L), 0L, ByteBuffer.allocate(0))))
                .isEqualTo("row_data.buffer is empty");
    }

    // --- sizes (chunks.md: a list must not exceed 4 MiB; a larger result would also break the changelog's limit)

    @Test
    void shouldRejectAResultOfMoreThanFourMebibytesOfEveryKind() {
        int max = BurstValidator.MAX_RESULT_BYTES;
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 1, max))).isNull();
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 1, max + 1))).isEqualTo("periodic_data.buffer is "
                + "4194305 bytes: a result may hold at most 4194304 (chunks.md: a list must not exceed 4 MiB)");
        assertThat(BurstValidator.problem(periodic(16, 0, SECOND, 8, 8 * 1024 * 1024)))
                .startsWith("periodic_data.buffer is 8388608 bytes");
        assertThat(BurstValidator.problem(timestamped(16, 0, 1, List.of(0L, 1L), max - 2))).isNull();
        assertThat(BurstValidator.problem(timestamped(16, 0, 1, List.of(0L, 1L), max)))
                .startsWith("timestamped_data.buffer and timestamp_deltas is 4194306 bytes");
        assertThat(BurstValidator.problem(new RowBurst(List.of(16L), 0L, ByteBuffer.allocate(max)))).isNull();
        assertThat(BurstValidator.problem(new RowBurst(List.of(16L), 0L, ByteBuffer.allocate(max + 8))))
                .startsWith("row_data.buffer is 4194312 bytes");
        assertThat(BurstValidator.problem(new EventBurst(1, "app", 0L, "x".repeat(max - 3), List.of()))).isNull();
        assertThat(BurstValidator.problem(new EventBurst(1, "app", 0L, "\u00e9".repeat(max / 2 - 1), List.of())))
                .startsWith("event_data (app_name, status and raw_data) is 4194305 bytes");
        assertThat(BurstValidator.problem(new EventBurst(1, "", 0L, "",
                Collections.nCopies(max / 8 + 1, 1.0)))).startsWith("event_data (app_name, status and raw_data) is 4194312");
    }

    private static PeriodicBurst periodic(long channelId, long start, long interval, int samples, int bufferLength) {
        return new PeriodicBurst(channelId, start, interval, samples, ByteBuffer.allocate(bufferLength));
    }

    private static TimestampedBurst timestamped(long channelId, long start, long scale, List<Long> deltas,
                                                int bufferLength) {
        return new TimestampedBurst(channelId, start, scale, Bursts.packDeltas(deltas),
                ByteBuffer.allocate(bufferLength));
    }
}
