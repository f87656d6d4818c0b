package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ClientLagTest {

    private final Map<MetricName, Metric> metrics = new HashMap<>();

    @Test
    void shouldSumTheLagOfTheTopicsPartitionsOnly() {
        lag("main-consumer", "rta.telemetry", 0, 10);
        lag("main-consumer", "rta.telemetry", 1, 5);
        lag("main-consumer", "rta.sessions", 0, 1000);

        assertThat(ClientLag.recordsBehind(metrics, "rta.telemetry")).isEqualTo(15);
        assertThat(ClientLag.recordsBehind(metrics, "rta.sessions")).isEqualTo(1000);
        assertThat(ClientLag.recordsBehind(metrics, "rta.configs")).isZero();
    }

    @Test
    void shouldLeaveOutRestoreConsumersAndUnknownLags() {
        lag("main-consumer", "rta.telemetry", 0, 10);
        lag("app-StreamThread-1-restore-consumer", "rta.telemetry", 0, 500);
        lag("main-consumer", "rta.telemetry", 1, Double.NaN);

        assertThat(ClientLag.recordsBehind(metrics, "rta.telemetry")).isEqualTo(10);
    }

    private void lag(String client, String topic, int partition, double value) {
        MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition)));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
