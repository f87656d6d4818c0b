package io.rta.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.metrics.ProcessMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} of a real Jetty: the Prometheus text format, HTTP timers per route template, health gauges. */
class HttpMetricsTest {

    private static final ProcessMetrics METRICS = ProcessMetrics.create();
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        HealthCheckRegistry health = new HealthCheckRegistry();
        health.register("always-up", new HealthCheck() {
            @Override
            protected Result check() {
                return Result.healthy();
            }
        });
        health.register("always-down", new HealthCheck() {
            @Override
            protected Result check() {
                return Result.unhealthy("down");
            }
        });
        server = HttpServer.start(new ServiceInfo("metrics-test", "dev", List.of(), "test", "test", false), 0, "text",
                METRICS, health, jersey -> jersey.register(new Things()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        METRICS.close();
    }

    @Test
    void shouldServeTheRegistryInThePrometheusTextFormat() {
        RawHttp.Answer answer = get("/metrics");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain;").contains("version=0.0.4");
        assertThat(answer.body()).contains("# TYPE jvm_memory_used_bytes gauge", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_uptime_seconds", "system_cpu_count", "jvm_gc_");
    }

    @Test
    void shouldTimeRequestsByRouteTemplateNotByRawPath() {
        get("/things/first");
        get("/things/second");
        get("/no/such/1");
        get("/no/such/2");

        // a request is timed when Jersey finishes it, which may be just after the client has the answer
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = get("/metrics").body();
            assertThat(metrics).containsPattern(
                    "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/things/\\{id}\"[^}]*} 2");
            assertThat(metrics).containsPattern(
                    "http_server_requests_seconds_bucket\\{[^}]*uri=\"/things/\\{id}\"");
            assertThat(metrics).containsPattern(
                    "http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*uri=\"NOT_FOUND\"[^}]*} 2");
            assertThat(metrics).doesNotContain("/things/first", "/no/such/1");
        });
    }

    @Test
    void shouldExposeEveryHealthCheckAsAGauge() {
        String metrics = get("/metrics").body();

        assertThat(metrics).contains("rta_health_check_healthy{check=\"always-up\"} 1",
                "rta_health_check_healthy{check=\"always-down\"} 0");
    }

    @Test
    void shouldExposeTheReadSlots() {
        assertThat(get("/metrics").body()).contains("rta_reads_running ", "rta_reads_queued ",
                "# TYPE rta_reads_refused_total counter", "rta_reads_refused_total ");
    }

    private static RawHttp.Answer get(String path) {
        return RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close");
    }

    @Path("things")
    public static final class Things {
        @GET
        @Path("{id}")
        public String thing(@PathParam("id") String id) {
            return id;
        }
    }
}
