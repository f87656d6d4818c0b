package io.rta.config.kafka;

import io.rta.service.write.ViewOutcomes;
import io.rta.topology.config.ConfigViewListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Read-your-writes for configs: a writer waits on the offset Kafka gave its publication until this process's global
 * config view has applied its outcome ({@link ConfigViewListener}, through the process's one {@link ViewOutcomes}
 * kind of waiter). Built before the topology, which reports to it, and handed to the config store.
 */
public final class ConfigWrites implements ConfigViewListener {

    private final ViewOutcomes outcomes;

    public ConfigWrites(Duration writeTimeout, ScheduledExecutorService timer) {
        this.outcomes = new ViewOutcomes("config", writeTimeout, timer);
    }

    /**
     * Completes once the view shows the outcome of the publication at (partition, offset): with the problem it was set
     * aside for, or {@code null} when it was applied (stored, deleted, or changing nothing).
     */
    public CompletableFuture<String> await(int partition, long offset) {
        return outcomes.await(partition, offset);
    }

    @Override
    public void applied(int partition, long offset) {
        outcomes.applied(partition, offset);
    }

    @Override
    public void setAside(int partition, long offset, String problem) {
        outcomes.setAside(partition, offset, problem);
    }
}
