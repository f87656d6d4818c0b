package io.rta.service.http;

import com.codahale.metrics.health.HealthCheck;

/**
 * A health check that also decides liveness ({@code GET /health/live}): it fails only when the process cannot recover
 * on its own (a Kafka Streams client that stopped for good, a view loader that died), so a restart is the cure. An
 * outage of a dependency (broker, registry) fails {@code /health} (readiness) but not this: the process recovers when
 * the dependency returns, and restarting it meanwhile would only add a cold start to the outage.
 */
public abstract class LivenessCheck extends HealthCheck {

    /** A liveness check from a body. */
    public static LivenessCheck of(java.util.concurrent.Callable<Result> body) {
        return new LivenessCheck() {
            @Override
            protected Result check() throws Exception {
                return body.call();
            }
        };
    }
}
