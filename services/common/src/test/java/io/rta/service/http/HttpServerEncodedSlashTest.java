package io.rta.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.metrics.ProcessMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link HttpSettings#withEncodedSlashesUnder}: under the prefix a path segment may hold {@code %2F} and {@code %25},
 * which reach the resource decoded; everywhere else, and for every other guard, Jetty's refusals stand.
 */
class HttpServerEncodedSlashTest {

    private static HttpServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, OptionalInt.empty(), "text", EdgeLimits.defaults(),
                ReadLimiter.of(EdgeLimits.defaults())).withEncodedSlashesUnder("/rta/v2/open/");
        server = HttpServer.start(new ServiceInfo("slash-test", "dev", List.of(), "test", "test", false), settings,
                ProcessMetrics.bare(), new HealthCheckRegistry(), jersey -> jersey.register(new Echo()), env -> { });
        port = server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a%2Fb                                   | a/b
            %2Fdata%2Frun%201.ssn2                  | /data/run 1.ssn2
            host%3D%27car%201%27%20AND%20run%3D7    | host='car 1' AND run=7
            host='car%201'%20AND%20run=7            | host='car 1' AND run=7
            100%25%20%22done%22                     | 100% "done"
            %252F                                   | %2F
            %2F..%2F                                | /../
            a+b                                     | a+b
            %C3%BCn%C3%AF%2Fc%C3%B6d%C3%A9          | ünï/cödé
            """)
    void shouldHandAnEncodedSegmentUnderThePrefixToTheResourceDecoded(String segment, String decoded) {
        RawHttp.Answer answer = get("/rta/v2/open/" + segment + "/tail");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[" + decoded + "]");
    }

    @Test
    void shouldRefuseAnEncodedSlashOrPercentOutsideThePrefixAsJettyDoes() {
        assertRefused(get("/rta/v2/closed/a%2Fb/tail"), "Ambiguous URI path separator");
        assertRefused(get("/rta/v2/closed/a%25b/tail"), "Ambiguous URI path encoding");
        assertRefused(get("/rta/v2/a%2Fb"), "Ambiguous URI path separator");
    }

    @Test
    void shouldNotLetDotSegmentsCarryAnEncodedSlashOutOfThePrefix() {
        assertRefused(get("/rta/v2/open/../closed/a%2Fb/tail"), "Ambiguous URI path separator");
        assertRefused(get("/rta/v2/open/x/../../closed/a%2Fb/tail"), "Ambiguous URI path separator");
        assertRefused(get("/rta/v2/open/./../closed/a%2Fb/tail"), "Ambiguous URI path separator");
        assertRefused(get("/rta/v2/open/a%2Fb/.."), "Ambiguous URI path separator");
    }

    @Test
    void shouldKeepJettysOtherGuardsUnderThePrefix() {
        assertRefused(get("/rta/v2/open/%2E%2E/tail"), null);
        assertRefused(get("/rta/v2/open/a%0Ab/tail"), null);
        assertRefused(get("/rta/v2/open/a%00b/tail"), null);
        assertRefused(get("/rta/v2/open/a%FFb/tail"), null);
        assertRefused(get("/rta/v2/open/a%u2192b/tail"), null);
        assertRefused(get("/rta/v2/open/.%2e/tail"), null);
        RawHttp.Answer overlong = get("/rta/v2/open/" + "%2F".repeat(4_000) + "/tail");
        assertThat(overlong.status()).isEqualTo(414);
        assertThat(overlong.body()).startsWith("{\"code\":414,\"message\":\"URI Too Long");
    }

    @Test
    void shouldServeUnencodedPathsUnderAndOutsideThePrefixAsBefore() {
        assertThat(get("/rta/v2/open/plain/tail").body()).isEqualTo("[plain]");
        assertThat(get("/rta/v2/closed/plain/tail").body()).isEqualTo("[plain]");
    }

    private static void assertRefused(RawHttp.Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        if (message != null) {
            assertThat(answer.body()).isEqualTo("{\"code\":400,\"message\":\"" + message + "\"}");
        } else {
            assertThat(answer.body()).startsWith("{\"code\":400,\"message\":");
        }
    }

    private static RawHttp.Answer get(String path) {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close");
    }

    @Path("/rta/v2/{area: open|closed}/{value}/tail")
    @Produces(MediaType.TEXT_PLAIN)
    public static final class Echo {
        @GET
        public String echo(@PathParam("value") String value) {
            return "[" + value + "]";
        }
    }
}
