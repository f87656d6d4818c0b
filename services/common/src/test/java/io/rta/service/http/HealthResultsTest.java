package io.rta.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HealthResultsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();
    private final HealthCheckRegistry registry = new HealthCheckRegistry();
    private final List<Runnable> background = new ArrayList<>();
    private final HealthResults results = new HealthResults(registry, now::get, background::add);

    HealthResultsTest() {
        registry.register("kafka", new HealthCheck() {
            @Override
            protected Result check() {
                runs.incrementAndGet();
                return Result.healthy();
            }
        });
        registry.register("streams-alive", LivenessCheck.of(HealthCheck.Result::healthy));
    }

    @Test
    void shouldRunTheChecksOnceForAFloodOfRequestsWithinASecond() {
        for (int i = 0; i < 500; i++) {
            results.all();
            results.liveness();
        }
        assertThat(runs).hasValue(1);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(HealthResults.FRESH_MILLIS));
        results.all();
        assertThat(runs).hasValue(2);
    }

    @Test
    void shouldAnswerLivenessFromTheLivenessChecksOnly() {
        assertThat(results.liveness()).containsOnlyKeys("streams-alive");
        assertThat(results.all()).containsOnlyKeys("kafka", "streams-alive");
    }

    @Test
    void shouldAnswerMetricsFromTheLastRunAndRefreshInTheBackground() {
        results.recent();
        assertThat(runs).as("the very first call runs the checks").hasValue(1);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(HealthResults.FRESH_MILLIS));
        for (int i = 0; i < 100; i++) {
            assertThat(results.recent()).containsKey("kafka");
        }
        assertThat(runs).as("a stale answer never waits for a check").hasValue(1);
        assertThat(background).as("one background run however many callers").hasSize(1);

        background.remove(0).run();
        assertThat(runs).hasValue(2);
        results.recent();
        assertThat(background).as("fresh again: nothing to run").isEmpty();
    }
}
