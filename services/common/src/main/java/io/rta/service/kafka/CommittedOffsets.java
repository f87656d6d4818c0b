package io.rta.service.kafka;

import io.rta.service.write.ReadabilityTracker;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the committed offsets of the Streams application's consumer group for writers waiting on readability. One
 * poller serves every waiter and runs only while there are waiters; callers bound their own waits.
 */
public final class CommittedOffsets implements ReadabilityTracker, AutoCloseable {

    /** Reads the committed offsets of some partitions (absent = nothing committed yet). */
    @FunctionalInterface
    public interface OffsetsSupplier {
        Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommittedOffsets.class);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(20);

    private final OffsetsSupplier offsets;
    private final ScheduledExecutorService poller;
    private final Duration interval;
    private final Map<TopicPartition, PriorityQueue<Waiter>> waiters = new HashMap<>();
    private ScheduledFuture<?> scheduled;
    /** The committed offsets last read, to tell progress. */
    private final Map<TopicPartition, Long> seen = new HashMap<>();
    private volatile long lastProgress = Long.MIN_VALUE;

    /** @param poller runs the polls; it may block on Kafka for a moment, so give it a thread of its own */
    public CommittedOffsets(OffsetsSupplier offsets, ScheduledExecutorService poller, Duration interval) {
        this.offsets = offsets;
        this.poller = poller;
        this.interval = interval;
    }

    /** Watches the group {@code groupId} (the Streams application id) through {@code admin}, on its own thread. */
    public static CommittedOffsets forGroup(Admin admin, String groupId, Duration requestTimeout) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "committed-offsets");
            t.setDaemon(true);
            return t;
        });
        return new CommittedOffsets(partitions -> adminOffsets(admin, groupId, partitions, requestTimeout), thread,
                DEFAULT_POLL_INTERVAL);
    }

    private static Map<TopicPartition, Long> adminOffsets(Admin admin, String groupId, Set<TopicPartition> partitions,
                                                          Duration timeout) throws Exception {
        // requireStable: with exactly-once, only offsets of committed transactions count as readable
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                        new ListConsumerGroupOffsetsOptions().requireStable(true))
                .partitionsToOffsetAndMetadata(groupId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                result.put(partition, offset.offset());
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> awaitCommitted(TopicPartition partition, long offset) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (poller.isShutdown()) {
                done.completeExceptionally(new IllegalStateException("the committed offsets watcher is closed"));
                return done;
            }
            waiters.computeIfAbsent(partition, p -> new PriorityQueue<>()).add(new Waiter(offset, done));
            if (scheduled == null) {
                scheduled = poller.schedule(this::poll, 0, TimeUnit.MILLISECONDS);
            }
        }
        return done;
    }

    @Override
    public long lastProgressNanos() {
        return lastProgress;
    }

    /** Whether a poll is scheduled (only while someone waits). */
    public synchronized boolean isPolling() {
        return scheduled != null;
    }

    private void poll() {
        Set<TopicPartition> partitions;
        synchronized (this) {
            dropAbandoned();
            partitions = new HashSet<>(waiters.keySet());
        }
        Map<TopicPartition, Long> committed = Map.of();
        if (!partitions.isEmpty()) {
            try {
                committed = offsets.committed(partitions);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // waiters bound their own waits; keep polling until they give up
                LOG.warn("Could not read the committed offsets of {}: {}", partitions, e.toString());
            }
        }
        complete(committed);
    }

    private void complete(Map<TopicPartition, Long> committed) {
        java.util.List<CompletableFuture<Void>> ready = new java.util.ArrayList<>();
        synchronized (this) {
            committed.forEach((partition, next) -> {
                Long before = seen.put(partition, next);
                if (before == null || before < next) {
                    lastProgress = System.nanoTime();
                }
                PriorityQueue<Waiter> queue = waiters.get(partition);
                while (queue != null && !queue.isEmpty() && queue.peek().offset < next) {
                    ready.add(queue.poll().future);
                }
            });
            waiters.values().removeIf(PriorityQueue::isEmpty);
            scheduled = waiters.isEmpty() || poller.isShutdown() ? null
                    : poller.schedule(this::poll, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        ready.forEach(future -> future.complete(null));
    }

    /** Waiters whose callers gave up (timed out, stream cancelled) no longer keep the poller running. */
    private void dropAbandoned() {
        waiters.values().forEach(queue -> queue.removeIf(waiter -> waiter.future.isDone()));
        waiters.values().removeIf(PriorityQueue::isEmpty);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private record Waiter(long offset, CompletableFuture<Void> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return Long.compare(offset, other.offset);
        }
    }
}
