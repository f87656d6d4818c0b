package io.rta.service.lifecycle;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every health check of a registry at once, each on its own thread, so a run takes as long as the slowest check
 * rather than the sum (the gateway asks each upstream; a server asks Kafka and the registry). A check that throws is
 * unhealthy with its exception (Dropwizard's {@link HealthCheckRegistry#runHealthChecks(ExecutorService)}). Callers
 * run at most one run at a time each, so the threads stay few; idle ones end after 30 s.
 */
public final class HealthRuns {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService CHECKS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "health-check-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private HealthRuns() {
    }

    /** Every check's result, the checks run in parallel. */
    public static SortedMap<String, HealthCheck.Result> runAll(HealthCheckRegistry registry) {
        return registry.runHealthChecks(CHECKS);
    }
}
