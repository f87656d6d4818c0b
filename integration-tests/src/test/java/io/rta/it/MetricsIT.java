package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of the real all-in-one server: the stock names dashboards use (JVM, Kafka Streams and clients,
 * gRPC per method from start-up, HTTP per route) and ours (view lag, write-to-readable, flush wait, health).
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestServer server = TestServer.shared();

    @Test
    void shouldExposeTheJvmAndKafkaClientsUnderTheStockNames() {
        String metrics = scrape();

        assertThat(metrics).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "process_cpu_usage",
                "process_uptime_seconds");
        assertThat(metrics).as("Kafka Streams: threads, commit latency, state restoration").contains(
                "kafka_stream_thread_commit_latency_avg{", "kafka_stream_thread_process_total{");
        assertThat(metrics).as("the clients we own and those inside Streams").contains("kafka_consumer_",
                "kafka_producer_record_send_total{", "kafka_admin_client_");
        assertThat(metrics).containsPattern("rta_view_records_behind\\{view=\"chunks\"} ")
                .containsPattern("rta_view_records_behind\\{view=\"session-catalog\"} ");
        assertThat(metrics).contains("rta_health_check_healthy{check=\"kafka\"} 1.0");
    }

    @Test
    void shouldHaveEveryMethodOfEveryServiceFromStartUp() {
        String metrics = scrape();

        // some of these methods no test ever calls: their series exist because they were registered at start-up
        for (ServiceDescriptor service : List.of(SessionStoreGrpc.getServiceDescriptor(),
                ConfigStoreGrpc.getServiceDescriptor(), DataWriterGrpc.getServiceDescriptor(),
                DataReaderGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                String labels = "[^}]*method=\"" + method.getBareMethodName() + "\"[^}]*service=\""
                        + Pattern.quote(service.getName()) + "\"";
                assertThat(metrics).as(method.getFullMethodName())
                        .containsPattern("grpc_server_requests_received_messages_total\\{" + labels)
                        .containsPattern("grpc_server_processing_duration_seconds_count\\{" + labels);
            }
        }
    }

    @Test
    void shouldTimeHttpRequestsByRouteTemplate() {
        server.sessions().createOrUpdateSession(create("metrics-it-http", "metrics", "2023-11-14T22:13:20Z", OPEN));
        Http.ok(server.http().get("/rta/v2/sessions/metrics-it-http"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape()).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/rta/v2/sessions/\\{[a-zA-Z]+}\"")
                .doesNotContain("uri=\"/rta/v2/sessions/metrics-it-http\""));
    }

    @Test
    void shouldTimeAWriteFromSendToReadableAndItsFlush() {
        String identity = "metrics-it-write";
        server.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity(identity).send(Telemetry.bursts(0, 4)).flush("readable").complete();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "rta_write_flush_wait_seconds_count")).isPositive();
            assertThat(value(metrics, "rta_write_readable_seconds_count")).isPositive();
            assertThat(value(metrics, "rta_write_messages_total")).isPositive();
            assertThat(value(metrics, "rta_write_bytes_total")).isPositive();
            assertThat(metrics).contains("rta_write_flush_wait_seconds_bucket{le=\"0.1\"}",
                    "rta_write_readable_seconds_bucket{le=\"0.1\"}");
            assertThat(metrics).containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*"
                    + "method=\"WriteDataStream\"[^}]*statusCode=\"OK\"[^}]*} [1-9]");
        });
    }

    /**
     * Every metric the shipped Grafana dashboard queries is served, under that name, by the all-in-one server once it
     * has done some work (a write and a REST read): a renamed meter, or one recorded only at a Kafka metrics level
     * the services do not turn on, would leave a panel empty.
     */
    @Test
    void shouldServeEveryMetricTheDashboardQueries() throws Exception {
        String identity = "metrics-it-dashboard";
        server.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity(identity).send(Telemetry.bursts(0, 2)).flush("dashboard").complete();
        }
        Http.ok(server.http().get("/rta/v2/sessions/" + identity));
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "grafana",
                "rta-dashboard.json"));
        java.util.Set<String> queried = new java.util.TreeSet<>();
        java.util.regex.Matcher names = Pattern.compile("\\b((?:rta|kafka|jvm|grpc|http|process)_[a-z0-9_]+)\\b")
                .matcher(dashboard);
        while (names.find()) {
            queried.add(names.group(1));
        }
        assertThat(queried).as("metric names found in the dashboard").hasSizeGreaterThan(15);

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(queried).allSatisfy(name -> assertThat(metrics).as(name).containsPattern(
                    "(?m)^" + Pattern.quote(name) + "[{ ]"));
        });
    }

    private String scrape() {
        return Http.text(Http.ok(server.http().get("/metrics")));
    }

    /** The value of an unlabelled sample. */
    private static double value(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .orElseThrow(() -> new AssertionError("/metrics has no " + name));
    }
}
