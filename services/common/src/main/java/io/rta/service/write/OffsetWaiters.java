package io.rta.service.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The waiting half of read-your-writes, once for every waiter on offsets: writers wait until what they wrote at an
 * offset of a partition is readable; whoever sees the readable position move on (a view applying a batch, a poll of a
 * consumer group's commits) advances it. A position is the first offset not yet readable (a Kafka committed offset;
 * "applied up to {@code n}" is position {@code n + 1}). Futures complete outside the lock, on the advancing thread.
 *
 * @param <P> the partition key (a partition number of one topic, or a {@code TopicPartition})
 */
public final class OffsetWaiters<P> {

    private final Map<P, Long> positions = new HashMap<>();
    private final Map<P, PriorityQueue<Waiter>> waiting = new HashMap<>();
    /** {@link System#nanoTime()} of the latest advance on any partition: how waits tell a slow view from a stopped one. */
    private volatile long lastProgress = Long.MIN_VALUE;

    /** Completes once the position of {@code partition} is past {@code offset} (at once if it already is). */
    public synchronized CompletableFuture<Void> await(P partition, long offset) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (offset < position(partition)) {
            future.complete(null);
        } else {
            waiting.computeIfAbsent(partition, p -> new PriorityQueue<>()).add(new Waiter(offset, future));
        }
        return future;
    }

    /**
     * Moves the position of {@code partition} to {@code position} (never back) and completes the waits it passes.
     *
     * @return whether it moved on
     */
    public boolean advance(P partition, long position) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            if (position <= position(partition)) {
                return false;
            }
            positions.put(partition, position);
            PriorityQueue<Waiter> queue = waiting.get(partition);
            while (queue != null && !queue.isEmpty() && queue.peek().offset < position) {
                ready.add(queue.poll().future);
            }
            if (queue != null && queue.isEmpty()) {
                waiting.remove(partition);
            }
            lastProgress = System.nanoTime();
        }
        ready.forEach(future -> future.complete(null));
        return true;
    }

    /** The partitions someone waits on, after dropping the waits whose callers gave up (completed elsewhere). */
    public synchronized Set<P> waitedOn() {
        waiting.values().forEach(queue -> queue.removeIf(waiter -> waiter.future.isDone()));
        waiting.values().removeIf(PriorityQueue::isEmpty);
        return Set.copyOf(waiting.keySet());
    }

    public synchronized boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The position of {@code partition}; {@link Long#MIN_VALUE} before the first advance. */
    public synchronized long position(P partition) {
        return positions.getOrDefault(partition, Long.MIN_VALUE);
    }

    /** {@link System#nanoTime()} of the latest advance, {@link Long#MIN_VALUE} before the first. */
    public long lastProgressNanos() {
        return lastProgress;
    }

    private record Waiter(long offset, CompletableFuture<Void> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return Long.compare(offset, other.offset);
        }
    }
}
