package io.rta.influx.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import java.util.function.Supplier;

/** Healthy while an upstream (InfluxDB, the schema mapping service) says it is; else why not. */
public final class UpstreamCheck extends HealthCheck {

    private final Supplier<Optional<String>> problem;

    /** @param problem empty while the upstream is healthy, else why not */
    public UpstreamCheck(Supplier<Optional<String>> problem) {
        this.problem = problem;
    }

    @Override
    protected Result check() {
        return problem.get().map(Result::unhealthy).orElseGet(Result::healthy);
    }
}
