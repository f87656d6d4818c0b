package io.rta.data.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.data.DataReads;
import io.rta.data.FakeChunkView;
import io.rta.data.OwnerLocator;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.remote.OwnerClient;
import io.rta.service.http.HttpServer;
import io.rta.service.http.HttpSettings;
import io.rta.service.http.ServiceInfo;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.topology.data.DataKind;
import io.rta.topology.limits.InputLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /rta/v2/data/{dataIdentity}/...} on the real HTTP server: the session route's answers, errors and owner
 * forwarding, for any data identity (slashes, quotes, '=', spaces, '%'), without a session and without consulting the
 * session catalog.
 */
class DataIdentityResourceTest {

    /** Test double of the wire codec: each chunk as its start time and unpacked payload. */
    private static final ChunkEncoder PAYLOADS = out -> chunk -> {
        out.write(("[" + chunk.startTime() + "]").getBytes(StandardCharsets.US_ASCII));
        out.write(FakeChunkView.decode(chunk));
    };
    private static final List<String> IDENTITIES = List.of("s1", "/data/2024/run 1.ssn2",
            "host='car 1' AND run=7", "100% \"done\"", "a/../b", "b", "%2F", "a+b", "x;y", "ünï/cödé");
    private static final FakeChunkView VIEW = new FakeChunkView();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpServer owner;
    private static HttpServer front;
    private static final AtomicInteger OWNER_PORT = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < IDENTITIES.size(); i++) {
            VIEW.add(IDENTITIES.get(i), DataKind.TIMESTAMPED, 100 + i, 200, new long[] {0xB}, new byte[] {(byte) i});
            VIEW.add(IDENTITIES.get(i), DataKind.EVENTS, 50, 60, new long[0], new byte[] {9, (byte) i});
        }
        // the session routes know "s1" only; the routes by data identity must never ask
        DataReads reads = new DataReads(Set.of("s1")::contains, identity -> VIEW, OwnerLocator.SELF,
                InputLimits.defaults());
        owner = serve(reads);
        OWNER_PORT.set(owner.port());
        front = serve(new DataReads(identity -> {
            throw new AssertionError("the session catalog was consulted");
        }, identity -> VIEW, identity -> Optional.of(new HostInfo("127.0.0.1", OWNER_PORT.get())),
                InputLimits.defaults()));
    }

    private static HttpServer serve(DataReads reads) throws Exception {
        OwnerClient owners = OwnerClient.create(Duration.ofSeconds(5));
        return HttpServer.start(new ServiceInfo("data-test", "dev", List.of("data"), "test", "test", false),
                HttpSettings.of(0, "text").withEncodedSlashesUnder(DataIdentityResource.PATH),
                ProcessMetrics.bare(), new HealthCheckRegistry(), jersey -> {
                    jersey.register(new DataResource(reads, owners, PAYLOADS));
                    jersey.register(new DataIdentityResource(reads, owners, PAYLOADS));
                }, environment -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        front.close();
        owner.close();
    }

    @Test
    void shouldAnswerTheSameBytesAsTheSessionRouteForASessionsDataIdentity() throws Exception {
        HttpResponse<byte[]> bySession = get(owner, "/rta/v2/sessions/s1/data/timestamped/A-C?start=0");
        HttpResponse<byte[]> byIdentity = get(owner, "/rta/v2/data/s1/timestamped/A-C?start=0");

        assertThat(bySession.statusCode()).isEqualTo(200);
        assertThat(byIdentity.statusCode()).isEqualTo(200);
        assertThat(byIdentity.headers().firstValue("Content-Type")).hasValue(DataResource.CHUNKED_PROTOBUF);
        assertThat(byIdentity.body()).isEqualTo(bySession.body()).isEqualTo(bytes("[100]", 0));
        assertThat(get(owner, "/rta/v2/data/s1/events").body())
                .isEqualTo(get(owner, "/rta/v2/sessions/s1/data/events").body());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void shouldReadAnyDataIdentityEncodedInOneSegmentWithoutASession(int index) throws Exception {
        String identity = IDENTITIES.get(index);

        HttpResponse<byte[]> periodic = get(owner, "/rta/v2/data/" + segment(identity) + "/timestamped/0-");
        HttpResponse<byte[]> events = get(owner, "/rta/v2/data/" + segment(identity) + "/events?start=0&end=100");

        assertThat(periodic.statusCode()).isEqualTo(200);
        assertThat(periodic.body()).isEqualTo(bytes("[" + (100 + index) + "]", index));
        assertThat(events.body()).isEqualTo(bytes("[50]", 9, index));
        assertThat(get(owner, "/rta/v2/sessions/" + segment(identity) + "/data/events").statusCode())
                .as("the session route neither takes the encoded identity nor knows a session of it")
                .isIn(400, 404);
    }

    @Test
    void shouldNotNormaliseDotSegmentsInsideAnEncodedIdentity() throws Exception {
        assertThat(get(owner, "/rta/v2/data/a%2F..%2Fb/timestamped/0-").body()).isEqualTo(bytes("[104]", 4));
        assertThat(get(owner, "/rta/v2/data/%2F..%2F/events").body()).as("an identity with no data").isEmpty();
    }

    @Test
    void shouldAnswerAnEmptyStreamForADataIdentityWithoutData() throws Exception {
        HttpResponse<byte[]> response = get(owner, "/rta/v2/data/not%2Fwritten%20yet/periodic/0-");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(DataResource.CHUNKED_PROTOBUF);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void shouldRelayTheOwnersAnswerForAnEncodedIdentityByteForByte() throws Exception {
        for (String identity : IDENTITIES) {
            String path = "/rta/v2/data/" + segment(identity) + "/timestamped/B?end=300";
            HttpResponse<byte[]> direct = get(owner, path);
            HttpResponse<byte[]> relayed = get(front, path);

            assertThat(relayed.statusCode()).as(identity).isEqualTo(200);
            assertThat(relayed.headers().firstValue("Content-Type")).hasValue(DataResource.CHUNKED_PROTOBUF);
            assertThat(relayed.body()).as(identity).isEqualTo(direct.body()).isNotEmpty();
        }
    }

    @Test
    void shouldAnswer503WithoutTheIdentityWhenAForwardedRequestReachesANonOwner() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(uri(front,
                        "/rta/v2/data/private%2Fidentity/events"))
                .header(OwnerClient.FORWARDED_HEADER, OwnerClient.FORWARDED).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(text(response)).contains("owned by 127.0.0.1:" + owner.port()).doesNotContain("private");
    }

    @Test
    void shouldAnswerTheSessionRoutesErrorsForMalformedQueries() throws Exception {
        assertError(get(owner, "/rta/v2/data/s1/timestamped/1,XYZ"), 400,
                "channels expression '1,XYZ': 'XYZ' is not a hexadecimal channel id (0-FFFFFFFF)");
        assertError(get(owner, "/rta/v2/data/a%2Fb/periodic/0-?start=soon"), 400,
                "start 'soon' is not an integer: times are nanoseconds since the Unix epoch");
        assertError(get(owner, "/rta/v2/data/a%2Fb/events?end=-1"), 400,
                "end is -1: times are nanoseconds since the Unix epoch, at least 0");
        assertError(get(owner, "/rta/v2/data/a%2Fb/events?start=9&end=3"), 400, "start 9 is after end 3");
        assertError(get(owner, "/rta/v2/data/" + "%2F".repeat(1025) + "/events"), 400,
                "data identity: the identity is 1025 bytes long; at most 1024 bytes are allowed (MaxIdentityLength)");
        assertError(get(owner, "/rta/v2/data/%20%20/events"), 400, "data identity is empty");
    }

    @Test
    void shouldKeepJettysRefusalsOfControlCharactersAndEncodedDotSegments() throws Exception {
        assertThat(get(owner, "/rta/v2/data/a%0Ab/events").statusCode()).isEqualTo(400);
        assertThat(get(owner, "/rta/v2/data/a%1Bb/events").statusCode()).isEqualTo(400);
        assertThat(get(owner, "/rta/v2/data/%2E%2E/events").statusCode()).isEqualTo(400);
        assertThat(VIEW.reads()).noneMatch(read -> read.dataIdentity().chars().anyMatch(Character::isISOControl));
    }

    @Test
    void shouldNotMatchAnIdentityWithAnUnencodedSlash() throws Exception {
        assertError(get(owner, "/rta/v2/data/data/2024/timestamped/0-"), 404, "HTTP 404 Not Found");
    }

    @Test
    void shouldKeepRefusingAnEncodedSlashOnTheSessionRoutes() throws Exception {
        assertError(get(owner, "/rta/v2/sessions/a%2Fb/data/events"), 400, "Ambiguous URI path separator");
    }

    /** RFC 3986 percent-encoding of one path segment (URLEncoder is for forms: it writes a space as '+'). */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String message) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(text(response)).isEqualTo("{\"code\":" + status + ",\"message\":" + json(message) + "}");
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static HttpResponse<byte[]> get(HttpServer server, String pathAndQuery)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(HttpServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String prefix, int... rest) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + rest.length);
        for (int i = 0; i < rest.length; i++) {
            all[head.length + i] = (byte) rest[i];
        }
        return all;
    }
}
