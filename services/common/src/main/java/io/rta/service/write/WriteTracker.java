package io.rta.service.write;

import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} of the view's latest progress on any partition. */
    private volatile long lastProgress = Long.MIN_VALUE;

    public WriteTracker(String viewName, Duration timeout, ScheduledExecutorService timer) {
        this.viewName = viewName;
        this.timeout = timeout;
        this.timer = timer;
    }

    /** Completes once the view has applied the event at (partition, offset) of the source topic. */
    public CompletableFuture<Void> await(int partition, long offset) {
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
        CompletableFuture<Void> done = state.await(offset);
        StallWatch.watch(done, () -> lastProgress, timeout, timer, () -> new WriteTimeoutException(
                "the write was stored in Kafka (partition " + partition + ", offset " + offset + ") but the "
                        + viewName + " view made no progress for " + timeout.toMillis() + " ms (WriteTimeout; it has "
                        + "applied up to offset " + state.applied() + " of that partition); it will appear once the "
                        + "view catches up"));
        return done;
    }

    /** Called by the view once it has applied everything up to and including {@code offset} of the partition. */
    public void applied(int partition, long offset) {
        if (partitions.computeIfAbsent(partition, p -> new Partition()).applied(offset)) {
            lastProgress = System.nanoTime();
        }
    }

    private static final class Partition {
        private long applied = -1;
        private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();

        synchronized CompletableFuture<Void> await(long offset) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            if (offset <= applied) {
                future.complete(null);
            } else {
                waiters.add(new Waiter(offset, future));
            }
            return future;
        }

        synchronized long applied() {
            return applied;
        }

        /** Returns whether the view moved on. */
        boolean applied(long offset) {
            PriorityQueue<Waiter> ready = new PriorityQueue<>();
            synchronized (this) {
                if (offset <= applied) {
                    return false;
                }
                applied = offset;
                while (!waiters.isEmpty() && waiters.peek().offset <= offset) {
                    ready.add(waiters.poll());
                }
            }
            ready.forEach(w -> w.future.complete(null));
            return true;
        }
    }

    private record Waiter(long offset, CompletableFuture<Void> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return Long.compare(offset, other.offset);
        }
    }
}
