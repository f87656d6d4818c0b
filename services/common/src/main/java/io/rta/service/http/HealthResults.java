package io.rta.service.http;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.lifecycle.HealthRuns;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The results of every health check, run at most once per {@link #FRESH_MILLIS} however many callers ask: a flood of
 * {@code GET /health} requests costs one run of the checks (some of which ask Kafka and the registry) a second, not
 * one per request. Callers of {@link #all} that arrive while a run is under way wait for it; {@code /metrics} never
 * waits ({@link #recent}).
 */
final class HealthResults {

    static final long FRESH_MILLIS = 1000;

    private record Run(SortedMap<String, HealthCheck.Result> results, long atNanos) {
    }

    private final HealthCheckRegistry health;
    private final LongSupplier nanoClock;
    private final Executor background;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Run last;

    HealthResults(HealthCheckRegistry health) {
        this(health, System::nanoTime, refresher());
    }

    HealthResults(HealthCheckRegistry health, LongSupplier nanoClock, Executor background) {
        this.health = health;
        this.nanoClock = nanoClock;
        this.background = background;
    }

    /** One daemon thread while a background run is under way, none while idle. */
    private static Executor refresher() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "health-refresh");
                    thread.setDaemon(true);
                    return thread;
                });
        return executor;
    }

    /** Every check's result, at most {@link #FRESH_MILLIS} old. */
    synchronized SortedMap<String, HealthCheck.Result> all() {
        Run run = last;
        if (run == null || stale(run)) {
            run = new Run(Collections.unmodifiableSortedMap(HealthRuns.runAll(health)), nanoClock.getAsLong());
            last = run;
        }
        return run.results();
    }

    /**
     * The latest results without waiting for a check (a scrape of {@code /metrics} must not cost a round trip to
     * Kafka or the registry): when they are older than {@link #FRESH_MILLIS}, a run starts in the background and the
     * next caller sees it. Only the very first call, before any run, waits for one.
     */
    SortedMap<String, HealthCheck.Result> recent() {
        Run run = last;
        if (run == null) {
            return all();
        }
        if (stale(run) && refreshing.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    try {
                        all();
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RuntimeException e) {
                refreshing.set(false);
            }
        }
        return run.results();
    }

    private boolean stale(Run run) {
        return nanoClock.getAsLong() - run.atNanos() >= TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS);
    }

    /** The results of the {@link LivenessCheck}s only (same freshness). */
    SortedMap<String, HealthCheck.Result> liveness() {
        SortedMap<String, HealthCheck.Result> live = new TreeMap<>();
        all().forEach((name, result) -> {
            if (health.getHealthCheck(name) instanceof LivenessCheck) {
                live.put(name, result);
            }
        });
        return live;
    }
}
