package io.rta.schemamapping.api;

import io.rta.events.SchemaMapping;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import java.util.concurrent.CompletableFuture;

/**
 * Writes schema mappings. Each write completes once it is durable and this process's view shows it (read-your-writes);
 * it fails with an {@link io.rta.service.errors.InvalidInputException} when the view set it aside, a
 * {@link io.rta.service.write.WriteTimeoutException} when the view made no progress for the write timeout (the write
 * is stored, not yet visible), and an {@link io.rta.service.errors.UnavailableException} when Kafka did not take it.
 */
public interface SchemaMappingWriter {

    /** Stores (creates or replaces) a valid mapping under its own data source and identity. */
    CompletableFuture<Void> put(SchemaMapping mapping);

    /** Deletes the pair's mapping; deleting one that does not exist succeeds. */
    CompletableFuture<Void> delete(MappingKey key);
}
