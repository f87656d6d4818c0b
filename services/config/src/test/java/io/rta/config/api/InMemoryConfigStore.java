package io.rta.config.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Both sides of the config store in memory, for tests: first publication wins, writes complete on another thread
 * (as Kafka's would), and can be made to fail.
 */
public final class InMemoryConfigStore implements ConfigReader, ConfigWriter {

    private final ConcurrentMap<String, StoredConfig> configs = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicReference<RuntimeException> writeFailure = new AtomicReference<>();

    @Override
    public Optional<StoredConfig> get(String identifier) {
        return Optional.ofNullable(configs.get(identifier));
    }

    @Override
    public CompletableFuture<Boolean> publish(String identifier, String contentType, byte[] data) {
        writes.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            failIfAsked();
            return configs.putIfAbsent(identifier, new StoredConfig(contentType, data)) == null;
        });
    }

    @Override
    public CompletableFuture<Void> delete(String identifier) {
        writes.incrementAndGet();
        return CompletableFuture.runAsync(() -> {
            failIfAsked();
            configs.remove(identifier);
        });
    }

    /** Stores a config directly, as if it had been published earlier. */
    public void put(String identifier, String contentType, byte[] data) {
        configs.put(identifier, new StoredConfig(contentType, data));
    }

    /** Makes every later write fail with {@code failure}. */
    public void failWritesWith(RuntimeException failure) {
        writeFailure.set(failure);
    }

    /** How many writes were attempted: bad input must leave it unchanged. */
    public int writeCount() {
        return writes.get();
    }

    private void failIfAsked() {
        RuntimeException failure = writeFailure.get();
        if (failure != null) {
            throw failure;
        }
    }
}
