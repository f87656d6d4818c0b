package io.rta.data;

import io.rta.service.write.ReadabilityTracker;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/** Committed offsets the test moves by hand. */
public final class FakeReadability implements ReadabilityTracker {

    private final Map<Long, CompletableFuture<Void>> waits = new HashMap<>();
    private long committed = -1;
    private volatile long lastProgress = Long.MIN_VALUE;

    @Override
    public synchronized CompletableFuture<Void> awaitCommitted(TopicPartition partition, long offset) {
        CompletableFuture<Void> wait = waits.computeIfAbsent(offset, o -> new CompletableFuture<>());
        if (offset < committed) {
            wait.complete(null);
        }
        return wait;
    }

    /** Everything before {@code next} is committed. */
    public void commit(long next) {
        Map<Long, CompletableFuture<Void>> ready = new HashMap<>();
        synchronized (this) {
            if (next > committed) {
                lastProgress = System.nanoTime();
            }
            committed = Math.max(committed, next);
            waits.forEach((offset, wait) -> {
                if (offset < next) {
                    ready.put(offset, wait);
                }
            });
        }
        ready.values().forEach(wait -> wait.complete(null));
    }

    @Override
    public long lastProgressNanos() {
        return lastProgress;
    }

    public synchronized boolean isWaiting(long offset) {
        return waits.containsKey(offset);
    }
}
