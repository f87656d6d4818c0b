package io.rta.schemamapping.kafka;

import io.rta.events.SchemaMapping;
import io.rta.schemamapping.api.SchemaMappingReader;
import io.rta.schemamapping.api.SchemaMappingWriter;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.UnavailableException;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.topology.Topic;
import io.rta.topology.schemamapping.SchemaMappingKeys;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import io.rta.topology.schemamapping.SchemaMappingTopology;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Schema mappings over Kafka: a write is one record on the compacted schema-mappings topic (a tombstone deletes),
 * produced by the process's producer; reads answer from the global schema mapping view of this process's Kafka
 * Streams instance. A write completes once that view has applied its record ({@link SchemaMappingWrites}, by the
 * offset Kafka gave it).
 */
public final class KafkaSchemaMappingStore implements SchemaMappingReader, SchemaMappingWriter {

    private final EventProducer producer;
    private final Topic<String, SchemaMapping> topic;
    private final StreamsRunner streams;
    private final SchemaMappingWrites writes;
    /** Where a write's outcome is looked at: not the global stream thread that applied it. */
    private final Executor completions;
    private final Duration readWait;

    /** @param readWait how long a read waits for the view to become queryable (start-up) */
    public KafkaSchemaMappingStore(EventProducer producer, Topic<String, SchemaMapping> topic, StreamsRunner streams,
                                   SchemaMappingWrites writes, Executor completions, Duration readWait) {
        this.producer = producer;
        this.topic = topic;
        this.streams = streams;
        this.writes = writes;
        this.completions = completions;
        this.readWait = readWait;
    }

    @Override
    public Optional<SchemaMapping> get(MappingKey key) {
        try {
            return Optional.ofNullable(streams.<String, SchemaMapping>keyValueStore(SchemaMappingTopology.VIEW_STORE,
                    readWait).get(SchemaMappingKeys.encode(key)));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("the schema mapping view cannot be read now (" + e.getMessage()
                    + "); retry later", e);
        }
    }

    @Override
    public CompletableFuture<Void> put(SchemaMapping mapping) {
        return write(SchemaMappingKeys.encode(mapping.getDataSource(), mapping.getDataIdentity()), mapping);
    }

    @Override
    public CompletableFuture<Void> delete(MappingKey key) {
        return write(SchemaMappingKeys.encode(key), null);
    }

    private CompletableFuture<Void> write(String key, SchemaMapping value) {
        return producer.send(topic, key, value).thenCompose(this::outcome);
    }

    /** Completes once the view shows the record; fails when it was set aside. */
    private CompletableFuture<Void> outcome(RecordMetadata written) {
        return writes.await(written.partition(), written.offset()).thenApplyAsync(problem -> {
            if (problem != null) {
                throw new CompletionException(new InvalidInputException("the schema mapping view set the write aside "
                        + "to the dead-letter topic (check MaxSchemaMappingSize and the limits match on every service "
                        + "holding the view): " + problem));
            }
            return null;
        }, completions);
    }
}
