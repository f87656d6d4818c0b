package io.rta.schemamapping.api;

import io.rta.events.SchemaMapping;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Both sides of the schema mapping store in memory, for tests: writes complete on another thread, as Kafka's would. */
public final class InMemorySchemaMappings implements SchemaMappingReader, SchemaMappingWriter {

    private final ConcurrentMap<MappingKey, SchemaMapping> mappings = new ConcurrentHashMap<>();

    @Override
    public Optional<SchemaMapping> get(MappingKey key) {
        return Optional.ofNullable(mappings.get(key));
    }

    @Override
    public CompletableFuture<Void> put(SchemaMapping mapping) {
        return CompletableFuture.runAsync(() -> mappings.put(
                new MappingKey(mapping.getDataSource(), mapping.getDataIdentity()), mapping));
    }

    @Override
    public CompletableFuture<Void> delete(MappingKey key) {
        return CompletableFuture.runAsync(() -> mappings.remove(key));
    }

    public int size() {
        return mappings.size();
    }
}
