package io.rta.topology.config;

/**
 * Told by the config view (the global store over the configs topic) which publications it has applied, so a writer
 * waiting on the offset Kafka gave its publication knows when the view shows its outcome. Every publication the
 * config topology processes yields one record on the configs topic carrying its {@link io.rta.topology.SourcePosition}:
 * the config itself, its tombstone, or — when it changes nothing (a second publication of an identifier, a delete of an
 * absent one, one set aside) — a marker the view applies without changing any config. Called on the global stream
 * thread; an implementation must be quick and must not throw.
 */
public interface ConfigViewListener {

    /** Listens to nothing (a replay, a test). */
    ConfigViewListener NONE = (partition, offset) -> { };

    /**
     * The view shows the outcome of the publication at {@code offset} of {@code partition} of the config-publications
     * topic (and, in a well-formed topic, of every earlier one of that partition).
     */
    void applied(int partition, long offset);

    /** That publication was set aside to the dead-letter topic for {@code problem}; called before {@link #applied}. */
    default void setAside(int partition, long offset, String problem) {
    }
}
