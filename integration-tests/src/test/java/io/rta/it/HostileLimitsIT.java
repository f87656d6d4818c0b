package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.ReadDataStreamRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.it.live.LiveSocket;
import io.rta.it.live.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input against the all-in-one server over real sockets, one case per input limit: each is refused with the
 * exact status and body (REST 400 and {@code {"code": 400, "message": ...}}, gRPC INVALID_ARGUMENT and its
 * description, WebSocket close 1008 and its reason) naming the limit's option, and {@code /health} stays 200 after
 * every case. The requests are sized to what each transport carries: REST bodies stay under MaxRequestBodySize (1
 * MiB) and URIs under Jetty's 8 KiB, so the biggest (100,000-deep query, 200,000 operands, 16 MiB flush marker) go
 * over gRPC.
 */
class HostileLimitsIT {

    private static final String SESSIONS = "/rta/v2/sessions";
    private static final String EXISTING = "hostile-existing";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String IDENTITY_1025 = "x".repeat(1025);
    private static final String TOO_LONG_1025 = "the identity is 1025 bytes long; at most 1024 bytes are allowed "
            + "(MaxIdentityLength)";

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @BeforeAll
    static void writeASession() {
        TestServer.shared().sessions().createOrUpdateSession(create(EXISTING, "Existing", "2021-01-01T00:00:00Z",
                CLOSED));
    }

    @AfterEach
    void serverStaysHealthy() {
        HttpResponse<byte[]> health = http.get("/health");
        assertThat(health.statusCode()).as("/health after the case: %s", Http.text(health)).isEqualTo(200);
        assertThat(http.get(SESSIONS + "/" + EXISTING).statusCode()).isEqualTo(200);
    }

    // identities

    @Test
    void shouldRefuseAMebibyteSessionIdentityOverGrpc() {
        String identity = "x".repeat(1024 * 1024);

        grpcRefused(() -> server.sessions().createOrUpdateSession(create(identity, "i", "2021-01-01T00:00:00Z",
                CLOSED)), "identity: the identity is 1048576 bytes long; at most 1024 bytes are allowed "
                + "(MaxIdentityLength)");
        grpcRefused(() -> server.sessions().getSession(GetSessionRequest.newBuilder().setIdentity(identity).build()),
                "identity: the identity is 1048576 bytes long; at most 1024 bytes are allowed (MaxIdentityLength)");
    }

    /** Each reference is an edge the relationship topology fans out: at most MaxRelatedSessions per list. */
    @Test
    void shouldRefuseASessionDeclaringMoreAnchorsThanMaxRelatedSessions() {
        String identity = "hostile-anchors-" + UUID.randomUUID();
        String[] anchors = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "acq:" + identity + ":" + i)
                .toArray(String[]::new);

