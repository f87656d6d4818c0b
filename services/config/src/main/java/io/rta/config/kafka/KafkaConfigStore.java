package io.rta.config.kafka;

import io.rta.config.api.ConfigReader;
import io.rta.config.api.ConfigWriter;
import io.rta.config.api.StoredConfig;
import io.rta.config.validation.InvalidConfigException;
import io.rta.events.ConfigPublication;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.topology.Topics;
import io.rta.topology.config.ConfigTopology;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Configs over Kafka: publications are produced to the config-publications topic (the config topology lets the first
 * one of an identifier win) and read from the global config view of this process's Kafka Streams instance. A write
 * completes once that view has applied the outcome of its publication ({@link ConfigWrites}, by the offset Kafka gave
 * it); it fails only when the view stops making progress for the write timeout, or when the topology set the
 * publication aside.
 */
public final class KafkaConfigStore implements ConfigReader, ConfigWriter {

    private final EventProducer producer;
    private final Topics topics;
    private final StreamsRunner streams;
    private final ConfigWrites writes;
    /** Where a write's outcome is looked at: not the global stream thread that applied it. */
    private final Executor completions;
    private final Duration writeTimeout;

    public KafkaConfigStore(EventProducer producer, Topics topics, StreamsRunner streams, ConfigWrites writes,
                            Executor completions, Duration writeTimeout) {
        this.producer = producer;
        this.topics = topics;
        this.streams = streams;
        this.writes = writes;
        this.completions = completions;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public Optional<StoredConfig> get(String identifier) {
        ConfigPublication publication = view().get(identifier);
        return publication == null ? Optional.empty() : Optional.of(StoredConfig.of(publication));
    }

    @Override
    public boolean contains(String identifier) {
        return view().get(identifier) != null;
    }

    /**
     * Stores the config unless the view has it already. Two publications of one identifier racing each other: the
     * first one the topology processes wins; the other answers {@code false} (nothing of it was stored) when the view
     * then shows the winner's different content.
     */
    @Override
    public CompletableFuture<Boolean> publish(String identifier, String contentType, byte[] data) {
        if (contains(identifier)) {
            return CompletableFuture.completedFuture(false);
        }
        ConfigPublication publication = new ConfigPublication(contentType, ByteBuffer.wrap(data));
        return producer.send(topics.configPublications(), identifier, publication)
                .thenCompose(this::outcome)
                .thenApply(done -> !differs(identifier, contentType, data));
    }

    @Override
    public CompletableFuture<Void> delete(String identifier) {
        return producer.send(topics.configPublications(), identifier, null)
                .thenCompose(this::outcome)
                .thenApply(done -> null);
    }

    /** Completes once the view shows what became of the publication; fails when it was set aside. */
    private CompletableFuture<Void> outcome(RecordMetadata written) {
        return writes.await(written.partition(), written.offset()).thenApplyAsync(problem -> {
            if (problem != null) {
                throw new CompletionException(new InvalidConfigException("the config topology set the publication "
                        + "aside to the dead-letter topic (check MaxConfigSize and the limits match on every config "
                        + "service): " + problem));
            }
            return null;
        }, completions);
    }

    /** Whether the view now holds a different config under the identifier (one that won a race); never waits. */
    private boolean differs(String identifier, String contentType, byte[] data) {
        ConfigPublication stored;
        try {
            stored = streams.<String, ConfigPublication>keyValueStore(ConfigTopology.CONFIG_VIEW_STORE, Duration.ZERO)
                    .get(identifier);
        } catch (InvalidStateStoreException e) {
            return false;
        }
        return stored != null && (!stored.getContentType().equals(contentType)
                || !stored.getData().duplicate().equals(ByteBuffer.wrap(data)));
    }

    private ReadOnlyKeyValueStore<String, ConfigPublication> view() {
        return streams.keyValueStore(ConfigTopology.CONFIG_VIEW_STORE, writeTimeout);
    }
}
