package io.rta.stream.ws;

import static io.rta.stream.LiveItems.event;
import static io.rta.stream.LiveItems.periodic;
import static io.rta.stream.LiveItems.row;
import static io.rta.stream.LiveItems.timestampOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rta.service.metrics.ProcessMetrics;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.service.http.HttpServer;
import io.rta.service.http.ServiceInfo;
import io.rta.stream.LiveItems;
import io.rta.stream.live.LiveData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stream endpoint over real sockets: Dropwizard's Jetty on one side, JDK and raw-socket clients on the other. */
class StreamWebSocketTest {

    private static final int CLIENT_BUFFER_BYTES = 256 * 1024;
    private static final StreamSubscription CHANNEL_1 = StreamSubscription.newBuilder().addDataChannelIds(1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TestLiveSource SOURCE = new TestLiveSource();
    private static final ProcessMetrics PROCESS = ProcessMetrics.bare();
    private static final io.micrometer.core.instrument.MeterRegistry METRICS = PROCESS.registry();
    private static HttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        StreamSettings settings = new StreamSettings(CLIENT_BUFFER_BYTES, 64 * 1024, Duration.ofSeconds(1));
        server = HttpServer.start(new ServiceInfo("rta-stream-test", "dev", List.of("stream"), "test", "test", false),
                0, "text", PROCESS, new HealthCheckRegistry(), jersey -> { },
                environment -> StreamWebSockets.install(environment, SOURCE, settings, METRICS));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void shouldServeTheStreamMetersUnderTheirPrometheusNames() {
        assertThat(PROCESS.scrape()).contains("rta_stream_connections_open ", "rta_stream_bytes_behind ",
                "rta_stream_bursts_sent_total ", "rta_stream_bytes_sent_total ", "rta_stream_slow_clients_closed_total ",
                "rta_stream_widenings_coalesced_total ", "rta_stream_limit_closed_total ");
    }

    @Test
    void shouldAnswer400WithAJsonErrorToARequestThatIsNotAnUpgrade() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), 64 * 1024)) {
            RawClient.Response response = client.get("/rta/v2/sessions/s1/stream");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.headers().get("content-type")).startsWith("application/json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("code").asInt()).isEqualTo(400);
            assertThat(body.get("message").asText()).contains("WebSocket", "Upgrade: websocket");
        }
    }

    @Test
    void shouldAnswer406WithAJsonErrorToAnUpgradeWithoutTheSubProtocol() throws Exception {
        for (String protocolHeader : List.of("X-No-Protocol: 1", "Sec-WebSocket-Protocol: chat, superchat")) {
            try (RawClient client = RawClient.connect(server.port(), 64 * 1024)) {
                RawClient.Response response = client.get("/rta/v2/sessions/s1/stream", "Upgrade: websocket",
                        "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                        "Sec-WebSocket-Version: 13", protocolHeader);

                assertThat(response.status()).isEqualTo(406);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.get("code").asInt()).isEqualTo(406);
                assertThat(body.get("message").asText()).contains(StreamUpgradeFilter.SUB_PROTOCOL);
            }
        }
    }

    @Test
    void shouldCompleteTheHandshakeThenCloseNormallyWithoutAMessageWhenThereIsNoSession() throws Exception {
        StreamClient client = StreamClient.connect(server.port(), "no-such-session");

        List<StreamClient.Closed> close = new ArrayList<>();
        assertThat(client.untilClose(close)).isEmpty();
        assertThat(close).containsExactly(new StreamClient.Closed(StatusCode.NORMAL,
                "session no-such-session is not open"));
    }

    @Test
    void shouldSendOnlyTheSessionJsonFirst() throws Exception {
        SOURCE.openBusy("first", "{\"identity\":\"first\"}", 5, 6);
        StreamClient client = StreamClient.connect(server.port(), "first");

        List<StreamData> first = client.nextBurst();

        assertThat(first).hasSize(1);
        assertThat(first.get(0).getSessionJson()).isEqualTo("{\"identity\":\"first\"}");
        assertThat(client.nextBurst()).extracting(StreamData::getDataCase)
                .containsExactly(StreamData.DataCase.TIME_RANGE);
        client.abort();
    }

    @Test
    void shouldSendTimeRangesAndNoDataUntilTheClientSubscribes() throws Exception {
        SOURCE.open("live", "{\"identity\":\"live\"}");
        StreamClient client = StreamClient.connect(server.port(), "live");
        client.nextBurst();

        SOURCE.publish("live", periodic(1, 100));
        SOURCE.timeRange("live", 10, 20);
        List<StreamData> beforeSubscribing = client.nextBurst();
        assertThat(beforeSubscribing).extracting(StreamData::getDataCase).containsExactly(StreamData.DataCase.TIME_RANGE);
        assertThat(beforeSubscribing.get(0).getTimeRange().getStartTime()).isEqualTo(10);
        assertThat(beforeSubscribing.get(0).getTimeRange().getEndTime()).isEqualTo(20);

        client.subscribe(CHANNEL_1);
        await().until(() -> SOURCE.backfillRequests("live").size() == 1);
        SOURCE.publish("live", periodic(1, 200));
        SOURCE.publish("live", periodic(2, 300));
        SOURCE.publish("live", event(400));
        SOURCE.publish("live", periodic(1, 500));

        assertThat(dataTimestamps(client, 2)).containsExactly(200L, 500L);
        client.abort();
    }

    @Test
    void shouldBackfillOnlyWhatEachWideningAdded() throws Exception {
        SOURCE.open("widen", "{\"identity\":\"widen\"}");
        SOURCE.retain("widen", periodic(1, 1));
        SOURCE.retain("widen", periodic(2, 2));
        SOURCE.retain("widen", event(3));
        SOURCE.retain("widen", row(4, 1, 2));
        StreamClient client = StreamClient.connect(server.port(), "widen");
        client.nextBurst();

        client.subscribe(CHANNEL_1);
        assertThat(dataTimestamps(client, 2)).containsExactlyInAnyOrder(1L, 4L);

        client.subscribe(StreamSubscription.newBuilder().addDataChannelIds(1).addDataChannelIds(2).setAllEvents(true)
                .build());
        await().until(() -> SOURCE.backfillRequests("widen").size() == 2);
        SOURCE.publish("widen", periodic(2, 10));
        assertThat(dataTimestamps(client, 3)).containsExactlyInAnyOrder(2L, 3L, 10L);
        SOURCE.publish("widen", periodic(1, 11));
        assertThat(dataTimestamps(client, 1)).containsExactly(11L);

        Predicate<LiveData> secondWanted = SOURCE.backfillRequests("widen").get(1);
        assertThat(secondWanted.test(row(4, 1, 2))).isFalse();
        assertThat(secondWanted.test(periodic(1, 1))).isFalse();
        client.abort();
    }

    @Test
    void shouldSendAnItemLargerThanABurstAloneAndTheRestAroundIt() throws Exception {
        SOURCE.open("large", "{}");
        StreamClient client = StreamClient.connect(server.port(), "large");
        client.nextBurst();
        client.subscribe(CHANNEL_1);
        await().until(() -> SOURCE.backfillRequests("large").size() == 1);

        SOURCE.publish("large", periodic(1, 1));
        SOURCE.publish("large", periodic(1, 2, new byte[100 * 1024]));
        SOURCE.publish("large", periodic(1, 3));

        List<List<StreamData>> bursts = new ArrayList<>();
        int entries = 0;
        while (entries < 3) {
            List<StreamData> burst = client.nextBurst();
            bursts.add(burst);
            entries += burst.size();
        }
        assertThat(bursts.stream().flatMap(List::stream).map(LiveItems::timestampOf)).containsExactly(1L, 2L, 3L);
        assertThat(bursts).filteredOn(burst -> burst.stream().anyMatch(data -> timestampOf(data) == 2))
                .singleElement().satisfies(burst -> assertThat(burst).hasSize(1));
        client.abort();
    }

    @Test
    void shouldSendTheFinalJsonThenCloseNormallyWhenTheSessionEnds() throws Exception {
        SOURCE.open("ending", "{\"identity\":\"ending\",\"state\":\"open\"}");
        StreamClient client = StreamClient.connect(server.port(), "ending");
        client.nextBurst();
        client.subscribe(CHANNEL_1);
        await().until(() -> SOURCE.backfillRequests("ending").size() == 1);

        SOURCE.publish("ending", periodic(1, 100));
        SOURCE.close("ending", "{\"identity\":\"ending\",\"state\":\"closed\"}", "session closed");

        List<StreamClient.Closed> close = new ArrayList<>();
        List<StreamData> last = client.untilClose(close);
        assertThat(last).extracting(StreamData::getDataCase).containsExactly(StreamData.DataCase.PERIODIC_DATA,
                StreamData.DataCase.SESSION_JSON);
        assertThat(last.get(1).getSessionJson()).isEqualTo("{\"identity\":\"ending\",\"state\":\"closed\"}");
        assertThat(close).containsExactly(new StreamClient.Closed(StatusCode.NORMAL, "session closed"));
    }

    @Test
    void shouldCloseWith1003OnATextMessageAndDetach() throws Exception {
        SOURCE.open("text", "{}");
        long openBefore = (long) METRICS.get(StreamMetrics.OPEN_CONNECTIONS).gauge().value();
        StreamClient client = StreamClient.connect(server.port(), "text");
        client.nextBurst();
        assertThat(SOURCE.listeners("text")).isEqualTo(1);
        assertThat((long) METRICS.get(StreamMetrics.OPEN_CONNECTIONS).gauge().value()).isEqualTo(openBefore + 1);

        client.sendText("{\"subscribe\":{}}");

        List<StreamClient.Closed> close = new ArrayList<>();
        client.untilClose(close);
        assertThat(close.get(0).code()).isEqualTo(StatusCode.BAD_DATA);
        await().until(() -> SOURCE.listeners("text") == 0);
        await().until(() -> (long) METRICS.get(StreamMetrics.OPEN_CONNECTIONS).gauge().value() == openBefore);
    }

    @Test
    void shouldCloseWith1007NamingTheProblemOnAnUnreadableRequest() throws Exception {
        SOURCE.open("garbage", "{}");
        StreamClient client = StreamClient.connect(server.port(), "garbage");
        client.nextBurst();

        client.send(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        List<StreamClient.Closed> close = new ArrayList<>();
        client.untilClose(close);
        assertThat(close.get(0).code()).isEqualTo(StatusCode.BAD_PAYLOAD);
        assertThat(close.get(0).reason()).startsWith("StreamRequest of 3 bytes is not a valid protobuf message");
        await().until(() -> SOURCE.listeners("garbage") == 0);
    }

    @Test
    void shouldCloseASlowClientWith1008WhileAnotherClientOfTheSessionReceivesEverything() throws Exception {
        SOURCE.open("slow", "{}");
        StreamClient reader = StreamClient.connect(server.port(), "slow");
        reader.nextBurst();
        reader.subscribe(CHANNEL_1);
        try (RawClient stalled = RawClient.connect(server.port(), 4096)) {
            assertThat(stalled.upgrade("slow").status()).isEqualTo(101);
            stalled.sendBinary(io.rta.proto.model.net.stream.StreamRequest.newBuilder().setSubscribe(CHANNEL_1)
                    .build().toByteArray());
            await().until(() -> SOURCE.backfillRequests("slow").size() == 2);

            long slowBefore = (long) METRICS.get(StreamMetrics.SLOW_CLIENTS_CLOSED).counter().count();
            Random random = new Random(7);
            List<Long> received = new ArrayList<>();
            long published = 0;
            while ((long) METRICS.get(StreamMetrics.SLOW_CLIENTS_CLOSED).counter().count() == slowBefore) {
                byte[] incompressible = new byte[32 * 1024];
                random.nextBytes(incompressible);
                SOURCE.publish("slow", periodic(1, ++published, incompressible));
                // Paced by the reader, which must never fall behind far enough to be closed itself.
                received.addAll(dataTimestamps(reader, 1));
                assertThat(published).as("bytes sent to a client that does not read").isLessThan(4096);
            }
            SOURCE.publish("slow", periodic(1, ++published));
            received.addAll(dataTimestamps(reader, 1));

            assertThat(received).containsExactlyElementsOf(Stream.iterate(1L, n -> n + 1).limit(published).toList());
            await().until(() -> SOURCE.listeners("slow") == 1);
            RawClient.Frame close = firstCloseFrame(stalled);
            assertThat(close.closeCode()).isEqualTo(StatusCode.POLICY_VIOLATION);
            assertThat(close.closeReason()).startsWith("client cannot keep up: ").endsWith("(limit 262144)");
        }
        assertThat(reader.hasMessage()).isFalse();
        reader.abort();
    }

    @Test
    void shouldPingIdleConnections() throws Exception {
        SOURCE.open("quiet", "{}");
        StreamClient client = StreamClient.connect(server.port(), "quiet");
        client.nextBurst();

        await().atMost(Duration.ofSeconds(5)).until(() -> client.pings() >= 2);
        assertThat(client.hasMessage()).isFalse();
        client.abort();
    }

    @Test
    void shouldCountBurstsAndBytesSent() throws Exception {
        long bursts = (long) METRICS.get(StreamMetrics.BURSTS_SENT).counter().count();
        long bytes = (long) METRICS.get(StreamMetrics.BYTES_SENT).counter().count();
        SOURCE.open("counted", "{}");
        StreamClient client = StreamClient.connect(server.port(), "counted");
        client.nextBurst();

        await().until(() -> (long) METRICS.get(StreamMetrics.BURSTS_SENT).counter().count() > bursts);
        assertThat((long) METRICS.get(StreamMetrics.BYTES_SENT).counter().count()).isGreaterThan(bytes);
        client.abort();
    }

    @Test
    void shouldMergeQuickWideningsIntoTheOneBackfillWaitingAndStayUsable() throws Exception {
        SOURCE.open("many", "{}");
        SOURCE.retain("many", periodic(1, 1));
        SOURCE.retain("many", periodic(2_999, 2));
        SOURCE.retain("many", periodic(5_000, 3));
        java.util.concurrent.CountDownLatch slowSource = new java.util.concurrent.CountDownLatch(1);
        SOURCE.gateBackfills("many", slowSource);
        long coalesced = (long) METRICS.get(StreamMetrics.WIDENINGS_COALESCED).counter().count();
        StreamClient client = StreamClient.connect(server.port(), "many");
        client.nextBurst();

        client.subscribe(CHANNEL_1);
        await().until(() -> SOURCE.backfillRequests("many").size() == 1);
        for (int channel = 2; channel <= 3_000; channel++) {
            client.subscribe(StreamSubscription.newBuilder().addDataChannelIds(channel).build());
        }
        await().until(() -> (long) METRICS.get(StreamMetrics.WIDENINGS_COALESCED).counter().count() == coalesced + 2_998);
        slowSource.countDown();

        assertThat(dataTimestamps(client, 2)).containsExactly(1L, 2L);
        assertThat(SOURCE.backfillRequests("many")).as("one back-fill running, one for the 2,999 widenings after it")
                .hasSize(2);
        Predicate<LiveData> merged = SOURCE.backfillRequests("many").get(1);
        assertThat(java.util.stream.IntStream.rangeClosed(2, 3_000)).allMatch(channel ->
                merged.test(periodic(channel, 0)));
        assertThat(merged.test(periodic(1, 0))).isFalse();
        assertThat(merged.test(periodic(3_001, 0))).isFalse();
        SOURCE.publish("many", periodic(3_000, 4));
        SOURCE.publish("many", periodic(3_001, 5));
        SOURCE.publish("many", periodic(1_500, 6));
        assertThat(dataTimestamps(client, 2)).containsExactly(4L, 6L);
        client.abort();
    }

    @Test
    void shouldCloseWith1008NamingTheLimitWhenARequestNamesTooManyChannels() throws Exception {
        SOURCE.open("wide", "{}");
        StreamClient client = StreamClient.connect(server.port(), "wide");
        client.nextBurst();
        StreamSubscription.Builder request = StreamSubscription.newBuilder();
        for (int channel = 0; channel <= 65_536; channel++) {
            request.addDataChannelIds(channel);
        }

        client.subscribe(request.build());

        List<StreamClient.Closed> close = new ArrayList<>();
        client.untilClose(close);
        assertThat(close).containsExactly(new StreamClient.Closed(StatusCode.POLICY_VIOLATION,
                "StreamSubscription data_channel_ids count is 65537; at most 65536 allowed (MaxSubscriptionChannels)"));
        await().until(() -> SOURCE.listeners("wide") == 0);
    }

    @Test
    void shouldCloseWith1008WhenWideningsTogetherPassTheChannelLimit() throws Exception {
        SOURCE.open("wider", "{}");
        StreamClient client = StreamClient.connect(server.port(), "wider");
        client.nextBurst();
        for (int block = 0; block < 2; block++) {
            StreamSubscription.Builder request = StreamSubscription.newBuilder();
            for (int channel = 0; channel < 40_000; channel++) {
                request.addDataChannelIds(block * 40_000 + channel);
            }
            client.subscribe(request.build());
        }

        List<StreamClient.Closed> close = new ArrayList<>();
        client.untilClose(close);
        assertThat(close).containsExactly(new StreamClient.Closed(StatusCode.POLICY_VIOLATION,
                "subscribed channel count is 80000; at most 65536 allowed (MaxSubscriptionChannels)"));
    }

    @Test
    void shouldAnswer400WithAJsonErrorForAnIdentityBreakingTheRules() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), 64 * 1024)) {
            RawClient.Response response = client.upgrade("s".repeat(1025));

            assertThat(response.status()).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("code").asInt()).isEqualTo(400);
            assertThat(body.get("message").asText()).isEqualTo("identity: the identity is 1025 bytes long; at most "
                    + "1024 bytes are allowed (MaxIdentityLength)");
        }
    }

    /** Timestamps of the next {@code count} data entries, skipping time ranges and session JSON. */
    private static List<Long> dataTimestamps(StreamClient client, int count) throws InterruptedException {
        List<Long> timestamps = new ArrayList<>();
        while (timestamps.size() < count) {
            for (StreamData data : client.nextBurst()) {
                if (data.getDataCase() != StreamData.DataCase.TIME_RANGE
                        && data.getDataCase() != StreamData.DataCase.SESSION_JSON) {
                    timestamps.add(timestampOf(data));
                }
            }
        }
        assertThat(timestamps).hasSize(count);
        return timestamps;
    }

    private static RawClient.Frame firstCloseFrame(RawClient client) throws Exception {
        for (RawClient.Frame frame = client.readFrame(); ; frame = client.readFrame()) {
            if (frame.opcode() == RawClient.Frame.CLOSE) {
                return frame;
            }
        }
    }
}
