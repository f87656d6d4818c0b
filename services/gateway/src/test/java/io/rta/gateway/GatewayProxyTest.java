package io.rta.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.service.config.Options;
import io.rta.service.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against real HTTP servers standing in for its services ({@link StandInServices}), asked over real
 * sockets: what passes through unchanged, what is refused, how a service that is down or silent is answered.
 */
class GatewayProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static HttpServer services;
    private static GatewayServer gateway;
    private static GatewayServer noStream;
    /** Gives up on a silent service after a second (the stand-ins' slow answers take five). */
    private static GatewayServer impatient;
    private static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        services = StandInServices.start();
        deadPort = freePort();
        String root = "http://127.0.0.1:" + services.port() + "/";
        gateway = GatewayServer.start(options("--SessionServiceUri", root, "--ConfigServiceUri", root,
                "--DataServiceUris:store", root, "--StreamServiceUri", root));
        impatient = GatewayServer.start(options("--SessionServiceUri", root, "--ConfigServiceUri", root,
                "--UpstreamReadTimeout", "1000"));
        noStream = GatewayServer.start(options("--SessionServiceUri", root,
                "--ConfigServiceUri", "http://127.0.0.1:" + deadPort + "/"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {gateway, noStream, impatient, services}) {
            if (part != null) {
                part.close();
            }
        }
    }

    private static Options options(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--HttpPort", "0"));
        return Options.load(GatewayOptions.ALL, all.toArray(String[]::new), Map.of(), dir);
    }

    @Test
    void shouldPassPathQueryAndHeadersThroughExactlyWithTheServicesStatusAndHeaders() throws Exception {
        HttpResponse<String> answer = get(gateway, "/rta/v2/sessions/a%20b%2Bc?sort=time%3Adesc&x=%C3%A9&flag",
                "Authorization", "Bearer t0k3n");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Stand-In")).contains("yes");
        JsonNode echoed = JSON.readTree(answer.body());
        assertThat(echoed.path("path").asText()).isEqualTo("/rta/v2/sessions/a%20b%2Bc");
        assertThat(echoed.path("query").asText()).isEqualTo("sort=time%3Adesc&x=%C3%A9&flag");
        assertThat(echoed.path("authorization").asText()).isEqualTo("Bearer t0k3n");
        assertThat(echoed.path("forwardedFor").asText()).isEqualTo("127.0.0.1");
    }

    /** Identities holding '/' or '%' (percent-encoded, as a client made from api.yaml sends them) pass as sent. */
    @Test
    void shouldPassAnEncodedSlashOrPercentInAnIdentityThroughAsSent() throws Exception {
        HttpResponse<String> session = get(gateway, "/rta/v2/sessions/dir%2Frun%20100%25");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(session.body()).path("path").asText()).isEqualTo("/rta/v2/sessions/dir%2Frun%20100%25");
        // the stand-ins decode it as the services do: one identity, '/' and '%' included
        HttpResponse<String> config = get(gateway, "/rta/v2/configs/cfg%2F1%25");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).path("config").asText()).isEqualTo("cfg/1%");
        HttpResponse<String> folder = get(gateway, "/rta/v2/session-folders/animals%2Ffelines");
        assertThat(JSON.readTree(folder.body()).path("message").asText())
                .isEqualTo("folder 'animals/felines' not found");
        // elsewhere an encoded slash is still refused
        assertThat(get(gateway, "/rta/v2/session-metamodel%2Fx").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldStreamALargeAnswerByteForByte() throws Exception {
        HttpResponse<InputStream> answer = CLIENT.send(request(gateway, "/rta/v2/session-metamodel").build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(answer.statusCode()).isEqualTo(200);
        long count = 0;
        try (InputStream body = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                for (int i = 0; i < read; i++) {
                    assertThat(buffer[i]).isEqualTo((byte) (count + i));
                }
                count += read;
            }
        }
        assertThat(count).isEqualTo(StandInServices.BIG_BODY_BYTES);
    }

    @Test
    void shouldForwardARequestBodyAndPassErrorAnswersThrough() throws Exception {
        HttpResponse<String> posted = CLIENT.send(request(gateway, "/rta/v2/sessions")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=%7B%7D&prop=a")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = get(gateway, "/rta/v2/session-folders/a/b");
        HttpResponse<String> head = CLIENT.send(request(gateway, "/rta/v2/configs/unknown")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("query=%7B%7D&prop=a");
        assertThat(posted.headers().firstValue("X-Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"code\":404,\"message\":\"folder 'a/b' not found\"}");
        assertThat(head.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldNotRouteTheSessionServicesDataBindingsNorAnythingOutsideTheApi() throws Exception {
        StandInServices.BINDINGS.put("private", "[]");
        for (String path : List.of("/rta/v2/sessions/private/data-bindings",
                "/rta/v2/session-folders/../sessions/private/data-bindings",
                "/rta/v2/session-folders/%2e%2e/sessions/private/data-bindings", "/rta/v2/sessions/private/other",
                "/rta/v2/elsewhere")) {
            HttpResponse<String> answer = get(gateway, path);

            assertThat(answer.statusCode()).as(path).isIn(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("[]").contains("\"code\":");
        }
    }

    @Test
    void shouldAnswer400ForAQueryThatIsNotAValidUriQuery() throws Exception {
        for (String path : List.of("/rta/v2/sessions?x=%zz", "/rta/v2/sessions?q=%", "/rta/v2/sessions/a/data/events?start=%g0")) {
            // sent as bytes: the JDK's client refuses to make such a URI
            String answer = raw(gateway, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).as(path).startsWith("HTTP/1.1 400 ").contains("\"code\":400")
                    .doesNotContain("Exception");
        }
    }

    /** What the server answers {@code request}, written to its socket as it is. */
    private static String raw(GatewayServer server, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void shouldAnswer502QuicklyWhenAServiceIsDownAnd504WhenItIsSilent() throws Exception {
        HttpResponse<String> down = get(noStream, "/rta/v2/configs/c1");
        HttpResponse<String> slow = get(impatient, "/rta/v2/configs/slow");

        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(down.body()).path("code").asInt()).isEqualTo(502);
        assertThat(JSON.readTree(down.body()).path("message").asText()).contains("config service")
                .doesNotContain(Integer.toString(deadPort));
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(slow.body()).path("message").asText()).contains("UpstreamReadTimeout");
    }

    /**
     * A service whose host takes no connection (its listen queue full, so the SYNs go unanswered, as behind a
     * firewall that drops them) is unreachable: 502 after UpstreamConnectTimeout, naming the option, not a hang.
     * The gateway is also given TopicPrefix, which it takes (and uses for nothing) so configurations can be shared.
     */
    @Test
    void shouldAnswer502WhenAServiceTakesNoConnectionWithinTheConnectTimeout() throws Exception {
        try (java.net.ServerSocket blackhole = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<java.nio.channels.SocketChannel> queued = new ArrayList<>();
            try {
                // fill the listen queue (never accepted); further connections then wait for an answer to their SYN
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
                            blackhole.getLocalPort()));
                    queued.add(channel);
                }
                String root = "http://127.0.0.1:" + services.port() + "/";
                try (GatewayServer unreachable = GatewayServer.start(options("--SessionServiceUri", root,
                        "--ConfigServiceUri", "http://127.0.0.1:" + blackhole.getLocalPort() + "/",
                        "--UpstreamConnectTimeout", "500", "--TopicPrefix", "shared."))) {
                    HttpResponse<String> answer = get(unreachable, "/rta/v2/configs/c1");

                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
                    assertThat(JSON.readTree(answer.body()).path("message").asText()).isEqualTo(
                            "the config service did not accept a connection within 500 ms (UpstreamConnectTimeout)");
                }
            } finally {
                for (java.nio.channels.SocketChannel channel : queued) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void shouldDropTheClientsConnectionWhenAServiceStopsPartWay() {
        assertThatThrownBy(() -> CLIENT.send(request(impatient, "/rta/v2/session-metamodel/properties").build(),
                HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
    }

    @Test
    void shouldReportEachServiceInHealth() throws Exception {
        HttpResponse<String> healthy = get(gateway, "/health");
        HttpResponse<String> unhealthy = get(noStream, "/health");

        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(healthy.body()).path("checks").fieldNames()).toIterable().contains(
                "session-service", "config-service", "data-service:store", "stream-service");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        JsonNode checks = JSON.readTree(unhealthy.body()).path("checks");
        assertThat(checks.path("config-service").path("healthy").asBoolean()).isFalse();
        assertThat(checks.path("session-service").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void shouldServeItsOwnInfoAndRoot() throws Exception {
        assertThat(JSON.readTree(get(gateway, "/").body()).path("name").asText()).isEqualTo("rta-gateway");
        assertThat(JSON.readTree(get(gateway, "/rta/v2/info").body()).has("label")).isTrue();
    }

    @Test
    void shouldAnswerADataRequestOfAnUnknownSessionWithTheSessionServices404AndOfASessionWithoutBindingsEmpty()
            throws Exception {
        StandInServices.BINDINGS.put("no-bindings", "[]");
        HttpResponse<String> unknown = get(gateway, "/rta/v2/sessions/nobody/data/periodic/1,2");
        HttpResponse<String> empty = get(gateway, "/rta/v2/sessions/no-bindings/data/periodic/1,2?start=0&end=10");
        HttpResponse<String> events = get(gateway, "/rta/v2/sessions/no-bindings/data/events");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("session 'nobody' not found");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.mat.protobuf+chunked"));
        assertThat(empty.body()).isEmpty();
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).isEmpty();
    }

    @Test
    void shouldAnswerLiveStreamingAs404WithoutAStreamService() throws Exception {
        HttpResponse<String> answer = get(noStream, "/rta/v2/sessions/s1/stream");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("StreamServiceUri");
    }

    @Test
    void shouldJoinALiveWebSocketToTheStreamServiceBothWaysWithItsSubProtocolAndCloseCode() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("other",
                        StandInServices.SUB_PROTOCOL)
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.httpPort() + "/rta/v2/sessions/s1/stream"),
                        recorder).get(10, TimeUnit.SECONDS);

        assertThat(socket.getSubprotocol()).isEqualTo(StandInServices.SUB_PROTOCOL);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(10, TimeUnit.SECONDS);
        assertThat(recorder.binary.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
        assertThat(recorder.firstText.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        socket.sendText("close:4001", true).get(10, TimeUnit.SECONDS);
        assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4001);
    }

    /** Keeps what a WebSocket client receives. */
    private static final class Recorder implements WebSocket.Listener {
        final CompletableFuture<byte[]> binary = new CompletableFuture<>();
        final CompletableFuture<String> firstText = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.complete(bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            firstText.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private static HttpRequest.Builder request(GatewayServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(GatewayServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder builder = request(server, path).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        return io.rta.service.net.FreePorts.next();
    }
}
