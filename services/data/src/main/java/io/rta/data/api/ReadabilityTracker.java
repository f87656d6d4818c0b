package io.rta.data.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a telemetry record is readable: the Streams application has committed past it (with exactly-once,
 * committed means processed and changelogged, so the chunk view shows it and keeps it after a crash).
 */
@FunctionalInterface
public interface ReadabilityTracker {

    /** Completes once the application's committed offset of the partition is greater than {@code offset}. */
    CompletableFuture<Void> awaitCommitted(TopicPartition partition, long offset);
}
