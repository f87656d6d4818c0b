package io.rta.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthRunsTest {

    /** Each check waits until all three are running: run one after another, none would see the others. */
    @Test
    void shouldRunTheChecksAtOnce() {
        CountDownLatch running = new CountDownLatch(3);
        HealthCheckRegistry registry = new HealthCheckRegistry();
        for (String name : new String[] {"a", "b", "c"}) {
            registry.register(name, new HealthCheck() {
                @Override
                protected Result check() throws Exception {
                    running.countDown();
                    return running.await(30, TimeUnit.SECONDS) ? Result.healthy() : Result.unhealthy("alone");
                }
            });
        }

        SortedMap<String, HealthCheck.Result> results = HealthRuns.runAll(registry);

        assertThat(results).containsOnlyKeys("a", "b", "c");
        assertThat(results.values()).allMatch(HealthCheck.Result::isHealthy);
    }

    @Test
    void shouldReportACheckThatThrowsAsUnhealthy() {
        HealthCheckRegistry registry = new HealthCheckRegistry();
        registry.register("broken", new HealthCheck() {
            @Override
            protected Result check() {
                throw new IllegalStateException("the broker is gone");
            }
        });

        HealthCheck.Result result = HealthRuns.runAll(registry).get("broken");

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("the broker is gone");
    }
}
