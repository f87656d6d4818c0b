package io.rta.config.api;

import java.util.concurrent.CompletableFuture;

/**
 * Writes configs by producing events. Every future completes only once the change is durable <em>and</em> visible
 * through this process's {@link ConfigReader}; it fails with {@link io.rta.service.write.WriteTimeoutException} when the view did not
 * reflect the change in time, and with any other exception when the write itself failed.
 *
 * <p>Futures may complete on any thread (typically a Kafka client thread): callers must not block there.
 */
public interface ConfigWriter {

    /**
     * Stores a config unless one already exists under {@code identifier} (the first publication wins).
     *
     * @param data the config bytes, handed over: the caller does not modify them afterwards
     * @return {@code true} when this call stored the config, {@code false} when one already existed and nothing
     *     changed
     */
    CompletableFuture<Boolean> publish(String identifier, String contentType, byte[] data);

    /** Deletes the config stored under {@code identifier}, completing normally when there is none. */
    CompletableFuture<Void> delete(String identifier);
}
