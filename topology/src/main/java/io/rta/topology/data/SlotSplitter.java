package io.rta.topology.data;

import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TimestampedBurst;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cuts bursts at chunk slot boundaries (a slot of a series is {@code [k * duration, (k + 1) * duration)}), so no
 * result ever spans two chunks, and encodes each piece as a list entry. Buffers are sliced, never decoded: every
 * sample of a burst has the same width.
 */
final class SlotSplitter {

    /** Receives each piece with the slot it belongs to. */
    interface Pieces {
        void accept(long slot, ListEntry entry);
    }

    private SlotSplitter() {
    }

    /**
     * The start of the slot holding {@code time}. The lowest slot starts before {@link Long#MIN_VALUE} unless the
     * duration divides 2^63: its start is saturated to {@code Long.MIN_VALUE}, which still tells it from every other
     * slot (the next one starts above it) and sorts first.
     */
    static long slotOf(long time, long duration) {
        long index = Math.floorDiv(time, duration);
        // index * duration underflows exactly when index < ceil(MIN / duration), which Java's division gives
        return index < Long.MIN_VALUE / duration ? Long.MIN_VALUE : index * duration;
    }

    /**
     * The last instant of the slot holding {@code time} (inclusive). The highest slot ends after
     * {@link Long#MAX_VALUE} unless the duration divides 2^63: its last instant is saturated to {@code Long.MAX_VALUE}.
     */
    static long lastOfSlot(long time, long duration) {
        long next = Math.floorDiv(time, duration) + 1; // cannot overflow: the index is at most MAX / duration
        return next > Long.MAX_VALUE / duration ? Long.MAX_VALUE : next * duration - 1;
    }

    static void split(Object burst, long duration, Pieces out) {
        if (burst instanceof PeriodicBurst periodic) {
            split(periodic, duration, out);
        } else if (burst instanceof TimestampedBurst timestamped) {
            split(timestamped, duration, out);
        } else if (burst instanceof RowBurst row) {
            long[] ids = ids(row.getChannelIds());
            out.accept(slotOf(row.getTimestamp(), duration), new ListEntry(row.getTimestamp(), row.getTimestamp(),
                    ListEncoding.row(ids, row.getTimestamp(), row.getBuffer())));
        } else if (burst instanceof EventBurst event) {
            out.accept(slotOf(event.getTimestamp(), duration), new ListEntry(event.getTimestamp(), event.getTimestamp(),
                    ListEncoding.event(event.getEventDefinitionId(), event.getAppName(), event.getTimestamp(),
                            event.getStatusText(), event.getRawData())));
        } else {
            throw new IllegalArgumentException("unknown burst " + burst);
        }
    }

    /**
     * Pieces of a burst {@link BurstValidator} accepted: its last sample's time fits 64 bits, so every sample time
     * below does (the exact arithmetic only guards against a caller that skipped validation). Each piece holds at
     * least one sample, so the loop ends after at most {@code samples} pieces.
     */
    static void split(PeriodicBurst burst, long duration, Pieces out) {
        int samples = burst.getSamples();
        long interval = burst.getInterval();
        ByteBuffer buffer = burst.getBuffer();
        int width = buffer.remaining() / samples;
        int first = 0;
        while (first < samples) {
            long start = Math.addExact(burst.getStartTimestamp(), Math.multiplyExact(interval, (long) first));
            long slot = slotOf(start, duration);
            int count = samples - first;
            if (interval > 0) {
                // samples start, start + interval, ... up to the slot's last instant; at least the first one
                long fitting = (lastOfSlot(start, duration) - start) / interval + 1;
                count = (int) Math.min(count, fitting);
            }
            ByteBuffer piece = slice(buffer, first * width, count * width);
            out.accept(slot, new ListEntry(start, start + interval * (count - 1),
                    ListEncoding.periodic(burst.getChannelId(), start, interval, count, piece)));
            first += count;
        }
    }

    /**
     * Pieces of a burst {@link BurstValidator} accepted (deltas not negative, their scaled sum within 64 bits, so
     * times only grow and never overflow; the exact arithmetic only guards against a caller that skipped validation).
     * Each piece holds at least one sample, so the loop ends after at most {@code samples} pieces.
     */
    static void split(TimestampedBurst burst, long duration, Pieces out) {
        long[] deltas = Bursts.unpackDeltas(burst.getTimestampDeltas());
        long scale = burst.getTimestampDeltasScale();
        ByteBuffer buffer = burst.getBuffer();
        int width = buffer.remaining() / deltas.length;
        long[] times = new long[deltas.length];
        long time = burst.getStartTimestamp();
        for (int i = 0; i < deltas.length; i++) {
            time = i == 0 ? time : Math.addExact(time, Math.multiplyExact(deltas[i], scale));
            times[i] = time;
        }
        int first = 0;
        while (first < deltas.length) {
            long slot = slotOf(times[first], duration);
            long slotLast = lastOfSlot(times[first], duration);
            int last = first;
            while (last + 1 < deltas.length && times[last + 1] <= slotLast) {
                last++;
            }
            ByteBuffer packed = first == 0 && last == deltas.length - 1
                    ? burst.getTimestampDeltas() : repack(deltas, first, last);
            out.accept(slot, new ListEntry(times[first], times[last], ListEncoding.timestamped(burst.getChannelId(),
                    times[first], scale, packed, slice(buffer, first * width, (last - first + 1) * width))));
            first = last + 1;
        }
    }

    private static ByteBuffer repack(long[] deltas, int first, int last) {
        java.util.List<Long> piece = new java.util.ArrayList<>(last - first + 1);
        piece.add(0L);
        for (int i = first + 1; i <= last; i++) {
            piece.add(deltas[i]);
        }
        return Bursts.packDeltas(piece);
    }

    private static ByteBuffer slice(ByteBuffer buffer, int offset, int length) {
        ByteBuffer view = buffer.duplicate();
        view.position(view.position() + offset);
        view.limit(view.position() + length);
        return view.slice();
    }

    static long[] ids(List<Long> channelIds) {
        long[] ids = new long[channelIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = channelIds.get(i);
        }
        return ids;
    }
}
