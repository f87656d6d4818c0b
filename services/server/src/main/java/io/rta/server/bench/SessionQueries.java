package io.rta.server.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The REST queries ATLAS makes while browsing sessions, each timed over sequential requests on one keep-alive
 * connection. Every response is checked (status 200 and the expected content) so errors are never measured.
 */
final class SessionQueries {

    /** One query: its name in the report, its request, what a correct answer looks like, and its p99 target. */
    record Scenario(String name, HttpRequest request, String expectation, Predicate<JsonNode> check,
                    BenchReport.Target p99Target) {
    }

    /** Issue 12: every query kind answers within 10 ms at p99 over 100,000 sessions. */
    static final BenchReport.Target QUERY_P99_TARGET = BenchReport.Target.atMost(10, "ms");
    static final BenchReport.Target METAMODEL_P99_TARGET = BenchReport.Target.atMost(50, "ms");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String baseUrl;
    /** The {@code Authorization} header every request carries, or null. */
    private final String authorization;

    SessionQueries(String baseUrl) {
        this(baseUrl, null);
    }

    /** @param authorization the {@code Authorization} header of every request ({@code Bearer <token>}), or null */
    SessionQueries(String baseUrl, String authorization) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = authorization;
    }

    /** The five scenarios of the benchmark, over the sessions of {@code data}. */
    List<Scenario> scenarios(BenchData data) {
        String sortKey = "details." + BenchData.SORT_KEY;
        String containsQuery = "{\"identifier\":{\"$contains\":\"" + BenchData.CONTAINS_NEEDLE + "\"}}";
        return List.of(
                new Scenario("default list page", get("/rta/v2/sessions"), "a non-empty page",
                        SessionQueries::nonEmptyPage, QUERY_P99_TARGET),
                new Scenario("sort on " + sortKey, get("/rta/v2/sessions?sort=" + encode(sortKey + ":asc")),
                        "a non-empty page ascending by " + sortKey,
                        page -> nonEmptyPage(page) && ascendingByDetail(page, BenchData.SORT_KEY), QUERY_P99_TARGET),
                new Scenario("$contains query", post("/rta/v2/sessions", "query=" + encode(containsQuery)),
                        "a non-empty page of identifiers containing " + BenchData.CONTAINS_NEEDLE,
                        page -> nonEmptyPage(page) && allIdentifiersContain(page, BenchData.CONTAINS_NEEDLE),
                        QUERY_P99_TARGET),
                new Scenario("folder filter", get("/rta/v2/sessions?folder=" + encode(data.folderIdentity(0))),
                        "a non-empty page", SessionQueries::nonEmptyPage, QUERY_P99_TARGET),
                new Scenario("metamodel", get("/rta/v2/session-metamodel"),
                        "a metamodel describing details." + BenchData.SORT_KEY,
                        metamodel -> metamodel.path("details").has(BenchData.SORT_KEY), METAMODEL_P99_TARGET));
    }

    /**
     * Sends {@code warmup} unmeasured then {@code measured} measured requests of the scenario, one at a time.
     *
     * @throws IllegalStateException when a response is not 200 or not what the scenario expects
     */
    Latencies measure(Scenario scenario, int warmup, int measured) throws IOException, InterruptedException {
        for (int i = 0; i < warmup; i++) {
            send(scenario);
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < measured; i++) {
            latencies.record(send(scenario));
        }
        return latencies;
    }

    /**
     * Sends the scenarios' requests in turn, one of each per cycle, until {@code duration} has passed (one cycle at
     * least): a warm-up that exercises every query alike.
     *
     * @return each scenario's latencies (by name, in the scenarios' order)
     * @throws IllegalStateException when a response is not 200 or not what its scenario expects
     */
    Map<String, Latencies> cycle(List<Scenario> scenarios, Duration duration) throws IOException,
            InterruptedException {
        Map<String, Latencies> seen = new LinkedHashMap<>();
        scenarios.forEach(scenario -> seen.put(scenario.name(), new Latencies()));
        long end = System.nanoTime() + duration.toNanos();
        do {
            for (Scenario scenario : scenarios) {
                seen.get(scenario.name()).record(send(scenario));
            }
        } while (System.nanoTime() - end < 0);
        return seen;
    }

    /** Sends the scenario's request once, checks the answer and returns the time to the full response body. */
    long send(Scenario scenario) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(scenario.request(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        check(scenario, response);
        return elapsed;
    }

    private static void check(Scenario scenario, HttpResponse<String> response) {
        String what = scenario.name() + " (" + scenario.request().method() + " " + scenario.request().uri() + ")";
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " answered something that is not JSON: "
                    + abbreviate(response.body()), e);
        }
        if (!scenario.check().test(body)) {
            throw new IllegalStateException(what + " should answer " + scenario.expectation() + " but answered "
                    + abbreviate(response.body()));
        }
    }

    private static boolean nonEmptyPage(JsonNode page) {
        return page.path("sessions").isArray() && page.path("sessions").size() > 0;
    }

    private static boolean ascendingByDetail(JsonNode page, String key) {
        double previous = Double.NEGATIVE_INFINITY;
        for (JsonNode session : page.path("sessions")) {
            JsonNode value = session.path("details").path(key);
            if (!value.isNumber() || value.asDouble() < previous) {
                return false;
            }
            previous = value.asDouble();
        }
        return true;
    }

    private static boolean allIdentifiersContain(JsonNode page, String needle) {
        for (JsonNode session : page.path("sessions")) {
            if (!session.path("identifier").asText().contains(needle)) {
                return false;
            }
        }
        return true;
    }

    private HttpRequest get(String pathAndQuery) {
        return request(pathAndQuery).GET().build();
    }

    private HttpRequest post(String path, String form) {
        return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(TIMEOUT);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
