package io.rta.service.module;

import com.codahale.metrics.Meter;
import com.codahale.metrics.health.HealthCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.rta.service.http.LivenessCheck;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.topology.errors.DeadLetters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The health and figures of what every Kafka-backed process has below its services: the brokers, the schema
 * registry, and its Kafka Streams application with the records it set aside. Owns nothing (the process does).
 */
public final class KafkaBackbone implements ServiceModule {

    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();

    /**
     * @param registryHealth pings the schema registry (the server's also tells an embedded registry's restarts)
     * @param deadLetters the process's account of records set aside
     */
    public KafkaBackbone(Admin admin, Callable<HealthCheck.Result> registryHealth, StreamsRunner streams,
                         DeadLetters deadLetters, ProcessMetrics metrics) {
        checks.put("kafka", Checks.of(() -> {
            int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            return HealthCheck.Result.healthy(brokers + " broker(s) reachable");
        }));
        checks.put("schema-registry", Checks.of(registryHealth));
        checks.put("streams", Checks.of(streams::health));
        checks.put("streams-alive", LivenessCheck.of(streams::liveness));
        checks.put("state-restore", Checks.of(() -> streams.restores().isRestoring()
                ? HealthCheck.Result.unhealthy("restoring state from changelogs (reads of it answer 503 meanwhile): "
                        + streams.restores().describe())
                : HealthCheck.Result.healthy("no state being restored")));
        // informational: records set aside never make the process unready
        checks.put("dead-letters", Checks.of(() -> HealthCheck.Result.healthy(deadLetters.describe())));
        var registry = metrics.registry();
        FunctionCounter.builder("rta.dead.letters", deadLetters, DeadLetters::count)
                .description("records set aside on rta.dead-letters").register(registry);
        FunctionCounter.builder("rta.punctuation.failures", deadLetters, DeadLetters::punctuationFailures)
                .description("punctuations that failed and were skipped").register(registry);
        FunctionCounter.builder("rta.stream.threads.replaced", streams.threadsReplaced(), Meter::getCount)
                .description("stream threads replaced after a failure").register(registry);
    }

    @Override
    public Map<String, HealthCheck> healthChecks() {
        return checks;
    }
}
