package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session, config and data services as separate OS processes ({@code ./rta session-service} etc.) against
 * {@code ./rta cluster}, also a process of its own: each answers through its own REST port what was written through
 * its own gRPC port, and serves {@code /}, {@code /health}, {@code /metrics} and {@code /rta/v2/info}. Data is served
 * by data identity: no session of that identity exists anywhere.
 */
class StandaloneServicesIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final String JSON_CONFIG = "application/vnd.mat.config+json";

    private static ClusterProcess cluster;
    private static StandaloneProcess sessions;
    private static StandaloneProcess configs;
    private static StandaloneProcess data;

    @BeforeAll
    static void startTheServices() {
        cluster = ClusterProcess.start(START);
        sessions = StandaloneProcess.start("session-service", cluster, START);
        configs = StandaloneProcess.start("config-service", cluster, START);
        data = StandaloneProcess.start("data-service", cluster, START);
    }

    @AfterAll
    static void stopTheServices() {
        for (AutoCloseable part : new AutoCloseable[] {data, configs, sessions, cluster}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (cluster != null) {
            DurabilityIT.deleteRecursively(cluster.dataPath());
        }
    }

    @Test
    void shouldServeASessionWrittenThroughItsGrpcPortOnItsRestPortWithItsDataBindings() {
        SessionStoreGrpc.newBlockingStub(sessions.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .createOrUpdateSession(create("alone-1", "standalone session", "2024-05-01T10:00:00Z", OPEN));

        JsonNode session = sessions.http().getJson("/rta/v2/sessions/alone-1");
        assertThat(session.path("identity").asText()).isEqualTo("alone-1");
        assertThat(session.path("identifier").asText()).isEqualTo("standalone session");
        assertThat(sessions.http().getJson("/rta/v2/sessions/alone-1/data-bindings").isArray()).isTrue();
    }

    @Test
    void shouldServeAConfigWrittenThroughItsGrpcPortOnItsRestPort() {
        byte[] config = "{\"demo\": {\"tree\": {}}}".getBytes(StandardCharsets.UTF_8);
        ConfigStoreGrpc.newBlockingStub(configs.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .putConfig(PutConfigRequest.newBuilder().setIdentifier("alone-config").setContentType(JSON_CONFIG)
                        .setData(ByteString.copyFrom(config)).build());

        var answer = Http.ok(configs.http().get("/rta/v2/configs/alone-config"));
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(JSON_CONFIG);
        assertThat(answer.body()).isEqualTo(config);
    }

    @Test
    void shouldServeTelemetryWrittenThroughItsGrpcPortByDataIdentityWithoutASession() {
        String identity = "store:run-42";
        List<WriteDataStreamMessage> written = Telemetry.bursts(0, 6);
        try (WriteStreamClient stream = WriteStreamClient.open(data.channel())) {
            stream.identity(identity).send(written).flush("all");
            assertThat(stream.echoed()).containsExactly("all");
            stream.complete();
        }

        DataApi api = new DataApi(data.http(), data.channel());
        List<DecodedChunk<PeriodicDataList>> chunks = api.periodic(identity, DataApi.ALL, null, null);
        assertThat(Samples.ofPeriodicChunks(chunks))
                .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofPeriodic(Telemetry.periodic(written))));
        assertThat(api.grpcPeriodic(identity, DataApi.ALL, null, null)).isNotEmpty();
    }

    @Test
    void shouldServeItsOwnRootHealthMetricsAndInfo() {
        for (StandaloneProcess service : List.of(sessions, configs, data)) {
            Http http = service.http();
            JsonNode root = http.getJson("/");
            assertThat(root.path("name").asText()).startsWith("rta-").endsWith("-service");
            assertThat(http.getJson("/health").path("checks").path("kafka").path("healthy").asBoolean()).isTrue();
            assertThat(Http.text(Http.ok(http.get("/metrics")))).contains("rta_dead_letters_total");
            assertThat(http.getJson("/rta/v2/info").has("label")).isTrue();
        }
        assertThat(sessions.http().getJson("/").path("features").toString()).isEqualTo("[\"sessions\"]");
        assertThat(configs.http().getJson("/").path("features").toString()).isEqualTo("[\"configs\"]");
        assertThat(data.http().getJson("/").path("features").toString()).isEqualTo("[\"data\"]");
    }

    @Test
    void shouldRefuseToStartWithoutBootstrapServersNamingTheOption() throws Exception {
        StandaloneProcess.Exit exit = StandaloneProcess.run("session-service", Duration.ofMinutes(1),
                "--RegistryUrl", cluster.registryUrl());

        assertThat(exit.code()).isNotZero();
        assertThat(exit.output()).contains("BootstrapServers");
    }
}
