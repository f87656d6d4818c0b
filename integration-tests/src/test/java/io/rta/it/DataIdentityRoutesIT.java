package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.Samples;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data service's routes by data identity ({@code GET /rta/v2/data/{dataIdentity}/...}) on the all-in-one server:
 * telemetry written through {@code DataWriter} under identities holding '/', quotes, '=', spaces and '%' reads back
 * through them, byte-identical to the session route where a session of that identity can exist, sample by sample
 * (independent decoder) where it cannot; hostile identities are refused with the usual JSON errors.
 */
class DataIdentityRoutesIT {

    /** A session of this identity can exist and be read through the session route too. */
    private static final String QUERY = "dir host='car 1' AND run=7";
    private static final String FILE = "/data/2024/dir run 1.ssn2";
    private static final String PERCENT = "dir 100% \"done\" %2F";
    private static final String DOTS = "dir/../b";
    private static final List<String> IDENTITIES = List.of(QUERY, FILE, PERCENT, DOTS);
    private static final List<List<WriteDataStreamMessage>> DATA = List.of(Telemetry.bursts(0, 6),
            Telemetry.bursts(6, 10), Telemetry.bursts(10, 13), Telemetry.bursts(13, 15));

    private final TestServer server = TestServer.shared();

    @BeforeAll
    static void writeTelemetry() {
        TestServer server = TestServer.shared();
        server.sessions().createOrUpdateSession(create(QUERY, "dir-query", "2023-11-14T22:13:20Z", OPEN));
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            for (int i = 0; i < IDENTITIES.size(); i++) {
                stream.identity(IDENTITIES.get(i)).send(DATA.get(i));
            }
            stream.flush("all");
            assertThat(stream.echoed()).containsExactly("all");
            stream.complete();
        }
    }

    @Test
    void shouldAnswerByteForByteWhatTheSessionRouteAnswersForASessionOfTheSameIdentity() {
        for (String kindAndChannels : List.of("periodic/0-", "timestamped/0-", "row/0-", "events", "periodic/10",
                "timestamped/21-", "row/40")) {
            HttpResponse<byte[]> byIdentity = get(identityPath(QUERY, kindAndChannels));
            HttpResponse<byte[]> bySession = get(sessionPath(QUERY, kindAndChannels));

            assertThat(byIdentity.headers().firstValue("Content-Type")).hasValue(DataApi.CHUNKED);
            assertThat(Http.ok(byIdentity).body()).as(kindAndChannels).isNotEmpty()
                    .isEqualTo(Http.ok(bySession).body());
        }
        String window = "?start=" + (Telemetry.T0 + Telemetry.BURST) + "&end=" + (Telemetry.T0 + 3 * Telemetry.BURST);
        assertThat(Http.ok(get(identityPath(QUERY, "periodic/0-") + window)).body())
                .isEqualTo(Http.ok(get(sessionPath(QUERY, "periodic/0-") + window)).body());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void shouldReadBackExactlyTheSamplesWrittenUnderTheIdentity(int index) throws IOException {
        String identity = IDENTITIES.get(index);
        List<WriteDataStreamMessage> written = DATA.get(index);

        assertThat(Samples.ofPeriodicChunks(ChunkedWireDecoder.periodic(body(identity, "periodic/0-"))))
                .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofPeriodic(Telemetry.periodic(written))));
        assertThat(Samples.ofTimestampedChunks(ChunkedWireDecoder.timestamped(body(identity, "timestamped/0-"))))
                .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofTimestamped(Telemetry.timestamped(written))));
        assertThat(Telemetry.sortedRows(DataWriteReadIT.rows(ChunkedWireDecoder.row(body(identity, "row/0-")))))
                .containsExactlyElementsOf(Telemetry.rows(written));
        assertThat(DataWriteReadIT.events(ChunkedWireDecoder.events(body(identity, "events"))))
                .containsExactlyElementsOf(Telemetry.events(written));
    }

    /** The all-in-one server's {@code DataReader} reads a session's data (it checks the session exists). */
    @Test
    void shouldAnswerTheSameListsAsTheGrpcDataReaderForASession() throws IOException {
        DataApi grpc = DataApi.of(server);
        assertThat(DataWriteReadIT.lists(ChunkedWireDecoder.periodic(body(QUERY, "periodic/0-"))))
                .isEqualTo(grpc.grpcPeriodic(QUERY, DataApi.ALL, null, null));
        assertThat(DataWriteReadIT.lists(ChunkedWireDecoder.row(body(QUERY, "row/0-"))))
                .isEqualTo(grpc.grpcRow(QUERY, DataApi.ALL, null, null));
        assertThat(DataWriteReadIT.lists(ChunkedWireDecoder.events(body(QUERY, "events"))))
                .isEqualTo(grpc.grpcEvents(QUERY, null, null));
    }

    @Test
    void shouldAnswerAnEmptyStreamForAnIdentityWithoutData() {
        for (String kindAndChannels : List.of("periodic/0-", "timestamped/0-", "row/0-", "events")) {
            HttpResponse<byte[]> response = get(identityPath("dir never/written", kindAndChannels));

            assertThat(response.headers().firstValue("Content-Type")).hasValue(DataApi.CHUNKED);
            assertThat(Http.ok(response).body()).isEmpty();
        }
    }

    @Test
    void shouldTakeAnEncodedDotDotSegmentAsPartOfTheIdentityNeverAsAPathStep() {
        assertThat(Http.ok(get("/rta/v2/data/%2F..%2F/events")).body()).isEmpty();
        assertThat(Http.ok(get("/rta/v2/data/dir%2F..%2Fb/events")).body())
                .isEqualTo(Http.ok(get(identityPath(DOTS, "events"))).body()).isNotEmpty();
        assertThat(Http.ok(get("/rta/v2/data/b/events")).body()).as("'dir/../b' is not 'b'").isEmpty();
        assertThat(get("/rta/v2/data/x%2F..%2F..%2Fsessions/events").statusCode()).isEqualTo(200);
        assertRefused(RawHttp.send(server.httpPort(), "GET /rta/v2/data/../sessions/a%2Fb/data/events HTTP/1.1\r\n"
                + "Host: x\r\nConnection: close"), 400, "Ambiguous URI path separator");
        assertHealthy();
    }

    @Test
    void shouldRefuseControlCharactersInAnEncodedIdentityWithJson400() {
        for (String encoded : List.of("a%0Ab", "a%0D%0Ab", "a%1Bb", "a%7Fb", "a%2Fb%0A")) {
            assertRefused(RawHttp.send(server.httpPort(), "GET /rta/v2/data/" + encoded
                    + "/events HTTP/1.1\r\nHost: x\r\nConnection: close"), 400, "Suspicious Path Character");
        }
        RawHttp.Answer nul = RawHttp.send(server.httpPort(), "GET /rta/v2/data/a%00b/events HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close");
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.header("Content-Type")).startsWith("application/json");
        assertHealthy();
    }

    @Test
    void shouldRefuseAnIdentityOverMaxIdentityLengthNamingTheOption() {
        HttpResponse<byte[]> response = get(identityPath("%".repeat(1025), "events"));

        assertThat(response.statusCode()).isEqualTo(400);
        Expect.json(Http.json(response), "{\"code\":400,\"message\":\"data identity: the identity is 1025 bytes long; "
                + "at most 1024 bytes are allowed (MaxIdentityLength)\"}");
    }

    @Test
    void shouldAnswerAOneMebibyteIdentityWithJson414AndStayHealthy() {
        String head = "GET /rta/v2/data/" + "%2F".repeat(1024 * 1024) + "/events HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n";

        assertRefused(sendRefusedEarly(head), 414, "URI Too Long: the request line and headers may take at most "
                + "8192 bytes");
        assertHealthy();
    }

    @Test
    void shouldNotMatchAnIdentityWithAnUnencodedSlash() {
        HttpResponse<byte[]> response = get("/rta/v2/data/data/2024/timestamped/0-");

        assertThat(response.statusCode()).isEqualTo(404);
        Expect.json(Http.json(response), "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }

    /**
     * api.yaml lets a session identity, a folder identity and a config identifier be any string, and a client made
     * from it percent-encodes the path parameter: a {@code /} or {@code %} in one arrives as {@code %2F} / {@code %25}
     * and is served (the spec's own folder example is {@code animals/felines}); an identity is a key, so an encoded
     * {@code ..} in it is never resolved as a path.
     */
    @Test
    void shouldServeSessionsFoldersAndConfigsWhoseIdentitiesHoldASlashOrAPercent() throws Exception {
        String session = "dir/run 100%";
        server.sessions().createOrUpdateSession(create(session, "slash", "2023-11-14T22:13:20Z", OPEN,
                Ops.setFolders("animals/felines")));
        server.sessions().putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest.newBuilder()
                .setIdentity("animals").setLabel("Animals").build());
        server.sessions().putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest.newBuilder()
                .setParentIdentity("animals").setIdentity("animals/felines").setLabel("Felines").build());
        server.sessions().putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest.newBuilder()
                .setParentIdentity("animals/felines").setIdentity("animals/felines/lions").setLabel("Lions").build());
        server.configs().putConfig(io.rta.proto.toolkit.config.PutConfigRequest.newBuilder()
                .setIdentifier("cfg/1 100%").setContentType(ConfigStoreIT.JSON)
                .setData(com.google.protobuf.ByteString.copyFromUtf8(ConfigStoreIT.EXAMPLE)).build());

        assertThat(Http.json(Http.ok(get("/rta/v2/sessions/" + segment(session)))).path("identity").asText())
                .isEqualTo(session);
        assertThat(Http.ok(get("/rta/v2/sessions/" + segment(session) + "/data/events")).statusCode())
                .isEqualTo(200);
        // the folders below a folder (with sessions linked into their sub-tree only under a query: none here)
        assertThat(Http.text(Http.ok(get("/rta/v2/session-folders/" + segment("animals/felines")))))
                .contains("\"animals/felines/lions\"");
        assertThat(Http.text(Http.ok(get("/rta/v2/configs/" + segment("cfg/1 100%"))))).isEqualTo(
                ConfigStoreIT.EXAMPLE);
        // a key, not a path: "a/../b" is the session of that identity (none), never "b"
        assertThat(get("/rta/v2/sessions/" + segment("dir/../" + session)).statusCode()).isEqualTo(404);
        try (io.rta.it.live.LiveSocket live = io.rta.it.live.LiveSocket.connect(server.baseUrl(), segment(session))) {
            assertThat(live.awaitItem(io.rta.proto.model.net.stream.StreamData::hasSessionJson).getSessionJson())
                    .contains("\"identity\":\"dir/run 100%\"");
        }
        // only under the API's identity routes
        assertRefused(RawHttp.send(server.httpPort(), "GET /rta/v2/info%2Fx HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close"), 400, "Ambiguous URI path separator");
    }

    private byte[] body(String identity, String kindAndChannels) {
        return Http.ok(get(identityPath(identity, kindAndChannels))).body();
    }

    private HttpResponse<byte[]> get(String path) {
        return server.http().get(path);
    }

    private static String identityPath(String identity, String kindAndChannels) {
        return "/rta/v2/data/" + segment(identity) + "/" + kindAndChannels;
    }

    private static String sessionPath(String identity, String kindAndChannels) {
        return "/rta/v2/sessions/" + segment(identity) + "/data/" + kindAndChannels;
    }

    /** RFC 3986 percent-encoding of one path segment (URLEncoder is for forms: it writes a space as '+'). */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends a request line far over the server's limit and reads the answer the server gives once it has read its
     * limit's worth; the rest of the line may be refused mid-write.
     */
    private RawHttp.Answer sendRefusedEarly(String head) {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(60_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException refused) {
                    // the server answered and closed before reading the whole line: its answer is still there
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            return RawHttp.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefused(RawHttp.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        Expect.json(Expect.parse(answer.body()), "{\"code\":" + status + ",\"message\":"
                + Expect.parse("\"" + message + "\"") + "}");
    }

    private void assertHealthy() {
        HttpResponse<byte[]> health = server.http().get("/health");
        assertThat(health.statusCode()).as(Http.text(health)).isEqualTo(200);
    }
}
