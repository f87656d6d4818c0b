package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query warm-up's cycle over the scenarios, against a real HTTP server on a free port. */
class SessionQueriesTest {

    private static final String PAGE = "{\"sessions\":[{\"identity\":\"s1\"}]}";

    private HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = (path.equals("/broken") ? "{\"error\":\"no\"}" : PAGE).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.equals("/broken") ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void cycleSendsEveryScenarioInTurnUntilTheDurationHasPassedAndRecordsEachApart() throws Exception {
        SessionQueries queries = new SessionQueries(baseUrl());
        List<SessionQueries.Scenario> scenarios = List.of(scenario("first", "/a"), scenario("second", "/b"));

        long start = System.nanoTime();
        Map<String, Latencies> seen = queries.cycle(scenarios, Duration.ofMillis(300));
        long elapsed = System.nanoTime() - start;

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(seen.keySet()).containsExactly("first", "second");
        // one of each per cycle, so both were sent equally often, and each count is what the server saw
        assertThat(seen.get("first").count()).isGreaterThan(1).isEqualTo(seen.get("second").count());
        assertThat(hits.get("/a").get()).isEqualTo((int) seen.get("first").count());
        assertThat(hits.get("/b").get()).isEqualTo((int) seen.get("second").count());
    }

    @Test
    void cycleSendsEachScenarioOnceEvenWhenTheDurationIsZero() throws Exception {
        Map<String, Latencies> seen = new SessionQueries(baseUrl())
                .cycle(List.of(scenario("only", "/a")), Duration.ZERO);

        assertThat(seen.get("only").count()).isEqualTo(1);
    }

    @Test
    void cycleFailsOnAnAnswerThatIsNotTheExpectedOne() {
        SessionQueries queries = new SessionQueries(baseUrl());

        assertThatThrownBy(() -> queries.cycle(List.of(scenario("fine", "/a"), scenario("broken", "/broken")),
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken (GET " + baseUrl() + "/broken) answered 500");
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private SessionQueries.Scenario scenario(String name, String path) {
        return new SessionQueries.Scenario(name, HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                "a page", page -> page.path("sessions").isArray(), SessionQueries.QUERY_P99_TARGET);
    }
}
