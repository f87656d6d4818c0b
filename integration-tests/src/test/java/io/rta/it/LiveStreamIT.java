package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.setState;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.it.live.LiveSocket;
import io.rta.it.live.RawHttp;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Live streaming from Kafka, as ATLAS sees it: a real WebSocket client (JDK) against the all-in-one server while
 * telemetry is written through gRPC. Payloads are decoded by {@link io.rta.it.live.PickleDecoder}, written from the
 * framing description independently of the server's codec.
 */
class LiveStreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestServer server = TestServer.shared();

    @Test
    void plainHttpIsBadRequestAndMissingSubProtocolIsNotAcceptable() throws Exception {
        String path = "/rta/v2/sessions/" + openSession() + "/stream";

        RawHttp.Response plain = RawHttp.get(server.httpPort(), path);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).contains("WebSocket");

        RawHttp.Response noProtocol = RawHttp.get(server.httpPort(), path, "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
        assertThat(noProtocol.status()).isEqualTo(406);
        assertThat(noProtocol.body()).contains(LiveSocket.SUB_PROTOCOL);
    }

    @Test
    void unknownOrClosedSessionHandshakesThenClosesWithoutAMessage() throws Exception {
        try (LiveSocket unknown = LiveSocket.connect(server.baseUrl(), "no-such-session-" + UUID.randomUUID())) {
            assertThat(unknown.subprotocol()).isEqualTo(LiveSocket.SUB_PROTOCOL);
            assertThat(unknown.awaitClose()).startsWith("1000");
            assertThat(unknown.bursts()).isEmpty();
        }
        String closed = "live-closed-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(closed, "closed", "2024-05-01T10:00:00Z", CLOSED));
        try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), closed)) {
            assertThat(socket.awaitClose()).startsWith("1000");
            assertThat(socket.bursts()).isEmpty();
        }
    }

    @Test
    void firstMessageIsTheSessionJsonAloneThenTimeRangesButNoDataUntilSubscribed() throws Exception {
        String identity = openSession();
        try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), identity);
             WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            await().atMost(WAIT).until(() -> !socket.bursts().isEmpty());
            List<StreamData> first = socket.bursts().get(0).getDataList();
            assertThat(first).hasSize(1);
            JsonNode session = JSON.readTree(first.get(0).getSessionJson());
            assertThat(session.path("identity").asText()).isEqualTo(identity);
            assertThat(session.path("state").asText()).isEqualTo("open");
            assertThat(session.has("extDetails")).as("extDetails are left to the REST model").isFalse();

            writer.identity(identity).send(Telemetry.bursts(0, 2)).flush("written");
            StreamData range = socket.awaitItem(StreamData::hasTimeRange);
            assertThat(range.getTimeRange().getEndTime())
                    .isGreaterThanOrEqualTo(Telemetry.T0 + Telemetry.BURST);
            assertThat(socket.items(LiveStreamIT::isDataOrEvent)).as("nothing subscribed yet").isEmpty();
        }
    }

    @Test
    void subscriptionsWidenBackFillWhatCameBeforeAndFollowTheLiveEdgeWithoutGaps() throws Exception {
        String identity = openSession();
        try (WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            writer.identity(identity).send(Telemetry.bursts(0, 4)).flush("before");
            try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), identity)) {
                socket.awaitItem(StreamData::hasSessionJson);
                socket.subscribeChannels(Telemetry.PERIODIC_FAST);
                writer.send(Telemetry.bursts(4, 8)).flush("after");

                await().atMost(WAIT).until(() -> periodicStarts(socket, Telemetry.PERIODIC_FAST).size() == 8);
                assertThat(periodicStarts(socket, Telemetry.PERIODIC_FAST)).as("every burst, back-filled or live")
                        .isEqualTo(expectedStarts(0, 8));
                assertThat(socket.items(item -> item.hasPeriodicData()
                        && item.getPeriodicData().getChannelId() != Telemetry.PERIODIC_FAST)).isEmpty();
                assertThat(socket.items(StreamData::hasEvent)).isEmpty();

                socket.subscribe(StreamSubscription.newBuilder().setAllEvents(true).build());
                await().atMost(WAIT).until(() -> eventTimes(socket).size() == 16);
                writer.send(Telemetry.burst(8)).flush("events");
                await().atMost(WAIT).until(() -> eventTimes(socket).size() == 18);

                socket.subscribe(StreamSubscription.newBuilder().setAllDataChannels(true).build());
                await().atMost(WAIT).until(() -> periodicStarts(socket, Telemetry.PERIODIC_SLOW).size() == 9);
                assertThat(socket.items(StreamData::hasRowData)).isNotEmpty();
                assertThat(socket.items(StreamData::hasTimestampedData)).isNotEmpty();
            }
        }
    }

    @Test
    void closingTheSessionSendsTheFinalJsonThenClosesNormally() throws Exception {
        String identity = openSession();
        try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), identity)) {
            socket.awaitItem(StreamData::hasSessionJson);
            server.sessions().createOrUpdateSession(update(identity, setState(CLOSED)));
            assertThat(socket.awaitClose()).startsWith("1000");
            List<StreamData> json = socket.items(StreamData::hasSessionJson);
            assertThat(JSON.readTree(json.get(json.size() - 1).getSessionJson()).path("state").asText())
                    .isEqualTo("closed");
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWhileAnotherOnTheSameSessionGetsEverything() throws Exception {
        String identity = openSession();
        int bursts = 300;
        double slowBefore = slowClientsClosed();
        try (LiveSocket slow = LiveSocket.connectNotReading(server.baseUrl(), identity);
             LiveSocket fast = LiveSocket.connect(server.baseUrl(), identity);
             WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            fast.awaitItem(StreamData::hasSessionJson);
            StreamSubscription all = StreamSubscription.newBuilder().setAllDataChannels(true).build();
            slow.subscribe(all);
            fast.subscribe(all);
            writer.identity(identity);
            // 10,000 random 8-byte samples: 80 KB each, 24 MB in all, far above the client buffer. Written at the
            // reading client's pace (what a live pipeline does), so only the client that stops reading falls behind.
            for (int k = 0; k < bursts; k += 10) {
                List<WriteDataStreamMessage> big = new ArrayList<>();
                for (int i = k; i < k + 10; i++) {
                    big.add(Telemetry.periodic(0x77, Telemetry.T0 + i * 10_000_000_000L, 1_000_000L, 10_000, 8, i));
                }
                writer.send(big).flush("big-" + k);
                int received = k + 10;
                await().atMost(WAIT).until(() -> periodicStarts(fast, 0x77).size() >= received
                        || fast.closeStatus() != null);
                assertThat(fast.closeStatus()).as("the reading client").isNull();
            }
            assertThat(periodicStarts(fast, 0x77)).hasSize(bursts);
            assertThat(fast.closeStatus()).isNull();
            await().atMost(WAIT).until(() -> slowClientsClosed() > slowBefore);
            // what the slow client had in its socket buffers, then the close frame with the reason
            slow.resumeReading();
            assertThat(slow.awaitClose()).startsWith("1008").contains("cannot keep up");
        }
    }

    @Test
    void aTextFrameOrAnUndecodableRequestClosesWithAReason() throws Exception {
        String identity = openSession();
        try (LiveSocket text = LiveSocket.connect(server.baseUrl(), identity)) {
            text.awaitItem(StreamData::hasSessionJson);
            text.sendText("subscribe please");
            assertThat(text.awaitClose()).startsWith("1003");
        }
        try (LiveSocket garbage = LiveSocket.connect(server.baseUrl(), identity)) {
            garbage.awaitItem(StreamData::hasSessionJson);
            garbage.sendBinary(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            assertThat(garbage.awaitClose()).startsWith("1007");
        }
        // a frame larger than any subscription of MaxSubscriptionChannels ids needs is refused before it is parsed
        try (LiveSocket huge = LiveSocket.connect(server.baseUrl(), identity)) {
            huge.awaitItem(StreamData::hasSessionJson);
            huge.sendBinary(new byte[6 * 65_536 + 64 * 1024 + 1]);
            assertThat(huge.awaitClose()).startsWith("1009");
        }
    }

    private double slowClientsClosed() {
        String metrics = new String(Http.ok(server.http().get("/metrics")).body(), StandardCharsets.UTF_8);
        return metrics.lines().filter(line -> line.startsWith("rta_stream_slow_clients_closed_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("/metrics has no rta_stream_slow_clients_closed_total"));
    }

    private String openSession() {
        String identity = "live-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(identity, "live " + identity, "2024-05-01T10:00:00+01:00",
                OPEN));
        return identity;
    }

    private static boolean isDataOrEvent(StreamData item) {
        return item.hasPeriodicData() || item.hasTimestampedData() || item.hasRowData() || item.hasEvent();
    }

    private static Set<Long> periodicStarts(LiveSocket socket, int channel) {
        return socket.items(item -> item.hasPeriodicData() && item.getPeriodicData().getChannelId() == channel)
                .stream().map(StreamData::getPeriodicData).map(PeriodicData::getStartTimestamp)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> eventTimes(LiveSocket socket) {
        return socket.items(StreamData::hasEvent).stream().map(item -> item.getEvent().getTimestamp())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> expectedStarts(int from, int to) {
        Set<Long> starts = new TreeSet<>();
        for (int k = from; k < to; k++) {
            starts.add(Telemetry.T0 + k * Telemetry.BURST);
        }
        return starts;
    }
}
