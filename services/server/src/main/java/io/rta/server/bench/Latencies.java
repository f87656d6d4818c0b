package io.rta.server.bench;

import org.HdrHistogram.Histogram;

/**
 * Recorded latencies of one scenario in an HdrHistogram: any number of values in constant memory, each kept to 3
 * significant digits (a 12.3456 ms latency is reported within 0.01 ms), percentiles as HdrHistogram defines them
 * (the smallest recorded value that at least that share of the values do not exceed, at that precision).
 * Not thread-safe: one recording thread, or a lock around it.
 */
final class Latencies {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    void record(long elapsedNanos) {
        histogram.recordValue(Math.max(0, elapsedNanos));
    }

    /** Records every latency of {@code other} too. */
    void addAll(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The {@code percent} percentile in milliseconds; 100 is the largest value recorded. */
    double percentileMillis(double percent) {
        if (count() == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], not " + percent);
        }
        // both are the highest value of the recorded value's bucket: within 0.1% above it
        long nanos = percent == 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percent);
        return nanos / NANOS_PER_MILLI;
    }

    /** The largest value recorded, in milliseconds (at the histogram's precision). */
    double maxMillis() {
        return percentileMillis(100);
    }
}
