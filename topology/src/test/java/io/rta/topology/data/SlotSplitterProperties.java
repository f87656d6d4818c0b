package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rta.events.PeriodicBurst;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.TimestampedData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Any burst {@link BurstValidator} accepts, at any time in the 64-bit range, with any interval, deltas and slot
 * duration, is cut into pieces that hold each of its samples exactly once, in order, with its own bytes, every piece
 * inside one slot (the splitter once looped forever on one such burst).
 */
class SlotSplitterProperties {

    private static final long MIN = Long.MIN_VALUE;
    private static final long MAX = Long.MAX_VALUE;

    private record Piece(long slot, ListEntry entry) {
    }

    @Property(tries = 3000, maxDiscardRatio = 20)
    void periodicPiecesCoverEverySampleOnceInOrderEachInsideOneSlot(
            @ForAll("times") long start, @ForAll("intervals") long interval,
            @ForAll @IntRange(min = 1, max = 300) int samples, @ForAll @IntRange(min = 1, max = 8) int width,
            @ForAll("durations") long duration) throws InvalidProtocolBufferException {
        PeriodicBurst burst = new PeriodicBurst(7L, start, interval, samples, buffer(samples * width));
        Assume.that(BurstValidator.problem(burst) == null);

        List<Piece> pieces = split(burst, duration);

        List<Long> times = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Piece piece : pieces) {
            PeriodicData data = PeriodicData.parseFrom(piece.entry().message());
            assertThat(data.getSamples()).isPositive();
            assertThat(data.getInterval()).isEqualTo(interval);
            List<Long> own = new ArrayList<>();
            for (int i = 0; i < data.getSamples(); i++) {
                own.add(data.getStartTimestamp() + i * interval);
            }
            assertInsideOneSlot(piece, own, duration);
            times.addAll(own);
            bytes.writeBytes(data.getBuffer().toByteArray());
        }
        assertThat(times).containsExactlyElementsOf(periodicTimes(start, interval, samples));
        assertThat(bytes.toByteArray()).isEqualTo(buffer(samples * width).array());
    }

    @Property(tries = 3000, maxDiscardRatio = 20)
    void timestampedPiecesCoverEverySampleOnceInOrderEachInsideOneSlot(
            @ForAll("times") long start, @ForAll("scales") long scale,
            @ForAll @Size(min = 0, max = 200) List<@From("deltas") Long> gaps,
            @ForAll @IntRange(min = 1, max = 8) int width, @ForAll("durations") long duration)
            throws InvalidProtocolBufferException {
        List<Long> deltas = new ArrayList<>();
        deltas.add(0L);
        deltas.addAll(gaps);
        int samples = deltas.size();
        TimestampedBurst burst = new TimestampedBurst(7L, start, scale, Bursts.packDeltas(deltas),
                buffer(samples * width));
        Assume.that(BurstValidator.problem(burst) == null);

        List<Piece> pieces = split(burst, duration);

        List<Long> times = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Piece piece : pieces) {
            TimestampedData data = TimestampedData.parseFrom(piece.entry().message());
            assertThat(data.getTimestampDeltas(0)).isZero();
            List<Long> own = new ArrayList<>();
            long time = data.getStartTimestamp();
            for (long delta : data.getTimestampDeltasList()) {
                time += delta * data.getTimestampDeltasScale();
                own.add(time);
            }
            assertInsideOneSlot(piece, own, duration);
            times.addAll(own);
            bytes.writeBytes(data.getBuffer().toByteArray());
        }
        List<Long> expected = new ArrayList<>();
        long time = start;
        for (int i = 0; i < samples; i++) {
            time += i == 0 ? 0 : deltas.get(i) * scale;
            expected.add(time);
        }
        assertThat(times).containsExactlyElementsOf(expected);
        assertThat(bytes.toByteArray()).isEqualTo(buffer(samples * width).array());
    }

    private static void assertInsideOneSlot(Piece piece, List<Long> times, long duration) {
        assertThat(times).isNotEmpty();
        long first = times.get(0);
        long last = times.get(times.size() - 1);
        assertThat(piece.entry().start()).isEqualTo(first);
        assertThat(piece.entry().end()).isEqualTo(last);
        assertThat(SlotSplitter.slotOf(first, duration)).isEqualTo(piece.slot());
        assertThat(SlotSplitter.slotOf(last, duration)).isEqualTo(piece.slot());
        assertThat(last).isLessThanOrEqualTo(SlotSplitter.lastOfSlot(first, duration));
    }

    private static List<Piece> split(Object burst, long duration) {
        List<Piece> pieces = new ArrayList<>();
        SlotSplitter.split(burst, duration, (slot, entry) -> pieces.add(new Piece(slot, entry)));
        return pieces;
    }

    private static List<Long> periodicTimes(long start, long interval, int samples) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            times.add(start + i * interval);
        }
        return times;
    }

    private static ByteBuffer buffer(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return ByteBuffer.wrap(bytes);
    }

    @Provide
    Arbitrary<Long> times() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs()),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(MIN, MIN + 1_000_000_000_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(MAX - 1_000_000_000_000L, MAX)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(MIN, MAX, 0L, -1L, 1L)));
    }

    @Provide
    Arbitrary<Long> intervals() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 10_000_000_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, MAX)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 1L, MAX, MAX / 2, 100 * SlotDurations.SECOND)));
    }

    @Provide
    Arbitrary<Long> scales() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 1_000_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, MAX)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1L, MAX)));
    }

    @Provide
    Arbitrary<Long> deltas() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(0, 100_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, MAX)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 1L)));
    }

    @Provide
    Arbitrary<Long> durations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(SlotDurations.SECOND, 2 * SlotDurations.SECOND,
                        5 * SlotDurations.SECOND, 10 * SlotDurations.SECOND, 20 * SlotDurations.SECOND,
                        50 * SlotDurations.SECOND, 100 * SlotDurations.SECOND)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, MAX)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1L, 3L, MAX, MAX / 3)));
    }
}
