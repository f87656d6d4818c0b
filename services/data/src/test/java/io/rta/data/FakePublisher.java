package io.rta.data;

import io.rta.data.api.BatchPublisher;
import io.rta.data.api.RecordPosition;
import io.rta.events.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/** Records what would be produced; acknowledges at once, or only when the test says so. */
public final class FakePublisher implements BatchPublisher {

    public record Sent(String dataIdentity, TelemetryBatch batch, RecordPosition position,
                       CompletableFuture<RecordPosition> ack) {
    }

    private final boolean autoAck;
    private final List<Sent> sent = new ArrayList<>();

    public FakePublisher(boolean autoAck) {
        this.autoAck = autoAck;
    }

    @Override
    public synchronized CompletableFuture<RecordPosition> publish(String dataIdentity, TelemetryBatch batch) {
        RecordPosition position = new RecordPosition(new TopicPartition("rta.telemetry", 0), sent.size());
        CompletableFuture<RecordPosition> ack = new CompletableFuture<>();
        sent.add(new Sent(dataIdentity, batch, position, ack));
        if (autoAck) {
            ack.complete(position);
        }
        return ack;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized int bursts() {
        return sent.stream().mapToInt(s -> s.batch().getBursts().size()).sum();
    }

    public void ackAll() {
        sent().forEach(s -> s.ack().complete(s.position()));
    }
}
