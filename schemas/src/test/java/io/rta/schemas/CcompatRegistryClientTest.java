package io.rta.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Checks the requests the client sends against a stub registry. */
class CcompatRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("R").namespace("x").fields()
            .requiredString("a").endRecord();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Statuses to answer first, one per request, before the normal answers. */
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/apis/ccompat/v7", this::answer);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void shouldPostTheSchemaUnderTheSubjectAndCacheTheId() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl);

        assertThat(client.register("rta.sessions-value", SCHEMA)).isEqualTo(17);
        assertThat(client.register("rta.sessions-value", SCHEMA)).isEqualTo(17);

        assertThat(requests).containsExactly("POST /apis/ccompat/v7/subjects/rta.sessions-value/versions "
                + "application/vnd.schemaregistry.v1+json {\"schema\":" + quoted(SCHEMA.toString()) + "}");
    }

    /** A registry behind HTTP Basic authentication: the URL's user info, never shown. */
    @Test
    void shouldSendTheUrlsCredentialsAsBasicAuthenticationAndNeverShowThem() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl.replace("http://", "http://rta:s%40cret@"));

        client.register("rta.sessions-value", SCHEMA);
        client.ping();

        assertThat(authorizations).containsOnly("Basic " + java.util.Base64.getEncoder().encodeToString(
                "rta:s@cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.baseUrl()).isEqualTo(baseUrl).doesNotContain("cret");
        assertThat(new CcompatRegistryClient(baseUrl).baseUrl()).isEqualTo(baseUrl);
    }

    @Test
    void shouldResolveASchemaByIdOnce() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl);

        assertThat(client.getById(17)).isEqualTo(SCHEMA);
        assertThat(client.getById(17)).isEqualTo(SCHEMA);

        assertThat(requests).hasSize(1).first().asString().startsWith("GET /apis/ccompat/v7/schemas/ids/17");
    }

    @Test
    void shouldPutTheCompatibilityLevelOfASubject() {
        new CcompatRegistryClient(baseUrl).setCompatibility("a b", "backward");

        assertThat(requests).containsExactly("PUT /apis/ccompat/v7/config/a%20b "
                + "application/vnd.schemaregistry.v1+json {\"compatibility\":\"BACKWARD\"}");
    }

    /** Two services starting at once both create the rule; Apicurio refuses the later one with 409. */
    @Test
    void shouldPutTheCompatibilityLevelAgainWhenAnotherClientCreatedTheRuleAtTheSameTime() {
        answers.add(409);

        new CcompatRegistryClient(baseUrl, Duration.ofSeconds(30)).setCompatibility("a", "BACKWARD");

        assertThat(requests).hasSize(2).allMatch(request -> request.startsWith("PUT /apis/ccompat/v7/config/a "));
    }

    @Test
    void shouldNameTheUrlStatusAndBodyWhenTheRegistryRefuses() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl);

        assertThatThrownBy(() -> client.getById(404))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("GET " + baseUrl + "/schemas/ids/404")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("Schema 404 not found");
    }

    @Test
    void shouldTellAnUnknownIdAsADefiniteAnswerAtOnce() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofSeconds(30));

        assertThatThrownBy(() -> client.getById(404))
                .isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(RegistryUnavailableException.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void shouldTakeAnUnknownIdAsTransientWhileWhoeverRunsTheRegistrySaysItIsNotReady() {
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean(false);
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofMillis(300), ready::get);

        assertThatThrownBy(() -> client.getById(404)).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("40403").hasMessageContaining("the registry is not ready yet");
        assertThat(requests).as("asked again within the retry time").hasSizeGreaterThan(1);

        ready.set(true);
        requests.clear();
        assertThatThrownBy(() -> client.getById(404)).isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(RegistryUnavailableException.class);
        assertThat(requests).hasSize(1);
        assertThat(client.getById(7)).isEqualTo(SCHEMA);
    }

    @Test
    void shouldGiveUpOnAnUnreachableRegistryAfterTheRetryTimeAsUnavailable() throws IOException {
        String unreachable = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        CcompatRegistryClient client = new CcompatRegistryClient(unreachable, Duration.ofMillis(600));

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining(unreachable + "/schemas/ids/1")
                .hasMessageContaining("retried for 600 ms")
                .hasMessageContaining("cannot reach it");
        assertThatThrownBy(() -> client.register("s", SCHEMA)).isInstanceOf(RegistryUnavailableException.class);
    }

    @Test
    void shouldRetryServerErrorsWithinTheRetryTime() {
        answers.add(503);
        answers.add(502);
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofSeconds(30));

        assertThat(client.getById(17)).isEqualTo(SCHEMA);
        assertThat(requests).hasSize(3);
    }

    @Test
    void shouldReportServerErrorsAndSlowDownAnswersAsUnavailableOnceTheRetryTimeIsSpent() {
        for (int status : new int[] {500, 503, 429, 408}) {
            requests.clear();
            for (int i = 0; i < 100; i++) {
                answers.add(status);
            }
            CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofMillis(300));

            assertThatThrownBy(() -> client.getById(17))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("HTTP " + status);
            assertThat(requests).hasSizeGreaterThan(1);
            answers.clear();
        }
    }

    @Test
    void shouldTakeA404WithoutARegistryErrorCodeAndRefusedCredentialsAsUnavailableNotAsAnAnswer() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofMillis(300));
        for (int status : new int[] {404, 401, 403}) {
            answers.add(status);

            // a wrong base URL or missing credentials must never make records look bad: they are retried, not skipped
            assertThatThrownBy(() -> client.getById(17))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("HTTP " + status);
        }
    }

    @Test
    void shouldTakeAnAnswerThatIsNotTheRegistryApiAsUnavailable() {
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofMillis(300));

        assertThatThrownBy(() -> client.getById(200))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaAsADefiniteAnswer() {
        answers.add(409);
        CcompatRegistryClient client = new CcompatRegistryClient(baseUrl, Duration.ofSeconds(30));

        assertThatThrownBy(() -> client.register("rta.sessions-value", SCHEMA))
                .isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 409");
        assertThat(requests).hasSize(1);
    }

    @Test
    void shouldWaitUntilTheRegistryAnswersOrSayItIsUnavailable() throws IOException {
        answers.add(503);
        answers.add(503);
        new CcompatRegistryClient(baseUrl).awaitAvailable(Duration.ofSeconds(30));
        assertThat(requests).hasSize(3);

        String unreachable = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        assertThatThrownBy(() -> new CcompatRegistryClient(unreachable).awaitAvailable(Duration.ofMillis(300)))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("did not answer within");
    }

    @Test
    void shouldKeepAnswerExcerptsShortAndFreeOfControlCharacters() {
        assertThat(CcompatRegistryClient.excerpt("a\nb\u0000" + "x".repeat(500)))
                .startsWith("a\\u000ab\\u0000xxx")
                .endsWith("...")
                .hasSizeLessThan(220);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + contentType
                + (body.isEmpty() ? "" : " " + body));
        String path = exchange.getRequestURI().getPath();
        Integer status = answers.poll();
        if (status != null) {
            respond(exchange, status, status == 409 ? "{\"error_code\":409,\"message\":\"incompatible\"}"
                    : "<html>status " + status + "</html>");
        } else if (path.endsWith("/schemas/ids/200")) {
            respond(exchange, 200, "<html>a login page</html>");
        } else if (path.endsWith("/schemas/ids/404")) {
            respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema 404 not found\"}");
        } else if (path.contains("/schemas/ids/")) {
            respond(exchange, 200, "{\"schema\":" + quoted(SCHEMA.toString()) + "}");
        } else if (path.endsWith("/versions")) {
            respond(exchange, 200, "{\"id\":17}");
        } else {
            respond(exchange, 200, body);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
