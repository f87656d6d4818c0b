package io.rta.service.write;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Lets a writer wait until a view has applied the event it wrote. Views report, per source topic partition, the
 * highest offset they have applied; a writer waits for the offset Kafka gave its event. Waits are bounded by the view's
 * progress: a wait fails with {@link WriteTimeoutException} only once the view has applied nothing new (on any
 * partition) for the write timeout, so a burst of writes that the view works through more slowly than the timeout
 * never fails while the view is progressing, and a stopped view fails its waiters instead of leaving them hanging.
 */
public final class WriteTracker {

    private final String viewName;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    /** Keyed by partition of the source topic; a position is the last applied offset + 1. */
    private final OffsetWaiters<Integer> waiters = new OffsetWaiters<>();

    public WriteTracker(String viewName, Duration timeout, ScheduledExecutorService timer) {
        this.viewName = viewName;
        this.timeout = timeout;
        this.timer = timer;
    }

    /** Completes once the view has applied the event at (partition, offset) of the source topic. */
    public CompletableFuture<Void> await(int partition, long offset) {
        CompletableFuture<Void> done = waiters.await(partition, offset);
        StallWatch.watch(done, waiters::lastProgressNanos, timeout, timer, () -> new WriteTimeoutException(
                "the write was stored in Kafka (partition " + partition + ", offset " + offset + ") but the "
                        + viewName + " view made no progress for " + timeout.toMillis() + " ms (WriteTimeout; it has "
                        + "applied up to offset " + applied(partition) + " of that partition); it will appear once the "
                        + "view catches up"));
        return done;
    }

    /** Called by the view once it has applied everything up to and including {@code offset} of the partition. */
    public void applied(int partition, long offset) {
        waiters.advance(partition, offset + 1);
    }

    private long applied(int partition) {
        long position = waiters.position(partition);
        return position == Long.MIN_VALUE ? -1 : position - 1;
    }
}
