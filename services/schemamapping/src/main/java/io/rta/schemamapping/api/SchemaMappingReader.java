package io.rta.schemamapping.api;

import io.rta.events.SchemaMapping;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import java.util.Optional;

/**
 * Reads schema mappings from this process's view. Implementations answer locally (the view is a global store) and
 * throw {@link io.rta.service.errors.UnavailableException} while it cannot be read.
 */
public interface SchemaMappingReader {

    /** The mapping stored for the pair, if any. */
    Optional<SchemaMapping> get(MappingKey key);
}
