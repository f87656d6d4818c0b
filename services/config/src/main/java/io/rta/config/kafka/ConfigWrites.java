package io.rta.config.kafka;

import io.rta.service.write.WriteTracker;
import io.rta.topology.SourcePosition;
import io.rta.topology.config.ConfigViewListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Read-your-writes for configs: a writer waits on the offset Kafka gave its publication until this process's global
 * config view has applied its outcome ({@link ConfigViewListener}, through the process's one {@link WriteTracker}
 * kind of waiter). Built before the topology, which reports to it, and handed to the config store.
 */
public final class ConfigWrites implements ConfigViewListener {

    /** Set-aside outcomes kept for writers to collect; more than this many uncollected means nobody waits on them. */
    private static final int MAX_SET_ASIDE = 1_000;

    private final WriteTracker applied;
    private final Map<SourcePosition, String> setAside = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SourcePosition, String> eldest) {
            return size() > MAX_SET_ASIDE;
        }
    };

    public ConfigWrites(Duration writeTimeout, ScheduledExecutorService timer) {
        this.applied = new WriteTracker("config", writeTimeout, timer);
    }

    /**
     * Completes once the view shows the outcome of the publication at (partition, offset): with the problem it was set
     * aside for, or {@code null} when it was applied (stored, deleted, or changing nothing).
     */
    public CompletableFuture<String> await(int partition, long offset) {
        return applied.await(partition, offset).thenApply(done -> takeSetAside(new SourcePosition(partition, offset)));
    }

    @Override
    public void applied(int partition, long offset) {
        applied.applied(partition, offset);
    }

    @Override
    public void setAside(int partition, long offset, String problem) {
        synchronized (setAside) {
            setAside.put(new SourcePosition(partition, offset), problem);
        }
    }

    private String takeSetAside(SourcePosition position) {
        synchronized (setAside) {
            return setAside.remove(position);
        }
    }
}
