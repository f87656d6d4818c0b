package io.rta.topology.errors;

import io.rta.schemas.RegistryUnavailableException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a schema registry outage in place, for the global views (configs, schema mappings): Kafka Streams cannot
 * replace its global thread, so a record that needs the registry (a schema id not cached yet, the store's own
 * schema at start) must not fail there — failing stopped the whole Streams client (every topology of the process)
 * until someone restarted it. A stream thread's record is retried by replacing the thread instead (the handlers'
 * {@code fail}), which needs none of this.
 *
 * <p>One per Streams client (in its configuration under {@link #CONFIG}, put there by the runner, which
 * {@link #close closes} it first when the client is closed, so a wait never holds up a shutdown). Without one (tests)
 * nothing is waited for.
 */
public final class RegistryRetry implements AutoCloseable {

    /** The Streams configuration key holding the client's instance. */
    public static final String CONFIG = "rta.registry.retry";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRetry.class);
    private static final RegistryRetry NONE = new RegistryRetry(0);

    private final long maxPauseMillis;
    private final CountDownLatch closed = new CountDownLatch(1);

    public RegistryRetry() {
        this(5_000);
    }

    /** @param maxPauseMillis the longest pause between two attempts; 0: no retry at all */
    RegistryRetry(long maxPauseMillis) {
        this.maxPauseMillis = maxPauseMillis;
    }

    /** The instance of a Streams configuration, or one that retries nothing. */
    public static RegistryRetry from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof RegistryRetry retry ? retry : NONE;
    }

    /**
     * {@code action}'s result, attempted again (pauses doubling from 100 ms to {@code maxPauseMillis}) for as long
     * as it fails for want of the registry; any other failure, or one once this is closed, is thrown.
     *
     * @param what what waits, for the log
     */
    public <T> T call(Supplier<T> action, String what) {
        long pause = Math.min(100, maxPauseMillis);
        for (long attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (maxPauseMillis == 0 || !RegistryUnavailableException.isCauseOf(e) || closed.getCount() == 0) {
                    throw e;
                }
                if ((attempt & (attempt - 1)) == 0) {
                    LOG.warn("{} waits for the schema registry (attempt {}, next in {} ms): {}", what, attempt, pause,
                            LogText.escape(String.valueOf(e.getMessage())));
                }
                try {
                    if (closed.await(pause, TimeUnit.MILLISECONDS)) {
                        throw e;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, maxPauseMillis);
            }
        }
    }

    /** Ends every wait: the client is closing. */
    @Override
    public void close() {
        closed.countDown();
    }
}
