package io.rta.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rta.gateway.bindings.BindingPlanner;
import io.rta.gateway.bindings.DataRequest;
import io.rta.service.config.Options;
import io.rta.service.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's data through its bindings, with bindings that need no transformation (relayed byte for byte) and with
 * a source the gateway does not know. Runs once the binding engine ({@link BindingPlanner}) is built; until then it
 * is skipped, saying so.
 */
class GatewayDataRouteTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String PLAIN_BINDING = "[{\"key\":{\"source\":\"Store\",\"identity\":\"secret-identity\","
            + "\"timeRef\":0},\"sessionStartTime\":null,\"sessionEndTime\":null,\"sessionTimeOffset\":0,"
            + "\"dataChannelBindings\":[]}]";
    private static final String UNKNOWN_SOURCE = PLAIN_BINDING.replace("Store", "elsewhere");

    @TempDir
    static Path dir;

    private static HttpServer services;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        services = StandInServices.start();
        String root = "http://127.0.0.1:" + services.port() + "/";
        gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {"--HttpPort", "0",
            "--SessionServiceUri", root, "--ConfigServiceUri", root, "--DataServiceUris:store", root}, Map.of(), dir));
        StandInServices.BINDINGS.put("plain", PLAIN_BINDING);
        StandInServices.BINDINGS.put("unknown-source", UNKNOWN_SOURCE);
        StandInServices.BINDINGS.put("unbound", "[]");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            try {
                services.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void requireTheBindingEngine() {
        boolean built;
        try {
            BindingPlanner.plan(new DataRequest("events", null, null, null), List.of());
            built = true;
        } catch (UnsupportedOperationException e) {
            built = false;
        }
        assumeTrue(built, "the binding engine (BindingPlanner, BindingResponses) is not built on this branch yet");
    }

    @Test
    void shouldRelayTheAnswerOfABindingThatNeedsNoTransformationByteForByte() throws Exception {
        HttpResponse<String> answer = get("/rta/v2/sessions/plain/data/periodic/1,2?start=10&end=20");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("relayed /rta/v2/data/secret-identity/periodic/");
    }

    @Test
    void shouldAnswer502NamingTheSourceNeverTheIdentityWhenTheSourceIsNotConfigured() throws Exception {
        HttpResponse<String> answer = get("/rta/v2/sessions/unknown-source/data/events");

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("elsewhere").contains("DataServiceUris:elsewhere")
                .doesNotContain("secret-identity");
    }

    /** A session without bindings has no data (an empty 200), but a malformed request is still 400, as on the server. */
    @Test
    void shouldRefuseAMalformedDataRequestOfASessionWithoutBindings() throws Exception {
        assertThat(get("/rta/v2/sessions/unbound/data/periodic/0-").statusCode()).isEqualTo(200);
        for (String bad : List.of("/rta/v2/sessions/unbound/data/periodic/0-?start=abc",
                "/rta/v2/sessions/unbound/data/periodic/0-?start=20&end=10", "/rta/v2/sessions/unbound/data/periodic/G")) {
            HttpResponse<String> answer = get(bad);
            assertThat(answer.statusCode()).as(bad + ": " + answer.body()).isEqualTo(400);
        }
    }

    /** The gateway takes the input limit options as the data services do: MaxChannelsTerms here. */
    @Test
    void shouldApplyItsOwnMaxChannelsTermsToTheChannelsOfAReadThroughBindings() throws Exception {
        String terms = java.util.stream.IntStream.range(0, 10).map(i -> i * 2).mapToObj(Integer::toHexString)
                .collect(java.util.stream.Collectors.joining(","));
        String root = "http://127.0.0.1:" + services.port() + "/";
        try (GatewayServer strict = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {"--HttpPort",
            "0", "--SessionServiceUri", root, "--ConfigServiceUri", root, "--DataServiceUris:store", root,
            "--MaxChannelsTerms", "8"}, Map.of(), dir))) {
            HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + strict.httpPort() + "/rta/v2/sessions/plain/data/periodic/" + terms)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("MaxChannelsTerms");
        }
        assertThat(get("/rta/v2/sessions/plain/data/periodic/" + terms).statusCode()).as("the default: 4096")
                .isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
