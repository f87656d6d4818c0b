package io.rta.schemas;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible schema registry the serdes need: register a schema under a subject and
 * resolve a schema id back to the writer schema.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject}; idempotent: the same schema returns the same id.
     *
     * @throws SchemaRegistryException when the registry rejects the schema or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema registered with {@code id}.
     *
     * @throws SchemaRegistryException when no schema has that id or the registry cannot be reached
     */
    Schema getById(int id);

    /** Sets the compatibility level of {@code subject}: NONE, BACKWARD, FORWARD, FULL or a *_TRANSITIVE form. */
    void setCompatibility(String subject, String level);
}
