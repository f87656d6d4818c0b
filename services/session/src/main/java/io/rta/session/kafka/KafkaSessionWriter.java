package io.rta.session.kafka;

import io.rta.events.SessionFolder;
import io.rta.events.SessionUpdateBatch;
import io.rta.service.kafka.EventProducer;
import io.rta.service.write.WriteTracker;
import io.rta.session.api.SessionWriter;
import io.rta.topology.Topics;
import java.util.concurrent.CompletableFuture;

/**
 * Writes by producing events: update batches to the session-updates topic (applied by the session topology), folders
 * straight to the compacted folders topic. Waits for the session views of this process to apply the event.
 */
public final class KafkaSessionWriter implements SessionWriter {

    private final EventProducer producer;
    private final Topics topics;
    private final WriteTracker sessionsApplied;
    private final WriteTracker foldersApplied;

    public KafkaSessionWriter(EventProducer producer, Topics topics, WriteTracker sessionsApplied,
                              WriteTracker foldersApplied) {
        this.producer = producer;
        this.topics = topics;
        this.sessionsApplied = sessionsApplied;
        this.foldersApplied = foldersApplied;
    }

    @Override
    public CompletableFuture<Void> apply(String identity, SessionUpdateBatch batch) {
        return producer.send(topics.sessionUpdates(), identity, batch)
                .thenCompose(written -> sessionsApplied.await(written.partition(), written.offset()));
    }

    /** Once the session-updates topic's schema is registered (its first write asks the registry). */
    @Override
    public boolean writesWithoutBlocking() {
        return producer.encodesAtOnce(topics.sessionUpdates());
    }

    @Override
    public CompletableFuture<Void> putFolder(SessionFolder folder) {
        return producer.send(topics.folders(), folder.getIdentity(), folder)
                .thenCompose(written -> foldersApplied.await(written.partition(), written.offset()));
    }

    @Override
    public CompletableFuture<Void> deleteFolder(String identity) {
        return producer.send(topics.folders(), identity, null)
                .thenCompose(written -> foldersApplied.await(written.partition(), written.offset()));
    }
}
