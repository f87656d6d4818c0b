package io.rta.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

    /** Nothing listens there: the clients are created, never connected. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @Test
    void shouldBindTheJvmAndProcessMetersOnCreation() {
        try (ProcessMetrics metrics = ProcessMetrics.create()) {
            assertThat(metrics.scrape()).contains("jvm_memory_used_bytes{", "jvm_memory_max_bytes{",
                    "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count",
                    "process_uptime_seconds", "process_start_time_seconds");
        }
    }

    @Test
    void shouldShowACounterThatReadsBelowZeroAsZeroAndKeepTheScrapeWhole() {
        try (ProcessMetrics metrics = ProcessMetrics.bare()) {
            java.util.concurrent.atomic.AtomicLong remaining = new java.util.concurrent.atomic.AtomicLong(-1);
            io.micrometer.core.instrument.FunctionCounter.builder("kafka.stream.task.restore.remaining.records.total",
                    remaining, java.util.concurrent.atomic.AtomicLong::doubleValue).register(metrics.registry());
            metrics.registry().counter("rta.other").increment(3);

            String scrape = metrics.registry().scrape();

            assertThat(scrape).contains("kafka_stream_task_restore_remaining_records_total 0.0")
                    .contains("rta_other_total 3.0");
            remaining.set(5);
            assertThat(metrics.registry().scrape()).contains("kafka_stream_task_restore_remaining_records_total 5.0");
        }
    }

    @Test
    void shouldLeaveTheJvmMetersOutOfABareRegistry() {
        try (ProcessMetrics metrics = ProcessMetrics.bare()) {
            assertThat(metrics.scrape()).doesNotContain("jvm_");
        }
    }

    @Test
    void shouldExposeAKafkaClientsOwnMetricsUnderTheStockNamesUntilClosed() {
        ProcessMetrics metrics = ProcessMetrics.bare();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NO_BROKER), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NO_BROKER), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            assertThat(metrics.bindConsumer(consumer)).isSameAs(consumer);
            metrics.bindProducer(producer);

            String scrape = metrics.scrape();
            assertThat(scrape).contains("kafka_consumer_", "kafka_producer_");
            assertThat(scrape).containsPattern("kafka_producer_record_send_total\\{[^}]*client_id=");

            metrics.close();
            assertThat(metrics.registry().getMeters()).as("unbound on close").isEmpty();
        }
    }

    @Test
    void shouldGiveTheLatencyTimersBucketsForPercentilesInPromQl() {
        try (ProcessMetrics metrics = ProcessMetrics.bare()) {
            Timer http = Timer.builder("http.server.requests").tag("uri", "/x").register(metrics.registry());
            Timer other = Timer.builder("something.else").register(metrics.registry());
            http.record(Duration.ofMillis(3));
            other.record(Duration.ofMillis(3));

            String scrape = metrics.scrape();
            assertThat(scrape).contains("http_server_requests_seconds_bucket{uri=\"/x\",le=\"0.005\"} 1");
            assertThat(scrape).doesNotContain("something_else_seconds_bucket");
        }
    }

    @Test
    void shouldNameAViewsLagByView() {
        try (ProcessMetrics metrics = ProcessMetrics.bare()) {
            metrics.viewLag("chunks", new long[] {42}, lag -> lag[0]);

            assertThat(metrics.scrape()).contains("rta_view_records_behind{view=\"chunks\"} 42");
        }
    }
}
