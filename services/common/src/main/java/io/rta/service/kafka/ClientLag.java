package io.rta.service.kafka;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** How far Kafka consumers are behind, from their own metrics (in memory: never a broker round trip). */
public final class ClientLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";
    /** Streams' restore consumers read changelogs, not the views' inputs. */
    private static final String RESTORE_CONSUMER = "-restore-consumer";

    private ClientLag() {
    }

    /**
     * The sum of {@code records-lag} over the partitions of {@code topic} in {@code metrics} (of one client or a
     * Streams client's consumers, restore consumers left out); a partition whose lag is not known yet counts 0.
     */
    public static double recordsBehind(Map<MetricName, ? extends Metric> metrics, String topic) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals(RECORDS_LAG) && name.group().equals(GROUP)
                    && topic.equals(name.tags().get("topic")) && name.tags().containsKey("partition")
                    && !name.tags().getOrDefault("client-id", "").endsWith(RESTORE_CONSUMER)
                    && entry.getValue().metricValue() instanceof Number lag && Double.isFinite(lag.doubleValue())) {
                total += lag.doubleValue();
            }
        }
        return total;
    }
}
