package io.rta.service.chunks;

/**
 * The fixed time grid that makes chunks stable: chunk windows of one length, aligned to multiples of it since the
 * epoch, so a sample always falls in the same window whatever the request's bounds (a request's bounds are rounded
 * outwards to the grid, and the chunk's start and end are its first and last sample).
 *
 * <p>The length comes from {@code MaxFrequency}: {@link #TARGET_SAMPLES} samples of a channel at that rate, in whole
 * seconds between 1 and 100 (the devguide: a list SHOULD cover 1-100 s and serialize to about 64 KiB; a double sample
 * costs 8 bytes plus its delta, so ~4096 samples). Queries to InfluxDB cover whole windows, at most
 * {@link #QUERY_SAMPLES} samples per channel at {@code MaxFrequency}: a long range is split by time.
 *
 * @param windowNanos chunk window length
 * @param queryWindows windows per query
 */
public record TimeWindows(long windowNanos, long queryWindows) {

    /** Samples of one channel a window should hold at {@code MaxFrequency}. */
    public static final long TARGET_SAMPLES = 4096;
    /** Samples of one channel a query should return at {@code MaxFrequency}. */
    public static final long QUERY_SAMPLES = 1 << 20;
    static final long SECOND = 1_000_000_000L;
    static final long MIN_WINDOW_SECONDS = 1;
    static final long MAX_WINDOW_SECONDS = 100;
    /** The end of InfluxDB's time range (its max time is 2^63 - 2 ns). */
    public static final long MAX_TIME = Long.MAX_VALUE - 1;

    /** @throws IllegalArgumentException when {@code maxFrequency} is not positive */
    public static TimeWindows forMaxFrequency(double maxFrequency) {
        if (!(maxFrequency > 0) || Double.isInfinite(maxFrequency)) {
            throw new IllegalArgumentException("MaxFrequency " + maxFrequency + " must be a positive number of Hz");
        }
        long seconds = Math.max(MIN_WINDOW_SECONDS, Math.min(MAX_WINDOW_SECONDS,
                (long) Math.floor(TARGET_SAMPLES / maxFrequency)));
        double samplesPerWindow = maxFrequency * seconds;
        long windows = Math.max(1, (long) Math.floor(QUERY_SAMPLES / samplesPerWindow));
        return new TimeWindows(seconds * SECOND, windows);
    }

    /** The start of the window holding {@code time}. */
    public long windowStart(long time) {
        return Math.floorDiv(time, windowNanos) * windowNanos;
    }

    /** The (exclusive) end of the window holding {@code time}, at most {@link #MAX_TIME}. */
    public long windowEnd(long time) {
        long start = windowStart(time);
        return start > MAX_TIME - windowNanos ? MAX_TIME : start + windowNanos;
    }

    /** The length of one query's time range. */
    public long queryNanos() {
        return windowNanos * queryWindows;
    }
}
