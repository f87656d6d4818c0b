package io.rta.service.write;

import io.rta.topology.SourcePosition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Read-your-writes for a view that may set a record aside: a writer waits on the offset Kafka gave its record (a
 * {@link WriteTracker}) and learns whether the view applied it or set it aside, and why. The view reports both; this
 * keeps the problems of records set aside until their writers collect them.
 */
public final class ViewOutcomes {

    /** Set-aside outcomes kept for writers to collect; more than this many uncollected means nobody waits on them. */
    private static final int MAX_SET_ASIDE = 1_000;

    private final WriteTracker applied;
    private final Map<SourcePosition, String> setAside = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SourcePosition, String> eldest) {
            return size() > MAX_SET_ASIDE;
        }
    };

    /** @param viewName how a write timeout names the view ("config", "schema mapping") */
    public ViewOutcomes(String viewName, Duration writeTimeout, ScheduledExecutorService timer) {
        this.applied = new WriteTracker(viewName, writeTimeout, timer);
    }

    /**
     * Completes once the view shows the outcome of the record at (partition, offset): with the problem it was set
     * aside for, or {@code null} when it was applied.
     */
    public CompletableFuture<String> await(int partition, long offset) {
        return applied.await(partition, offset).thenApply(done -> takeSetAside(new SourcePosition(partition, offset)));
    }

    /** The view has applied (or set aside) everything up to and including {@code offset} of the partition. */
    public void applied(int partition, long offset) {
        applied.applied(partition, offset);
    }

    /** The view set the record at (partition, offset) aside for {@code problem}; reported before {@link #applied}. */
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
