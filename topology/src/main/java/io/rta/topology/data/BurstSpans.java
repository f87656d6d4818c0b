package io.rta.topology.data;

import io.rta.events.PeriodicBurst;
import io.rta.events.TimestampedBurst;

/**
 * Chooses a new series' slot duration from its first burst alone, so the chunks of a series depend only on its data,
 * never on how a writer happened to pack bursts into records (a resumed or replayed write gives the same chunks).
 * Periodic and timestamped bursts carry their rate; a row or an event is one instant and carries none, so row sets and
 * events get fixed slots (parts keep a fast series within the list size limits).
 */
final class BurstSpans {

    /** Rough protobuf overhead of one result besides its buffer (tags, channel, timestamps, lengths). */
    private static final int RESULT_OVERHEAD = 20;
    static final long ROW_SLOT = 10 * SlotDurations.SECOND;
    static final long EVENTS_SLOT = 50 * SlotDurations.SECOND;

    private BurstSpans() {
    }

    /**
     * The slot duration of a series whose first burst (validated) is {@code firstBurst}. Spans saturate at
     * {@link Long#MAX_VALUE} instead of wrapping (a burst one sample apart from the end of time is simply slow data).
     */
    static long slotDuration(Object firstBurst) {
        if (firstBurst instanceof PeriodicBurst periodic) {
            // the burst covers samples x interval: the time until the next burst of a continuous series
            return SlotDurations.choose(periodic.getBuffer().remaining() + RESULT_OVERHEAD,
                    saturatedProduct(periodic.getInterval(), periodic.getSamples()));
        }
        if (firstBurst instanceof TimestampedBurst timestamped) {
            long[] deltas = Bursts.unpackDeltas(timestamped.getTimestampDeltas());
            long sum = 0;
            for (long delta : deltas) {
                sum = saturatedSum(sum, delta);
            }
            // the mean gap times the sample count: the time until the next burst of a continuous series
            long span = deltas.length > 1 ? saturatedProduct(
                    saturatedProduct(sum, timestamped.getTimestampDeltasScale()) / (deltas.length - 1),
                    deltas.length) : 0;
            return SlotDurations.choose(timestamped.getBuffer().remaining()
                    + (long) timestamped.getTimestampDeltas().remaining() + RESULT_OVERHEAD, span);
        }
        return firstBurst instanceof io.rta.events.RowBurst ? ROW_SLOT : EVENTS_SLOT;
    }

    /** {@code a * b} for non-negative factors, {@link Long#MAX_VALUE} when it would overflow; 0 for a negative one. */
    static long saturatedProduct(long a, long b) {
        if (a <= 0 || b <= 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        // overflow iff both have the sign the sum lacks
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
