package io.rta.topology.data;

/**
 * Chooses a series' chunk slot duration from its data rate, once, when the series is first seen (boundaries must
 * stay stable): the longest of 1, 2, 5, 10, 20, 50, 100 s that holds about {@link #TARGET_LIST_BYTES} of encoded
 * results. Faster-than-estimated data is still safe: a slot that outgrows the list size limit is split into parts.
 */
final class SlotDurations {

    /** chunks.md: each list SHOULD serialize to no more than 64 KiB before compression. */
    static final long TARGET_LIST_BYTES = 64 * 1024;
    static final long SECOND = 1_000_000_000L;
    /** Used when the first data seen spans no time (a single sample or event). */
    static final long DEFAULT = 10 * SECOND;
    private static final long[] LADDER = {
        SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 20 * SECOND, 50 * SECOND, 100 * SECOND};

    private SlotDurations() {
    }

    /**
     * @param encodedBytes encoded size of the results observed
     * @param spanNanos time those results cover
     */
    static long choose(long encodedBytes, long spanNanos) {
        if (spanNanos <= 0 || encodedBytes <= 0) {
            return DEFAULT;
        }
        double ideal = TARGET_LIST_BYTES * (double) spanNanos / encodedBytes;
        long chosen = LADDER[0];
        for (long step : LADDER) {
            if (step <= ideal) {
                chosen = step;
            }
        }
        return chosen;
    }
}
