package io.rta.session.api;

import io.rta.events.SessionFolder;
import io.rta.events.SessionUpdateBatch;
import java.util.concurrent.CompletableFuture;

/**
 * Writes session and folder changes. Each future completes when the change is durable AND this process's views
 * reflect it (read-your-writes), or fails with {@code WriteTimeoutException} when the views did not catch up in time.
 */
public interface SessionWriter {

    CompletableFuture<Void> apply(String identity, SessionUpdateBatch batch);

    CompletableFuture<Void> putFolder(SessionFolder folder);

    CompletableFuture<Void> deleteFolder(String identity);

    /**
     * Whether {@link #apply} returns without blocking right now (nothing it does waits on I/O, e.g. for a schema
     * registry): then a caller may run it on a thread that must not block.
     */
    default boolean writesWithoutBlocking() {
        return false;
    }
}
