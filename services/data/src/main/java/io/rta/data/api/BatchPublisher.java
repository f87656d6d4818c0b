package io.rta.data.api;

import io.rta.events.TelemetryBatch;
import java.util.concurrent.CompletableFuture;

/** Sends telemetry batches to {@code rta.telemetry}; the future completes once the record is durable (acks=all). */
@FunctionalInterface
public interface BatchPublisher {

    CompletableFuture<RecordPosition> publish(String dataIdentity, TelemetryBatch batch);
}
