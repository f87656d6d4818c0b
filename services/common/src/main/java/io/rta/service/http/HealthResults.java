package io.rta.service.http;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The results of every health check, run at most once per {@link #FRESH_MILLIS} however many callers ask: a flood of
 * {@code GET /health} or {@code /metrics} requests costs one run of the checks (some of which ask Kafka and the
 * registry) a second, not one per request. Callers that arrive while a run is under way wait for it.
 */
final class HealthResults {

    static final long FRESH_MILLIS = 1000;

    private final HealthCheckRegistry health;
    private final LongSupplier nanoClock;
    private SortedMap<String, HealthCheck.Result> last;
    private long lastAtNanos;

    HealthResults(HealthCheckRegistry health) {
        this(health, System::nanoTime);
    }

    HealthResults(HealthCheckRegistry health, LongSupplier nanoClock) {
        this.health = health;
        this.nanoClock = nanoClock;
    }

    /** Every check's result, at most {@link #FRESH_MILLIS} old. */
    synchronized SortedMap<String, HealthCheck.Result> all() {
        long now = nanoClock.getAsLong();
        if (last == null || now - lastAtNanos >= TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
            last = Collections.unmodifiableSortedMap(health.runHealthChecks());
            lastAtNanos = nanoClock.getAsLong();
        }
        return last;
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
