package io.rta.topology.data;

import static io.rta.schemas.PropertyCheck.anyLong;
import static io.rta.schemas.PropertyCheck.assume;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.listOf;
import static io.rta.schemas.PropertyCheck.longBetween;
import static io.rta.schemas.PropertyCheck.oneOf;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

    record Periodic(long start, long interval, int samples, int width, long duration) {
    }

    record Timestamped(long start, long scale, List<Long> gaps, int width, long duration) {
    }

    @Test
    void periodicPiecesCoverEverySampleOnceInOrderEachInsideOneSlot() {
        forAll(3000, random -> new Periodic(time(random), interval(random), intBetween(random, 1, 300),
                intBetween(random, 1, 8), duration(random)), SlotSplitterProperties::periodicPiecesCoverEverySample);
    }

    private static void periodicPiecesCoverEverySample(Periodic input) throws InvalidProtocolBufferException {
        long start = input.start();
        long interval = input.interval();
        int samples = input.samples();
        int width = input.width();
        long duration = input.duration();
        PeriodicBurst burst = new PeriodicBurst(7L, start, interval, samples, buffer(samples * width));
        assume(BurstValidator.problem(burst) == null);

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

    @Test
    void timestampedPiecesCoverEverySampleOnceInOrderEachInsideOneSlot() {
        forAll(3000, random -> new Timestamped(time(random), scale(random),
                        listOf(random, 0, 200, SlotSplitterProperties::delta), intBetween(random, 1, 8),
                        duration(random)),
                SlotSplitterProperties::timestampedPiecesCoverEverySample);
    }

    private static void timestampedPiecesCoverEverySample(Timestamped input) throws InvalidProtocolBufferException {
        long start = input.start();
        long scale = input.scale();
        int width = input.width();
        long duration = input.duration();
        List<Long> deltas = new ArrayList<>();
        deltas.add(0L);
        deltas.addAll(input.gaps());
        int samples = deltas.size();
        TimestampedBurst burst = new TimestampedBurst(7L, start, scale, Bursts.packDeltas(deltas),
                buffer(samples * width));
        assume(BurstValidator.problem(burst) == null);

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

    private static long time(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> anyLong(random);
            case 3, 4 -> longBetween(random, MIN, MIN + 1_000_000_000_000L);
            case 5, 6 -> longBetween(random, MAX - 1_000_000_000_000L, MAX);
            default -> oneOf(random, MIN, MAX, 0L, -1L, 1L);
        };
    }

    private static long interval(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> longBetween(random, 0, 10_000_000_000L);
            case 3, 4 -> longBetween(random, 0, MAX);
            default -> oneOf(random, 0L, 1L, MAX, MAX / 2, 100 * SlotDurations.SECOND);
        };
    }

    private static long scale(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0, 1, 2 -> longBetween(random, 1, 1_000_000L);
            case 3 -> longBetween(random, 1, MAX);
            default -> oneOf(random, 1L, MAX);
        };
    }

    private static long delta(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2, 3 -> longBetween(random, 0, 100_000L);
            case 4 -> longBetween(random, 0, MAX);
            default -> oneOf(random, 0L, 1L);
        };
    }

    private static long duration(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0, 1, 2 -> oneOf(random, SlotDurations.SECOND, 2 * SlotDurations.SECOND,
                    5 * SlotDurations.SECOND, 10 * SlotDurations.SECOND, 20 * SlotDurations.SECOND,
                    50 * SlotDurations.SECOND, 100 * SlotDurations.SECOND);
            case 3 -> longBetween(random, 1, MAX);
            default -> oneOf(random, 1L, 3L, MAX, MAX / 3);
        };
    }
}
