package io.rta.service.kafka;

import io.rta.service.write.OffsetWaiters;
import io.rta.service.write.ReadabilityTracker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    /** Positions are the group's committed offsets (the next offset it reads). */
    private final OffsetWaiters<TopicPartition> waiters = new OffsetWaiters<>();
    private ScheduledFuture<?> scheduled;

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
        synchronized (this) {
            if (poller.isShutdown()) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("the committed offsets watcher is closed"));
            }
            CompletableFuture<Void> done = waiters.await(partition, offset);
            if (scheduled == null && !done.isDone()) {
                scheduled = poller.schedule(this::poll, 0, TimeUnit.MILLISECONDS);
            }
            return done;
        }
    }

    @Override
    public long lastProgressNanos() {
        return waiters.lastProgressNanos();
    }

    /** Whether a poll is scheduled (only while someone waits). */
    public synchronized boolean isPolling() {
        return scheduled != null;
    }

    private void poll() {
        // waiters whose callers gave up (timed out, stream cancelled) no longer keep the poller running
        Set<TopicPartition> partitions = waiters.waitedOn();
        if (!partitions.isEmpty()) {
            try {
                offsets.committed(partitions).forEach(waiters::advance);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // waiters bound their own waits; keep polling until they give up
                LOG.warn("Could not read the committed offsets of {}: {}", partitions, e.toString());
            }
        }
        synchronized (this) {
            scheduled = waiters.isEmpty() || poller.isShutdown() ? null
                    : poller.schedule(this::poll, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
