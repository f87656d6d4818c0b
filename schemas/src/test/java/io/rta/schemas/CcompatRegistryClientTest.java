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
    void shouldGiveUpOnAnUnreachableRegistryAfterTheRetryTime() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        CcompatRegistryClient client = new CcompatRegistryClient(unreachable, Duration.ofMillis(600));

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(unreachable + "/schemas/ids/1")
                .hasMessageContaining("cannot connect");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + contentType
                + (body.isEmpty() ? "" : " " + body));
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/schemas/ids/404")) {
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
