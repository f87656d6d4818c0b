package io.rta.service.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before a failed stream thread is replaced. A replacement re-reads from the last commit, so a thread
 * that died on a record meets it again: without a pause, the client would spin through fail, rebalance, restore (with
 * exactly-once a dirty close wipes the failed thread's task state) and fail again. The pause starts at
 * {@link #FIRST}, doubles with each failure that follows the previous one within {@link #QUIET}, and stays at
 * {@link #MAX}; after {@link #QUIET} without a failure it starts again at {@link #FIRST}.
 */
final class ThreadReplacementBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration QUIET = Duration.ofMinutes(10);

    private Instant last;
    private int streak;

    /** Records a failure at {@code now} and answers the pause before its thread is replaced. */
    synchronized Duration next(Instant now) {
        if (last == null || Duration.between(last, now).compareTo(QUIET) > 0) {
            streak = 0;
        }
        last = now;
        streak++;
        long millis = FIRST.toMillis() << Math.min(streak - 1, 16);
        return Duration.ofMillis(Math.min(MAX.toMillis(), millis));
    }

    /** Failures in the current streak (0 before the first). */
    synchronized int streak() {
        return streak;
    }
}
