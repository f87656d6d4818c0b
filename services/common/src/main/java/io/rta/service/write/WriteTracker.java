package io.rta.service.write;

import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Lets a writer wait until a view has applied the event it wrote. Views report, per source topic partition, the
 * highest offset they have applied; a writer waits for the offset Kafka gave its event. Waits are bounded: a wait that
 * outlives the write timeout fails with {@link WriteTimeoutException} instead of succeeding silently.
 */
public final class WriteTracker {

    private final String viewName;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();

    public WriteTracker(String viewName, Duration timeout, ScheduledExecutorService timer) {
        this.viewName = viewName;
        this.timeout = timeout;
        this.timer = timer;
    }

    /** Completes once the view has applied the event at (partition, offset) of the source topic. */
    public CompletableFuture<Void> await(int partition, long offset) {
        CompletableFuture<Void> done = partitions.computeIfAbsent(partition, p -> new Partition()).await(offset);
        if (!done.isDone()) {
            ScheduledFuture<?> expiry = timer.schedule(() -> done.completeExceptionally(new WriteTimeoutException(
                    "the write was stored in Kafka (partition " + partition + ", offset " + offset
                            + ") but the " + viewName + " view did not reflect it within " + timeout.toMillis()
                            + " ms; it will appear once the view catches up")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            done.whenComplete((ok, error) -> expiry.cancel(false));
        }
        return done;
    }

    /** Called by the view once it has applied everything up to and including {@code offset} of the partition. */
    public void applied(int partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new Partition()).applied(offset);
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

        void applied(long offset) {
            PriorityQueue<Waiter> ready = new PriorityQueue<>();
            synchronized (this) {
                if (offset <= applied) {
                    return;
                }
                applied = offset;
                while (!waiters.isEmpty() && waiters.peek().offset <= offset) {
                    ready.add(waiters.poll());
                }
            }
            ready.forEach(w -> w.future.complete(null));
        }
    }

    private record Waiter(long offset, CompletableFuture<Void> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return Long.compare(offset, other.offset);
        }
    }
}
