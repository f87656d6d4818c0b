package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.rta.it.live.LiveSocket;
import io.rta.it.live.RawHttp;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.stream.StreamServer;
import io.rta.stream.redis.RedisServerProcess;
import io.rta.stream.redis.RedisTestPublisher;
import io.rta.stream.redis.RedisTestPublisher.Layout;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live streaming from Redis, as ATLAS sees it: a real {@code redis-server} fed by a publisher written from
 * {@code redis.md} ({@link RedisTestPublisher}, in either layout of the session descriptions), the standalone stream
 * service ({@link StreamServer}, {@code ./rta stream-service}) reading it, and a real WebSocket client
 * ({@link LiveSocket}) whose payloads are decoded independently of the service's codec.
 */
class LiveRedisIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long BURST = 500_000_000L;
    private static final int FAST = 0x10;
    private static final int SLOW = 0x11;
    private static final int BIG = 0x77;

    private static RedisServerProcess redis;
    private static StreamServer service;

    private final String stream = "car-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        service = startService(redis);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The stream service on a free port, streaming from {@code redis}, closing clients 4 MiB behind. */
    private static StreamServer startService(RedisServerProcess redis) throws Exception {
        return StreamServer.start(StreamServer.load(new String[] {
            "--HttpPort", Integer.toString(TestServer.freePort()),
            "--RedisConnectionString", redis.connectionString(),
            "--ClientBufferSize", Integer.toString(4 * 1024 * 1024)}));
    }

    @Test
    void plainHttpIsBadRequestAndMissingSubProtocolIsNotAcceptable() throws Exception {
        String path = "/rta/v2/sessions/" + UUID.randomUUID() + "/stream";

        RawHttp.Response plain = RawHttp.get(service.httpPort(), path);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).contains("WebSocket");

        RawHttp.Response noProtocol = RawHttp.get(service.httpPort(), path, "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
        assertThat(noProtocol.status()).isEqualTo(406);
        assertThat(noProtocol.body()).contains(LiveSocket.SUB_PROTOCOL);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void unknownOrClosedSessionHandshakesThenClosesWithoutAMessage(Layout layout) throws Exception {
        try (LiveSocket unknown = LiveSocket.connect(baseUrl(), "no-such-session-" + UUID.randomUUID())) {
            assertThat(unknown.subprotocol()).isEqualTo(LiveSocket.SUB_PROTOCOL);
            assertThat(unknown.awaitClose()).isEqualTo("1000 session not found");
            assertThat(unknown.bursts()).isEmpty();
        }
        String closed = "redis-closed-" + UUID.randomUUID();
        try (RedisTestPublisher publisher = publisher(layout)) {
            publisher.open(closed, stream, sessionJson(closed, "closed"));
            try (LiveSocket socket = LiveSocket.connect(baseUrl(), closed)) {
                assertThat(socket.awaitClose()).isEqualTo("1000 session is closed, not open");
                assertThat(socket.bursts()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void firstMessageIsTheSessionJsonAloneThenTimeRangesButNoDataUntilSubscribed(Layout layout) throws Exception {
        String identity = "redis-" + UUID.randomUUID();
        String json = sessionJson(identity, "open");
        try (RedisTestPublisher publisher = publisher(layout)) {
            RedisTestPublisher.Session session = publisher.open(identity, stream, json);
            session.publishTimeRange(T0, T0 + BURST);
            try (LiveSocket socket = LiveSocket.connect(baseUrl(), identity)) {
                await().atMost(WAIT).until(() -> !socket.bursts().isEmpty());
                List<StreamData> first = socket.bursts().get(0).getDataList();
                assertThat(first).hasSize(1);
                assertThat(first.get(0).getSessionJson()).as("the json of the session's description").isEqualTo(json);
                socket.awaitItem(item -> item.hasTimeRange() && item.getTimeRange().getEndTime() == T0 + BURST);

                session.publish(burst(0));
                session.publishTimeRange(T0, T0 + 2 * BURST);
                socket.awaitItem(item -> item.hasTimeRange() && item.getTimeRange().getEndTime() == T0 + 2 * BURST);
                assertThat(socket.items(LiveRedisIT::isDataOrEvent)).as("nothing subscribed yet").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void subscriptionsWidenBackFillFromTheSessionStartAndFollowTheLiveEdgeWithoutGaps(Layout layout)
            throws Exception {
        String identity = "redis-" + UUID.randomUUID();
        String other = "redis-other-" + UUID.randomUUID();
        try (RedisTestPublisher publisher = publisher(layout)) {
            // the stream already carries another session: streamPosition lets the back-fill skip what came before
            RedisTestPublisher.Session otherSession = publisher.open(other, stream, sessionJson(other, "open"));
            otherSession.publish(burst(-1));
            RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
            for (int k = 0; k < 50; k++) {
                session.publish(burst(k));
                otherSession.publish(burst(1000 + k));
            }
            try (LiveSocket socket = LiveSocket.connect(baseUrl(), identity)) {
                socket.awaitItem(StreamData::hasSessionJson);
                // publishing goes on while the client subscribes and is back-filled
                CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
                    for (int k = 50; k < 150; k++) {
                        session.publish(burst(k));
                        otherSession.publish(burst(1000 + k));
                    }
                });
                socket.subscribeChannels(FAST);
                live.join();

                await().atMost(WAIT).until(() -> periodicStarts(socket, FAST).size() >= 150);
                assertThat(periodicStarts(socket, FAST)).as("every burst, back-filled or live, of this session only")
                        .isEqualTo(starts(0, 150));
                assertThat(socket.items(item -> item.hasPeriodicData()
                        && item.getPeriodicData().getChannelId() != FAST)).isEmpty();
                assertThat(socket.items(StreamData::hasEvent)).isEmpty();

                socket.subscribe(StreamSubscription.newBuilder().setAllEvents(true).build());
                await().atMost(WAIT).until(() -> eventTimes(socket).size() >= 150);
                session.publish(burst(150));
                await().atMost(WAIT).until(() -> eventTimes(socket).size() >= 151);
                assertThat(eventTimes(socket)).isEqualTo(starts(0, 151));

                socket.subscribe(StreamSubscription.newBuilder().setAllDataChannels(true).build());
                await().atMost(WAIT).until(() -> periodicStarts(socket, SLOW).size() >= 151);
                assertThat(periodicStarts(socket, SLOW)).isEqualTo(starts(0, 151));
                assertThat(periodicStarts(socket, FAST)).isEqualTo(starts(0, 151));
                assertThat(socket.closeStatus()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void closingTheSessionSendsTheFinalJsonThenClosesNormally(Layout layout) throws Exception {
        String identity = "redis-" + UUID.randomUUID();
        try (RedisTestPublisher publisher = publisher(layout)) {
            RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
            try (LiveSocket socket = LiveSocket.connect(baseUrl(), identity)) {
                socket.awaitItem(StreamData::hasSessionJson);
                session.publishJson(sessionJson(identity, "closed"));

                assertThat(socket.awaitClose()).isEqualTo("1000 session closed");
                List<StreamData> json = socket.items(StreamData::hasSessionJson);
                assertThat(json).hasSize(2);
                assertThat(JSON.readTree(json.get(1).getSessionJson()).path("state").asText()).isEqualTo("closed");
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWhileAnotherOnTheSameSessionGetsEverything() throws Exception {
        String identity = "redis-" + UUID.randomUUID();
        int bursts = 300;
        double slowBefore = slowClientsClosed();
        try (RedisTestPublisher publisher = publisher(Layout.JSON_IN_SESSIONS_HASH)) {
            RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
            try (LiveSocket slow = LiveSocket.connectNotReading(baseUrl(), identity);
                 LiveSocket fast = LiveSocket.connect(baseUrl(), identity)) {
                fast.awaitItem(StreamData::hasSessionJson);
                StreamSubscription all = StreamSubscription.newBuilder().setAllDataChannels(true).build();
                slow.subscribe(all);
                fast.subscribe(all);
                for (int k = 0; k < bursts; k++) {
                    // 10,000 random 8-byte samples: 80 KB a message, 24 MB in all, far above the client buffer
                    session.publish(bigPeriodic(k));
                    if (k % 10 == 9) {
                        // at the pace of the reading client: Redis alone would hand out 24 MB at once
                        int published = k + 1;
                        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() ->
                                periodicStarts(fast, BIG).size() == published || fast.closeStatus() != null);
                        assertThat(fast.closeStatus()).as("the reading client is not closed").isNull();
                    }
                }

                assertThat(periodicStarts(fast, BIG)).hasSize(bursts);
                await().atMost(WAIT).until(() -> slowClientsClosed() > slowBefore);
                // what the slow client had in its socket buffers, then the close frame with the reason
                slow.resumeReading();
                assertThat(slow.awaitClose()).startsWith("1008").contains("cannot keep up");
            }
        }
    }

    @Test
    void healthFollowsRedisDownAndBackUp() throws Exception {
        try (RedisServerProcess ownRedis = RedisServerProcess.start();
             StreamServer ownService = startService(ownRedis)) {
            String ownUrl = "http://127.0.0.1:" + ownService.httpPort();
            Http http = new Http(ownUrl);
            assertThat(http.get("/health").statusCode()).isEqualTo(200);

            ownRedis.stop();
            await().atMost(WAIT).until(() -> http.get("/health").statusCode() == 503);
            JsonNode liveSource = Http.json(http.get("/health")).path("checks").path("live-source");
            assertThat(liveSource.path("healthy").asBoolean()).isFalse();
            assertThat(liveSource.path("message").asText()).contains("Redis").contains("unreachable");
            try (LiveSocket socket = LiveSocket.connect(ownUrl, "redis-" + UUID.randomUUID())) {
                assertThat(socket.awaitClose()).isEqualTo("1000 live source unavailable: Redis unreachable");
                assertThat(socket.bursts()).isEmpty();
            }

            ownRedis.startAgain();
            await().atMost(WAIT).until(() -> http.get("/health").statusCode() == 200);
        }
    }

    @Test
    void theRootListsTheStreamFeature() {
        JsonNode root = new Http(baseUrl()).getJson("/");
        assertThat(root.path("name").asText()).isEqualTo("rta-stream-service");
        assertThat(root.path("features")).extracting(JsonNode::asText).containsExactly("stream");
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + service.httpPort();
    }

    private static RedisTestPublisher publisher(Layout layout) {
        return new RedisTestPublisher("127.0.0.1", redis.port(), layout);
    }

    private static String sessionJson(String identity, String state) {
        return JSON.createObjectNode().put("identity", identity).put("identifier", "redis " + identity)
                .put("state", state).put("timestamp", "2024-05-01T10:00:00+01:00")
                .set("timeRange", JSON.createObjectNode().put("startTime", T0).put("endTime", T0)).toString();
    }

    /** Burst {@code k}: half a second of channels FAST and SLOW and an event at its start. */
    private static StreamData[] burst(int k) {
        long start = T0 + k * BURST;
        return new StreamData[] {periodic(FAST, start, 500, k), periodic(SLOW, start, 250, k),
            StreamData.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(1).setAppName("it")
                    .setTimestamp(start).setStatusText("event " + k)).build()};
    }

    private static StreamData bigPeriodic(int k) {
        return periodic(BIG, T0 + k * 10_000_000_000L, 10_000, k);
    }

    private static StreamData periodic(int channel, long start, int samples, int seed) {
        byte[] buffer = new byte[samples * 8];
        new SplittableRandom(channel * 1_000_003L + seed).nextBytes(buffer);
        return StreamData.newBuilder().setPeriodicData(PeriodicData.newBuilder().setChannelId(channel)
                .setStartTimestamp(start).setInterval(BURST / samples).setSamples(samples)
                .setBuffer(ByteString.copyFrom(buffer))).build();
    }

    private double slowClientsClosed() {
        String metrics = Http.text(Http.ok(new Http(baseUrl()).get("/metrics")));
        return metrics.lines().filter(line -> line.startsWith("rta_stream_slow_clients_closed_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("/metrics has no rta_stream_slow_clients_closed_total"));
    }

    private static boolean isDataOrEvent(StreamData item) {
        return item.hasPeriodicData() || item.hasTimestampedData() || item.hasRowData() || item.hasEvent();
    }

    private static Set<Long> periodicStarts(LiveSocket socket, int channel) {
        return socket.items(item -> item.hasPeriodicData() && item.getPeriodicData().getChannelId() == channel)
                .stream().map(item -> item.getPeriodicData().getStartTimestamp())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> eventTimes(LiveSocket socket) {
        return socket.items(StreamData::hasEvent).stream().map(item -> item.getEvent().getTimestamp())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> starts(int from, int to) {
        Set<Long> starts = new TreeSet<>();
        for (int k = from; k < to; k++) {
            starts.add(T0 + k * BURST);
        }
        return starts;
    }
}
