package io.rta.stream.live;

/** A lazily read run of back-fill items; pulled by one thread at a time. */
public interface Backfill extends AutoCloseable {

    /** An empty back-fill. */
    Backfill NONE = () -> null;

    /** The next item, or {@code null} when the back-fill is complete. */
    LiveData next();

    @Override
    default void close() {
    }
}
