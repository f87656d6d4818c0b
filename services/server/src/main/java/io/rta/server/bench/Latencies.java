package io.rta.server.bench;

import java.util.Arrays;

/** Recorded latencies of one scenario, with nearest-rank percentiles. */
final class Latencies {

    private long[] nanos = new long[64];
    private int count;

    void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    /** Records every latency of {@code other} too. */
    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            record(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /**
     * The nearest-rank percentile in milliseconds: the smallest recorded value that at least {@code percent}% of the
     * values do not exceed.
     */
    double percentileMillis(double percent) {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], not " + percent);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return sorted[Math.max(rank, 1) - 1] / 1_000_000.0;
    }
}
