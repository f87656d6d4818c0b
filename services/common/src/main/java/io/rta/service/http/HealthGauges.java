package io.rta.service.http;

import com.codahale.metrics.health.HealthCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code rta_health_check_healthy{check="..."}}: 1 while the check passes, 0 when it fails, from the latest results
 * ({@link HealthResults#recent}: never a check run inside a scrape). A check registered after start-up gets its gauge
 * at the first scrape that sees it.
 */
final class HealthGauges {

    static final String NAME = "rta.health.check.healthy";

    private final HealthResults health;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, HealthCheck.Result> latest = Map.of();

    HealthGauges(HealthResults health, MeterRegistry registry) {
        this.health = health;
        this.registry = registry;
    }

    /** Takes the latest results and adds a gauge for every check not seen before; call before each scrape. */
    void refresh() {
        Map<String, HealthCheck.Result> results = health.recent();
        latest = results;
        for (String check : results.keySet()) {
            if (registered.add(check)) {
                Gauge.builder(NAME, this, gauges -> gauges.value(check)).tag("check", check)
                        .description("1 while the health check passes, 0 when it fails").strongReference(true)
                        .register(registry);
            }
        }
    }

    private double value(String check) {
        HealthCheck.Result result = latest.get(check);
        return result == null ? Double.NaN : result.isHealthy() ? 1 : 0;
    }
}
