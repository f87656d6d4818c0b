package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.it.live.LiveSocket;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.service.config.Options;
import io.rta.stream.StreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rta stream-service} in Kafka mode against a cluster it does not own: the shared test server's broker and
 * registry. Sessions and telemetry are written to that server over gRPC; a WebSocket client of the stream service's
 * own port sees them.
 */
class StreamServiceKafkaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static StreamServer service;

    private final TestServer server = TestServer.shared();

    @BeforeAll
    static void startStreamService() throws Exception {
        TestServer cluster = TestServer.shared();
        service = StreamServer.start(StreamServer.load(new String[] {
            "--HttpPort", Integer.toString(TestServer.freePort()),
            "--BootstrapServers", cluster.bootstrapServers(),
            "--RegistryUrl", cluster.registryUrl()}));
    }

    @AfterAll
    static void stopStreamService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void streamsASessionOfTheClusterFirstItsJsonThenBackFilledAndLiveData() throws Exception {
        String identity = "stream-service-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(identity, "stream service " + identity,
                "2024-05-01T10:00:00+01:00", OPEN));
        String serviceUrl = "http://127.0.0.1:" + service.httpPort();
        try (WriteStreamClient writer = WriteStreamClient.open(server.channel())) {
            writer.identity(identity).send(Telemetry.bursts(0, 4)).flush("before");
            try (LiveSocket socket = connectWhenKnown(serviceUrl, identity)) {
                List<StreamData> first = socket.bursts().get(0).getDataList();
                assertThat(first).hasSize(1);
                JsonNode session = JSON.readTree(first.get(0).getSessionJson());
                assertThat(session.path("identity").asText()).isEqualTo(identity);
                assertThat(session.path("state").asText()).isEqualTo("open");

                socket.subscribeChannels(Telemetry.PERIODIC_FAST);
                writer.send(Telemetry.bursts(4, 8)).flush("after");

                await().atMost(WAIT).until(() -> periodicStarts(socket).size() >= 8);
                assertThat(periodicStarts(socket)).as("every burst, back-filled or live").isEqualTo(starts(0, 8));
                assertThat(socket.items(item -> item.hasPeriodicData()
                        && item.getPeriodicData().getChannelId() != Telemetry.PERIODIC_FAST)).isEmpty();
            }
        }
        JsonNode health = Http.json(Http.ok(new Http(serviceUrl).get("/health"))).path("checks");
        assertThat(health.path("live-source").path("healthy").asBoolean()).isTrue();
        assertThat(health.path("session-view").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void refusesToStartWithoutASource() throws Exception {
        Path emptyDir = Scratch.dir("stream-service-");
        Options options = Options.load(StreamServer.ALL,
                new String[] {"--HttpPort", Integer.toString(TestServer.freePort())}, Map.of(), emptyDir);

        assertThatThrownBy(() -> StreamServer.start(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BootstrapServers").hasMessageContaining("RegistryUrl")
                .hasMessageContaining("RedisConnectionString");
        Files.delete(emptyDir);
    }

    /**
     * A client that got its first burst. The service learns of a session from the sessions topic, a moment after
     * the server acknowledged it: until then the connection is closed with "session not found", and tried again.
     */
    private static LiveSocket connectWhenKnown(String serviceUrl, String identity) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            LiveSocket socket = LiveSocket.connect(serviceUrl, identity);
            await().atMost(WAIT).until(() -> !socket.bursts().isEmpty() || socket.closeStatus() != null);
            if (!socket.bursts().isEmpty()) {
                return socket;
            }
            socket.close();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stream service did not stream session " + identity + " within "
                        + WAIT.toSeconds() + " s: " + socket.closeStatus());
            }
            Thread.sleep(100);
        }
    }

    private static Set<Long> periodicStarts(LiveSocket socket) {
        return socket.items(item -> item.hasPeriodicData()
                        && item.getPeriodicData().getChannelId() == Telemetry.PERIODIC_FAST)
                .stream().map(StreamData::getPeriodicData).map(PeriodicData::getStartTimestamp)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> starts(int from, int to) {
        Set<Long> starts = new TreeSet<>();
        for (int k = from; k < to; k++) {
            starts.add(Telemetry.T0 + k * Telemetry.BURST);
        }
        return starts;
    }
}