        grpcRefused(() -> server.sessions().createOrUpdateSession(create(identity, "i", "2021-01-01T00:00:00Z",
                CLOSED, Ops.setRefAnchors(anchors))), "ref_anchors count is 1001; at most 1000 allowed "
                + "(MaxRelatedSessions)");
        assertThat(server.http().get(SESSIONS + "/" + identity).statusCode()).as("nothing written").isEqualTo(404);
        server.sessions().createOrUpdateSession(create(identity, "i", "2021-01-01T00:00:00Z", CLOSED,
                Ops.setRefAnchors(java.util.Arrays.copyOf(anchors, 1000))));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"000D", "000A", "0000", "001B"})
    void shouldRefuseControlCharactersInIdentitiesOverGrpc(String code) {
        char control = (char) Integer.parseInt(code, 16);
        String problem = "the identity holds the control character U+" + code + " at position 3; control characters "
                + "are not allowed";

        grpcRefused(() -> server.sessions().createOrUpdateSession(create("run" + control + "x", "i",
                "2021-01-01T00:00:00Z", CLOSED)), "identity: " + problem);
        grpcRefused(() -> server.sessions().createOrUpdateSession(update(EXISTING, SessionUpdate.newBuilder()
                .setSetChildOfRefs(SessionUpdate.RefUrisList.newBuilder().addRefUris("acq" + control)).build())),
                "updates[0].set_child_of_refs.ref_uris[0]: " + problem);
        grpcRefused(() -> server.configs().putConfig(PutConfigRequest.newBuilder().setIdentifier("cfg" + control)
                .setContentType("application/vnd.mat.config+ffc").setData(ByteString.copyFromUtf8("x")).build()),
                "identifier: " + problem);
    }

    @Test
    void shouldRefuseAnOverLongIdentityInRestPathsAndParameters() {
        restRefused(http.get(SESSIONS + "/" + IDENTITY_1025), "identity: " + TOO_LONG_1025);
        restRefused(http.get("/rta/v2/configs/" + IDENTITY_1025), "identifier: " + TOO_LONG_1025);
        restRefused(http.get(SESSIONS + "/" + IDENTITY_1025 + "/data/events"), "data identity: " + TOO_LONG_1025);
        restRefused(http.get(SESSIONS + "?folder=" + IDENTITY_1025), "folder: " + TOO_LONG_1025);
        restRefused(http.get("/rta/v2/session-metamodel?folder=" + IDENTITY_1025), "folder: " + TOO_LONG_1025);
    }

    @Test
    void shouldRefuseAControlCharacterInARestParameter() {
        restRefused(http.get(SESSIONS + "?folder=f%0D%0Aforged"), "folder: the identity holds the control character "
                + "U+000D at position 1; control characters are not allowed");
    }

    @Test
    void shouldRefuseABadDataIdentityOverGrpc() {
        try (WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            writer.identity("data\u001b[2J").send(Telemetry.bursts(0, 1)).marker("m");

            Status status = writer.awaitFailure();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).isEqualTo("data_identity: the identity holds the control character "
                    + "U+001B at position 4; control characters are not allowed");
            assertThat(writer.echoed()).isEmpty();
        }
        grpcRefused(() -> dataReader().readEventsStream(ReadDataStreamRequest.newBuilder()
                .setDataIdentity(IDENTITY_1025).build()).hasNext(), "data identity: " + TOO_LONG_1025);
    }

    // session queries

    @Test
    void shouldRefuseADeepQuery() {
        String deep = nested(1_000);
        restRefused(http.postForm(SESSIONS, Http.form("query", deep)),
                "query nesting depth is 33; at most 32 allowed (MaxQueryDepth)");
        grpcRefused(() -> server.sessions().listSessions(ListSessionsRequest.newBuilder().setQuery(nested(100_000))
                .build()), "query nesting depth is 33; at most 32 allowed (MaxQueryDepth)");
    }

    @Test
    void shouldRefuseTooManyQueryTerms() {
        restRefused(http.postForm(SESSIONS, Http.form("query", orBranches(2_000))),
                "query term count is 1025; at most 1024 allowed (MaxQueryTerms)");
        grpcRefused(() -> server.sessions().listSessions(ListSessionsRequest.newBuilder()
                .setQuery(orBranches(50_000)).build()), "query term count is 1025; at most 1024 allowed (MaxQueryTerms)");
    }

    @Test
    void shouldRefuseTooManyQueryOperands() {
        restRefused(http.postForm(SESSIONS, Http.form("query", inOperands(12_000))),
                "query operand count is 10001; at most 10000 allowed (MaxQueryOperands)");
        grpcRefused(() -> server.sessions().listSessions(ListSessionsRequest.newBuilder()
                .setQuery(inOperands(200_000)).build()),
                "query operand count is 10001; at most 10000 allowed (MaxQueryOperands)");
    }

    @Test
    void shouldRefuseTooManySortKeys() {
        List<String> sorts = IntStream.range(0, 20_000).mapToObj(i -> "details.K" + i + ":asc").toList();

        restRefused(http.postForm(SESSIONS, "sort=" + Http.encode(String.join(",", sorts))),
                "sort key count is 20000; at most 16 allowed (MaxSortKeys)");
        grpcRefused(() -> server.sessions().listSessions(ListSessionsRequest.newBuilder().addAllSorts(sorts).build()),
                "sort key count is 20000; at most 16 allowed (MaxSortKeys)");
    }

    @Test
    void shouldRefuseAPageSizeOverTheCap() {
        restRefused(http.get(SESSIONS + "?pageSize=2147483647"),
                "pageSize is 2147483647; at most 10000 allowed (MaxPageSize)");
        restRefused(http.postForm(SESSIONS, "pageSize=10001"), "pageSize is 10001; at most 10000 allowed (MaxPageSize)");
        grpcRefused(() -> server.sessions().listSessions(ListSessionsRequest.newBuilder().setPageSize(Integer.MAX_VALUE)
                .build()), "pageSize is 2147483647; at most 10000 allowed (MaxPageSize)");
        assertThat(Http.json(Http.ok(http.get(SESSIONS + "?pageSize=10000&pageIndex=2147483647"))).get("sessions"))
                .isEmpty();
    }

    @Test
    void shouldRefuseTooManyProperties() {
        String props = IntStream.range(0, 257).mapToObj(i -> "prop=extDetails.C" + i).collect(Collectors.joining("&"));

        restRefused(http.postForm(SESSIONS, props), "prop count is 257; at most 256 allowed (MaxProperties)");
        restRefused(http.get("/rta/v2/session-metamodel?" + props),
                "prop count is 257; at most 256 allowed (MaxProperties)");
    }

    // data

    @Test
    void shouldRefuseAChannelsExpressionWithTooManyTerms() {
        String channels = "1,".repeat(4_096) + "2";

        grpcRefused(() -> dataReader().readPeriodicDataStream(DataApi.channelRequest(EXISTING, channels, null, null))
                .hasNext(), "channels expression term count is 4097; at most 4096 allowed (MaxChannelsTerms)");
    }

    @Test
    void shouldRefuseALongFlushMarkerWithoutEchoingIt() {
        try (WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            writer.identity("hostile-marker").marker("m".repeat(16 * 1024 * 1024));

            Status status = writer.awaitFailure();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).isEqualTo("flush_marker length in UTF-8 bytes is 16777216; at most "
                    + "1024 allowed (MaxFlushMarkerLength)");
            assertThat(writer.echoed()).isEmpty();
        }
    }

    @Test
    void shouldRefuseARowWithMoreChannelsThanAllowed() {
        RowData.Builder row = RowData.newBuilder().setTimestamp(Telemetry.T0)
                .setBuffer(ByteString.copyFrom(new byte[4_097]));
        IntStream.range(0, 4_097).forEach(row::addChannelIds);
        try (WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            writer.identity("hostile-row").send(WriteDataStreamMessage.newBuilder().setRowData(row).build())
                    .marker("m");

            Status status = writer.awaitFailure();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription())
                    .isEqualTo("row_data.channel_ids count is 4097; at most 4096 allowed (MaxRowChannels)");
            assertThat(writer.echoed()).isEmpty();
        }
    }

    // WebSocket

    @Test
    void shouldStayUsableAfter3000QuickWideningsOnOneWebSocket() throws Exception {
        String identity = openSession();
        try (WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            writer.identity(identity).send(Telemetry.bursts(0, 4)).flush("before");
            try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), identity)) {
                socket.awaitItem(StreamData::hasSessionJson);
                for (int channel = 0x1000; channel < 0x1000 + 3_000; channel++) {
                    socket.subscribeChannels(channel);
                }
                socket.subscribeChannels(Telemetry.PERIODIC_FAST);
                writer.send(Telemetry.bursts(4, 8)).flush("after");

                await().atMost(WAIT).until(() -> periodicStarts(socket, Telemetry.PERIODIC_FAST).size() == 8
                        || socket.closeStatus() != null);
                assertThat(socket.closeStatus()).as("the connection").isNull();
                assertThat(periodicStarts(socket, Telemetry.PERIODIC_FAST)).as("back-filled, then live")
                        .hasSize(8);
                assertThat(socket.items(item -> item.hasPeriodicData()
                        && item.getPeriodicData().getChannelId() != Telemetry.PERIODIC_FAST)).isEmpty();
            }
        }
        assertThat(metric("rta_stream_widenings_coalesced_total")).isGreaterThan(0);
    }

    @Test
    void shouldCloseAWebSocketWhoseSubscriptionNamesTooManyChannels() throws Exception {
        String identity = openSession();
        try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), identity)) {
            socket.awaitItem(StreamData::hasSessionJson);
            socket.subscribeChannels(IntStream.rangeClosed(0, 65_536).toArray());

            assertThat(socket.awaitClose()).isEqualTo("1008 StreamSubscription data_channel_ids count is 65537; at "
                    + "most 65536 allowed (MaxSubscriptionChannels)");
        }
    }

    @Test
    void shouldAnswer400ForAnOverLongIdentityInTheStreamPath() throws Exception {
        RawHttp.Response response = RawHttp.get(server.httpPort(), "/rta/v2/sessions/" + IDENTITY_1025 + "/stream",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Protocol: " + LiveSocket.SUB_PROTOCOL);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.head()).as(response.body()).containsIgnoringCase("Content-Type: application/json");
        Expect.json(Expect.parse(response.body()), "{\"code\": 400, \"message\": \"identity: " + TOO_LONG_1025
                + "\"}");
    }

    // helpers

    private static void restRefused(HttpResponse<byte[]> response, String message) {
        assertThat(response.statusCode()).as("status of %s: %s", response.request().method(), Http.text(response))
                .isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(response)).isEqualTo(Expect.parse("{\"code\": 400, \"message\": "
                + com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(message) + "}"));
    }

    private static void grpcRefused(ThrowingCallable call, String description) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as("status of %s", e).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo(description);
        });
    }

    private DataReaderGrpc.DataReaderBlockingStub dataReader() {
        return DataReaderGrpc.newBlockingStub(server.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private String openSession() {
        String identity = "hostile-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(identity, "hostile " + identity, "2024-05-01T10:00:00Z",
                OPEN));
        return identity;
    }

    private double metric(String name) {
        String metrics = new String(Http.ok(http.get("/metrics")).body(), StandardCharsets.UTF_8);
        return metrics.lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("/metrics has no " + name));
    }

    private static Set<Long> periodicStarts(LiveSocket socket, int channel) {
        return socket.items(item -> item.hasPeriodicData() && item.getPeriodicData().getChannelId() == channel)
                .stream().map(StreamData::getPeriodicData).map(PeriodicData::getStartTimestamp)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String nested(int depth) {
        return "{\"$not\": ".repeat(depth) + "{}" + "}".repeat(depth);
    }

    private static String orBranches(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"details.Run\": " + i + "}")
                .collect(Collectors.joining(",", "{\"$or\": [", "]}"));
    }

    private static String inOperands(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "{\"details.Run\": {\"$in\": [", "]}}"));
    }
}
