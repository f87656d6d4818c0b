package io.rta.data.kafka;

import io.rta.data.api.BatchPublisher;
import io.rta.data.api.RecordPosition;
import io.rta.events.TelemetryBatch;
import io.rta.service.kafka.EventProducer;
import io.rta.topology.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/** Produces telemetry batches to {@code rta.telemetry}, keyed by data identity, with the service's one producer. */
public final class TelemetryPublisher implements BatchPublisher {

    private final EventProducer producer;
    private final Topics topics;

    public TelemetryPublisher(EventProducer producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<RecordPosition> publish(String dataIdentity, TelemetryBatch batch) {
        return producer.send(topics.telemetry(), dataIdentity, batch)
                .thenApply(stored -> new RecordPosition(new TopicPartition(stored.topic(), stored.partition()),
                        stored.offset()));
    }
}
