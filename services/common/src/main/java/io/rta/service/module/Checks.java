package io.rta.service.module;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.Callable;

/** Health checks from a body: what the modules register. */
public final class Checks {

    private Checks() {
    }

    /** A readiness check from a body. */
    public static HealthCheck of(Callable<HealthCheck.Result> body) {
        return new HealthCheck() {
            @Override
            protected Result check() throws Exception {
                return body.call();
            }
        };
    }
}
