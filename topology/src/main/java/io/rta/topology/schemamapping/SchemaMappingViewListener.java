package io.rta.topology.schemamapping;

import io.rta.events.DeadLetter;

/**
 * Told by the schema mapping view (the global store over the schema-mappings topic) which records it has applied, so
 * a writer waiting on the offset Kafka gave its record knows when reads show it. Called on the global stream thread; an
 * implementation must be quick and must not throw.
 */
public interface SchemaMappingViewListener {

    /** Listens to nothing (a test, a tool). */
    SchemaMappingViewListener NONE = (partition, offset) -> { };

    /** The view has applied (or set aside) the record at {@code offset} of {@code partition}. */
    void applied(int partition, long offset);

    /**
     * That record broke a rule and was not applied, for {@code problem}; {@code letter} is its dead letter (counted
     * and logged already: a global store cannot forward it to a sink). Called before {@link #applied}.
     */
    default void setAside(int partition, long offset, String problem, DeadLetter letter) {
    }
}
