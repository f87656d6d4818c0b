package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What operators and tools see: {@code GET /}, {@code /health}, {@code /metrics} (Prometheus text),
 * {@code /rta/v2/info}, gRPC server reflection and the standard gRPC health service — each through a stock client.
 */
class OperationsIT {

    private static final String SESSION_STORE = "rta.toolkit.api.session_service.SessionStore";
    private static final String CONFIG_STORE = "rta.toolkit.api.config_service.ConfigStore";
    private static final String SCHEMA_MAPPING_STORE = "rta.toolkit.api.schema_mapping_service.SchemaMappingStore";
    /** A sample line of the Prometheus text format: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*})? "
                    + "(NaN|[+-]Inf|-?[0-9.]+(E-?[0-9]+)?)");

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @Test
    void shouldNameTheServiceAndItsFeaturesAtTheRoot() {
        JsonNode root = http.getJson("/");

        assertThat(root.get("name").asText()).isEqualTo("rta-server");
        assertThat(root.get("version").asText()).isNotBlank();
        Expect.json(root.get("features"), "[\"sessions\", \"configs\", \"schema-mappings\", \"data\", \"stream\", \"viewer\"]");
    }

    @Test
    void shouldReportEveryDependencyHealthy() {
        JsonNode health = http.getJson("/health");

        assertThat(health.get("status").asText()).isEqualTo("healthy");
        for (String check : List.of("kafka", "schema-registry", "streams", "state-restore", "session-view",
                "live-source")) {
            assertThat(health.get("checks").get(check).get("healthy").asBoolean()).as(check).isTrue();
        }
    }

    @Test
    void shouldExposeMetricsInThePrometheusTextFormat() {
        HttpResponse<byte[]> response = Http.ok(http.get("/metrics"));
        String body = Http.text(response);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(body).contains("# TYPE rta_sessions gauge\n", "rta_health_check_healthy{check=\"kafka\"} 1.0\n",
                "# TYPE rta_stream_connections_open gauge\n");
        assertThat(body.lines().filter(line -> !line.startsWith("#")).toList())
                .isNotEmpty().allSatisfy(line -> assertThat(line).matches(SAMPLE));
    }

    @Test
    void shouldAnswerTheRtaInfoThatAtlasPolls() {
        JsonNode info = http.getJson("/rta/v2/info");

        assertThat(info.get("label").asText()).startsWith("RTA on Kafka");
        assertThat(info.get("authRequired").isBoolean()).isTrue();
        assertThat(info.get("authRequired").asBoolean()).isFalse();
    }

    @Test
    void shouldListTheToolkitServicesThroughServerReflection() throws Exception {
        List<String> services = GrpcReflection.services(server.channel());

        assertThat(services).contains(SESSION_STORE, CONFIG_STORE, SCHEMA_MAPPING_STORE, "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection");
    }

    @Test
    void shouldAnswerTheStandardGrpcHealthCheck() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(server.channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS);

        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService(SESSION_STORE).build()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService(CONFIG_STORE).build()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        Expect.status(() -> health.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build()),
                Status.Code.NOT_FOUND, "no.such.Service");
    }
}
