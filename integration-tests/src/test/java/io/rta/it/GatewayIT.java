package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.setFolders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.it.live.LiveSocket;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.Options;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rta gateway} in front of the real all-in-one server (its session, config and stream endpoints as the
 * gateway's SessionServiceUri, ConfigServiceUri and StreamServiceUri), asked over real sockets: the session and config
 * APIs answer through the gateway byte for byte as the server does; data bindings stay private; a service that is
 * down is a quick 502 and shows in /health.
 */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMESTAMP = "2024-05-01T10:00:00+01:00";

    private static GatewayServer gateway;
    private static GatewayServer configDown;
    private static int deadPort;

    private final TestServer server = TestServer.shared();
    private final Http direct = server.http();

    @BeforeAll
    static void startGateways() throws Exception {
        TestServer server = TestServer.shared();
        Path dir = Scratch.dir("gateway-it-");
        deadPort = TestServer.freePort();
        gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(TestServer.freePort()), "--SessionServiceUri", server.baseUrl() + "/",
            "--ConfigServiceUri", server.baseUrl(), "--StreamServiceUri", server.baseUrl()}, Map.of(), dir));
        configDown = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(TestServer.freePort()), "--SessionServiceUri", server.baseUrl(),
            "--ConfigServiceUri", "http://127.0.0.1:" + deadPort + "/"}, Map.of(), dir));
    }

    @AfterAll
    static void stopGateways() {
        if (gateway != null) {
            gateway.close();
        }
        if (configDown != null) {
            configDown.close();
        }
    }

    private static Http through(GatewayServer gateway) {
        return new Http("http://127.0.0.1:" + gateway.httpPort());
    }

    @Test
    void shouldAnswerTheSessionAndConfigApisByteForByteAsTheServerDoes() {
        String folder = "gw-" + UUID.randomUUID();
        String identity = folder + "-session";
        server.sessions().createOrUpdateSession(create(identity, "gateway session", TIMESTAMP, CLOSED,
                setFolders(folder + "/runs")));
        String config = "gw-config-" + UUID.randomUUID();
        server.configs().putConfig(PutConfigRequest.newBuilder().setIdentifier(config)
                .setContentType("application/vnd.mat.config+json")
                .setData(ByteString.copyFrom("{\"demo\": {\"tree\": {}}}", StandardCharsets.UTF_8)).build());
        Http gatewayHttp = through(gateway);

        for (String path : List.of("/rta/v2/sessions?folder=" + folder + "&sort=timestamp:desc",
                "/rta/v2/sessions/" + identity, "/rta/v2/sessions/" + identity + "-missing",
                "/rta/v2/session-folders/", "/rta/v2/session-folders/" + folder,
                "/rta/v2/session-metamodel?folder=" + folder, "/rta/v2/session-metamodel/properties?query=id",
                "/rta/v2/configs/" + config, "/rta/v2/configs/" + config + "-missing",
                "/rta/v2/sessions?pageSize=-1")) {
            HttpResponse<byte[]> expected = direct.get(path);
            HttpResponse<byte[]> actual = gatewayHttp.get(path);

            assertThat(actual.statusCode()).as(path).isEqualTo(expected.statusCode());
            assertThat(actual.headers().firstValue("Content-Type")).as(path)
                    .isEqualTo(expected.headers().firstValue("Content-Type"));
            assertThat(actual.body()).as(path).isEqualTo(expected.body());
        }
        assertThat(gatewayHttp.head("/rta/v2/configs/" + config).statusCode()).isEqualTo(200);
        assertThat(gatewayHttp.postForm("/rta/v2/sessions", Http.form("folder", folder)).body())
                .isEqualTo(direct.postForm("/rta/v2/sessions", Http.form("folder", folder)).body());
    }

    /** Its routes are timed by route template, like Jersey's routes; no identity ever becomes a label. */
    @Test
    void shouldTimeItsRoutesInHttpServerRequestsByTemplateWithoutIdentities() {
        String identity = "gw-metrics-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(identity, "metrics", TIMESTAMP, CLOSED));
        Http gatewayHttp = through(gateway);
        gatewayHttp.get("/rta/v2/sessions/" + identity);
        gatewayHttp.get("/rta/v2/sessions/" + identity + "/data/periodic/1,2");
        gatewayHttp.get("/rta/v2/configs/" + identity);
        gatewayHttp.get("/rta/v2/sessions/" + identity + "/nothing-here");

        String metrics = Http.text(gatewayHttp.get("/metrics"));

        assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/rta/v2/sessions/{identity}\"}");
        assertThat(metrics).contains("uri=\"/rta/v2/sessions/{identity}/data/periodic/{channels}\"");
        assertThat(metrics).contains("outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/rta/v2/configs/{identifier}\"");
        assertThat(metrics).contains("status=\"404\",uri=\"NOT_FOUND\"");
        assertThat(metrics).contains("http_server_requests_seconds_bucket{");
        assertThat(metrics).doesNotContain(identity);
    }

    @Test
    void shouldNotExposeDataBindingsAndAnswerDataOfASessionWithoutBindingsEmpty() {
        String identity = "gw-bound-" + UUID.randomUUID();
        String unbound = "gw-unbound-" + UUID.randomUUID();
        DataBinding binding = DataBinding.newBuilder().setKey(DataBindingKey.newBuilder().setSource("nowhere")
                .setIdentity("private-data-identity")).build();
        server.sessions().createOrUpdateSession(create(identity, "bound", TIMESTAMP, CLOSED,
                SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(binding)).build()));
        server.sessions().createOrUpdateSession(create(unbound, "unbound", TIMESTAMP, CLOSED));
        Http gatewayHttp = through(gateway);

        HttpResponse<byte[]> bindings = gatewayHttp.get("/rta/v2/sessions/" + identity + "/data-bindings");
        HttpResponse<byte[]> empty = gatewayHttp.get("/rta/v2/sessions/" + unbound + "/data/periodic/1,2");
        HttpResponse<byte[]> unknown = gatewayHttp.get("/rta/v2/sessions/" + unbound + "-missing/data/events");

        assertThat(bindings.statusCode()).isEqualTo(404);
        assertThat(Http.text(bindings)).doesNotContain("private-data-identity").doesNotContain("nowhere");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(direct.get("/rta/v2/sessions/" + unbound + "-missing").body());
    }

    @Test
    void shouldAnswer502WhenAServiceIsDownAndShowItInHealth() throws Exception {
        HttpResponse<byte[]> down = through(configDown).get("/rta/v2/configs/anything");
        HttpResponse<byte[]> sessionsStillUp = through(configDown).get("/rta/v2/sessions?pageSize=1");
        HttpResponse<byte[]> unhealthy = through(configDown).get("/health");
        HttpResponse<byte[]> healthy = through(gateway).get("/health");

        assertThat(down.statusCode()).isEqualTo(502);
        JsonNode error = Http.json(down);
        assertThat(error.path("code").asInt()).isEqualTo(502);
        assertThat(error.path("message").asText()).contains("config service");
        assertThat(sessionsStillUp.statusCode()).isEqualTo(200);
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        JsonNode checks = Http.json(unhealthy).path("checks");
        assertThat(checks.path("config-service").path("healthy").asBoolean()).isFalse();
        assertThat(checks.path("session-service").path("healthy").asBoolean()).isTrue();
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(healthy.body()).path("checks").has("stream-service")).isTrue();
        assertThat(through(configDown).get("/rta/v2/sessions/s/stream").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldStreamALiveSessionThroughTheGateway() throws Exception {
        String identity = "gw-live-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(identity, "live " + identity, TIMESTAMP, OPEN));
        String gatewayUrl = "http://127.0.0.1:" + gateway.httpPort();

        try (LiveSocket socket = LiveSocket.connect(gatewayUrl, identity)) {
            assertThat(socket.subprotocol()).isEqualTo(LiveSocket.SUB_PROTOCOL);
            await().atMost(Duration.ofSeconds(30)).until(() -> !socket.bursts().isEmpty());
            JsonNode session = JSON.readTree(socket.bursts().get(0).getData(0).getSessionJson());
            assertThat(session.path("identity").asText()).isEqualTo(identity);
        }
    }
}
