package io.rta.service.write;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a record is readable: the Streams application has committed past it (with exactly-once, committed means
 * processed and changelogged, so the view shows it and keeps it after a crash).
 */
@FunctionalInterface
public interface ReadabilityTracker {

    /** Completes once the application's committed offset of the partition is greater than {@code offset}. */
    CompletableFuture<Void> awaitCommitted(TopicPartition partition, long offset);

    /**
     * {@link System#nanoTime()} of the latest advance seen of the application's committed offsets (on any partition
     * someone waits on), {@link Long#MIN_VALUE} when none was seen: how waits tell a slow view from a stopped one.
     */
    default long lastProgressNanos() {
        return Long.MIN_VALUE;
    }
}
