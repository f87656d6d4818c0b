package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.setFolders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.it.live.LiveSocket;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.DeleteConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DataChannelBinding;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The microservices deployment as separate OS processes on one machine: {@code ./rta cluster}, two session services,
 * two config services, two data services for source {@code store}, a data service for source {@code other} on a topic
 * prefix of its own (its data lives in other topics), a stream service and the gateway ({@code DataServiceUris:store}
 * = the first store replica, {@code DataServiceUris:other} = the other source, {@code SessionServiceUri} = the second
 * session replica, {@code ConfigServiceUri} = the first config replica). Each process has its own data directory and
 * free ports.
 *
 * <p>Checked through the gateway: session, folder, metamodel and config answers are byte-identical to the services'
 * own (both session and both config replicas); a config written through either config replica is readable from it
 * at once (read-your-writes across replicas that share the config topology's partitions); data of sessions whose data bindings (set through the session service's gRPC) need a
 * time shift, a channel mapping, sample-exact clipping and a merge of two sources, compared sample by sample (the
 * independent {@link ChunkedWireDecoder}) with what was written through the data services' gRPC {@code DataWriter},
 * shifted, mapped and clipped by hand here; {@code /data-bindings} is not reachable; live data comes from the stream
 * service.
 *
 * <p>Last, {@code kill -9} of the store replica the gateway does <b>not</b> point at, while a thread reads through the
 * gateway: the gateway reaches the store source only through the first replica's URI, so killing that one would leave
 * it nothing to fail over to. Reads of data the killed replica owned are forwarded to it by the survivor and must
 * fail cleanly (an error status or a dropped connection) until the survivor owns every partition; every 200 in the
 * meantime must be byte-identical to the body checked sample by sample before the kill — never wrong or truncated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MicroservicesIT {

    private static final Logger LOG = LoggerFactory.getLogger(MicroservicesIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** The killed replica's Kafka session times out (10 s), then the group rebalances and the survivor restores. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(90);
    private static final String FORWARDED = "X-RTA-Forwarded";
    private static final String TIMESTAMP = "2023-11-14T22:13:20Z";
    private static final String FOLDER = "msit-folder";
    private static final String CONFIG = "msit-config";
    private static final byte[] CONFIG_BODY = "{\"demo\": {\"tree\": {\"msit\": {}}}}".getBytes(StandardCharsets.UTF_8);

    /** Data identities: a file path with '/' and spaces (source store), a query expression (source other). */
    private static final String FILE = "/data/2024/msit run 1.ssn2";
    private static final String QUERY = "host='car 2' AND lap=3";
    private static final List<WriteDataStreamMessage> FILE_DATA = Telemetry.bursts(0, 6);
    private static final List<WriteDataStreamMessage> QUERY_DATA = Telemetry.bursts(2, 8);

    /** Time shift + channel mapping (non-zero first session channels) of every series. */
    private static final Bound MAPPED = new Bound("store", FILE, FILE_DATA, 3_600_000_000_123L, null, null,
            List.of(new Range(0x10, 0x100, 0x101), new Range(0x20, 0x200, 0x200), new Range(0x8000_0001L, 0x201, 0x201),
                    new Range(0x30, 0x300, 0x302), new Range(0x40, 0x400, 0x400)));
    private static final long CLIP_OFFSET = -2_000_000_000_003L;
    /** As {@link #MAPPED}, shifted back and clipped to session times that fall inside chunks and between samples. */
    private static final Bound CLIPPED = new Bound("store", FILE, FILE_DATA, CLIP_OFFSET,
            Telemetry.T0 + CLIP_OFFSET + 700_123_457L, Telemetry.T0 + CLIP_OFFSET + 2_300_000_001L, MAPPED.ranges());
    /** Two sources on different session channel ranges, with different offsets. */
    private static final List<Bound> MERGED = List.of(
            new Bound("store", FILE, FILE_DATA, 0, null, null, List.of(new Range(0x10, 0x1, 0x2), new Range(0x20, 0x3,
                    0x3))),
            new Bound("other", QUERY, QUERY_DATA, 5_000_000_011L, null, null, List.of(new Range(0x10, 0x801, 0x802),
                    new Range(0x20, 0x803, 0x803))));
    private static final Map<String, List<Bound>> SESSIONS = Map.of("msit-mapped", List.of(MAPPED), "msit-clipped",
            List.of(CLIPPED), "msit-merged", MERGED);

    /** Sessions read during the kill: even ones relayed untouched, odd ones shifted (rewritten by the gateway). */
    private static final List<Bound> KILL_BINDINGS = IntStream.range(0, 8).mapToObj(i -> new Bound("store",
            "kill/run " + i, Telemetry.bursts(i, i + 2), i % 2 == 0 ? 0 : 1_000_000_007L, null, null, List.of()))
            .toList();
    private static final List<String> KILL_KINDS = List.of("periodic/0-", "timestamped/0-", "row/0-", "events");

    private static final List<StandaloneProcess> STARTED = new CopyOnWriteArrayList<>();
    private static ClusterProcess cluster;
    private static StandaloneProcess sessions1;
    private static StandaloneProcess sessions2;
    private static StandaloneProcess configs1;
    private static StandaloneProcess configs2;
    private static StandaloneProcess store1;
    private static StandaloneProcess store2;
    private static StandaloneProcess other;
    private static StandaloneProcess stream;
    private static StandaloneProcess gateway;

    @BeforeAll
    static void startTheDeploymentAndWrite() {
        cluster = ClusterProcess.start(START);
        var session1 = startAsync("session-service");
        var session2 = startAsync("session-service");
        var config1 = startAsync("config-service");
        var config2 = startAsync("config-service");
        var data1 = startAsync("data-service");
        var data2 = startAsync("data-service");
        var otherData = startAsync("data-service", "--TopicPrefix", "other.");
        CompletableFuture.allOf(session1, session2, config1, config2, data1, data2, otherData).join();
        sessions1 = session1.join();
        sessions2 = session2.join();
        configs1 = config1.join();
        configs2 = config2.join();
        store1 = data1.join();
        store2 = data2.join();
        other = otherData.join();
        // After the services that create the topics: the stream service creates none, and exits when the session
        // topics do not exist yet (in the compose stack a topic-init container creates them first).
        stream = started(StandaloneProcess.startHttpOnly("stream-service", START, "--BootstrapServers",
                cluster.bootstrapServers(), "--RegistryUrl", cluster.registryUrl(), "--ChunkApplicationId",
                "rta-data-service"));
        gateway = started(StandaloneProcess.startHttpOnly("gateway", START,
                "--SessionServiceUri", sessions2.baseUrl() + "/", "--ConfigServiceUri", configs1.baseUrl(),
                "--DataServiceUris:store", store1.baseUrl() + "/", "--DataServiceUris:other", other.baseUrl(),
                "--StreamServiceUri", stream.baseUrl()));

        write(store1, FILE, FILE_DATA);
        write(other, QUERY, QUERY_DATA);
        for (int i = 0; i < KILL_BINDINGS.size(); i++) {
            write(i % 2 == 0 ? store1 : store2, KILL_BINDINGS.get(i).identity(), KILL_BINDINGS.get(i).written());
        }
        SessionStoreGrpc.SessionStoreBlockingStub sessionStore = SessionStoreGrpc.newBlockingStub(sessions1.channel());
        sessionStore.withDeadlineAfter(60, TimeUnit.SECONDS).putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setParentIdentity("").setIdentity(FOLDER).setLabel("msit").build());
        sessionStore.withDeadlineAfter(60, TimeUnit.SECONDS).putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setParentIdentity(FOLDER).setIdentity(FOLDER + "/runs").setLabel("msit runs").build());
        Map<String, List<Bound>> all = new LinkedHashMap<>(SESSIONS);
        for (int i = 0; i < KILL_BINDINGS.size(); i++) {
            all.put(killSession(i), List.of(KILL_BINDINGS.get(i)));
        }
        all.forEach((identity, bounds) -> sessionStore.withDeadlineAfter(60, TimeUnit.SECONDS).createOrUpdateSession(
                create(identity, "msit " + identity, TIMESTAMP, CLOSED, setFolders(FOLDER),
                        SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                                .addAllDataBindings(bounds.stream().map(Bound::binding).toList())).build())));
        ConfigStoreGrpc.newBlockingStub(configs2.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .putConfig(PutConfigRequest.newBuilder().setIdentifier(CONFIG)
                        .setContentType("application/vnd.mat.config+json").setData(ByteString.copyFrom(CONFIG_BODY))
                        .build());
        // The gateway asks the second session replica: every session and its bindings must have reached it.
        await().atMost(SETTLE).untilAsserted(() -> all.forEach((identity, bounds) -> {
            HttpResponse<byte[]> bindings = sessions2.http().get("/rta/v2/sessions/" + identity + "/data-bindings");
            assertThat(bindings.statusCode()).as(identity).isEqualTo(200);
            assertThat(Http.json(bindings).size()).as(identity).isEqualTo(bounds.size());
        }));
        await().atMost(SETTLE).until(() -> configs1.http().get("/rta/v2/configs/" + CONFIG).statusCode() == 200);
    }

    private static CompletableFuture<StandaloneProcess> startAsync(String command, String... options) {
        return CompletableFuture.supplyAsync(() -> started(StandaloneProcess.start(command, cluster, START, options)));
    }

    private static StandaloneProcess started(StandaloneProcess process) {
        STARTED.add(process);
        return process;
    }

    @AfterAll
    static void stopTheDeployment() {
        List<StandaloneProcess> stopping = new ArrayList<>(STARTED);
        java.util.Collections.reverse(stopping);
        stopping.forEach(StandaloneProcess::close);
        if (cluster != null) {
            cluster.close();
            DurabilityIT.deleteRecursively(cluster.dataPath());
        }
    }

    @Test
    @Order(1)
    void shouldAnswerSessionsFoldersMetamodelAndConfigsThroughTheGatewayByteForByteAsTheServicesDo() {
        for (String path : List.of("/rta/v2/sessions?folder=" + FOLDER + "&sort=timestamp:desc",
                "/rta/v2/sessions/msit-mapped", "/rta/v2/sessions/msit-missing", "/rta/v2/session-folders/",
                "/rta/v2/session-folders/" + FOLDER, "/rta/v2/session-metamodel?folder=" + FOLDER,
                "/rta/v2/session-metamodel/properties?query=id")) {
            HttpResponse<byte[]> actual = gateway.http().get(path);
            assertSameAnswer(path, actual, sessions2.http().get(path));
            assertSameAnswer(path, actual, sessions1.http().get(path));
            assertThat(Http.text(actual)).as(path).doesNotContain("msit run 1").doesNotContain("car 2");
        }
        for (String path : List.of("/rta/v2/configs/" + CONFIG, "/rta/v2/configs/" + CONFIG + "-missing")) {
            assertSameAnswer(path, gateway.http().get(path), configs1.http().get(path));
            assertSameAnswer(path, gateway.http().get(path), configs2.http().get(path));
        }
        assertThat(gateway.http().get("/rta/v2/configs/" + CONFIG).body()).isEqualTo(CONFIG_BODY);
        assertThat(Http.json(gateway.http().get("/rta/v2/sessions?folder=" + FOLDER)).path("sessions").size())
                .as("sessions in the folder").isEqualTo(SESSIONS.size() + KILL_BINDINGS.size());
        assertThat(Http.json(gateway.http().get("/rta/v2/session-folders/" + FOLDER)).size()).as("child folders")
                .isEqualTo(1);
    }

    /**
     * Each config replica runs the config topology for some partitions of the publications; a write through either
     * waits until its own view shows the outcome, wherever it was processed, so it reads its write at once.
     */
    @Test
    @Order(2)
    void shouldReadAConfigWrittenThroughEitherReplicaFromItAtOnce() {
        List<StandaloneProcess> replicas = List.of(configs1, configs2);
        for (int i = 0; i < 8; i++) {
            StandaloneProcess replica = replicas.get(i % 2);
            String identifier = "msit-ryw-" + i;
            byte[] body = ("{\"ryw\": {\"tree\": {\"n" + i + "\": {}}}}").getBytes(StandardCharsets.UTF_8);
            ConfigStoreGrpc.newBlockingStub(replica.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .putConfig(PutConfigRequest.newBuilder().setIdentifier(identifier)
                            .setContentType("application/vnd.mat.config+json").setData(ByteString.copyFrom(body))
                            .build());

            HttpResponse<byte[]> read = replica.http().get("/rta/v2/configs/" + identifier);
            assertThat(read.statusCode()).as(identifier).isEqualTo(200);
            assertThat(read.body()).as(identifier).isEqualTo(body);
            ConfigStoreGrpc.newBlockingStub(replica.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .deleteConfig(DeleteConfigRequest.newBuilder().setIdentifier(identifier).build());
            assertThat(replica.http().get("/rta/v2/configs/" + identifier).statusCode()).as(identifier)
                    .isEqualTo(404);
        }
    }

    private static void assertSameAnswer(String path, HttpResponse<byte[]> actual, HttpResponse<byte[]> expected) {
        assertThat(actual.statusCode()).as(path).isEqualTo(expected.statusCode());
        assertThat(actual.headers().firstValue("Content-Type")).as(path)
                .isEqualTo(expected.headers().firstValue("Content-Type"));
        assertThat(actual.body()).as(path).isEqualTo(expected.body());
    }

    @Test
    @Order(2)
    void shouldServeShiftedAndMappedDataSampleBySample() throws IOException {
        assertSessionData("msit-mapped", List.of(MAPPED), channels(0x100, 0x101), channels(0x200, 0x201),
                channels(0x300, 0x301, 0x302, 0x400));
        assertSessionData("msit-mapped", List.of(MAPPED), channels(0x101), channels(0x201), channels(0x400));
    }

    @Test
    @Order(3)
    void shouldClipDataSampleExactlyToTheBindingsSessionWindowInsideChunks() throws IOException {
        long firstInData = CLIPPED.from() - CLIP_OFFSET;
        long lastInData = CLIPPED.to() - CLIP_OFFSET;
        List<DecodedChunk<PeriodicDataList>> direct = ChunkedWireDecoder.periodic(Http.ok(store1.http()
                .get(dataPath(FILE, "periodic/10-11"))).body());
        assertThat(direct).as("the window's edges fall inside chunks the data service answers")
                .anyMatch(chunk -> chunk.startTime() < firstInData && firstInData < chunk.endTime())
                .anyMatch(chunk -> chunk.startTime() < lastInData && lastInData < chunk.endTime());

        assertSessionData("msit-clipped", List.of(CLIPPED), channels(0x100, 0x101), channels(0x200, 0x201),
                channels(0x300, 0x301, 0x302, 0x400));
    }

    @Test
    @Order(4)
    void shouldMergeTwoSourcesOnDifferentSessionChannelsSampleBySample() throws IOException {
        assertSessionData("msit-merged", MERGED, channels(0x1, 0x2, 0x801, 0x802), channels(0x3, 0x803), null);
        assertSessionData("msit-merged", MERGED, channels(0x2, 0x801), channels(0x803), null);
    }

    @Test
    @Order(5)
    void shouldNotReachTheDataBindingsThroughTheGateway() {
        String path = "/rta/v2/sessions/msit-merged/data-bindings";
        HttpResponse<byte[]> viaGateway = gateway.http().get(path);

        assertThat(Http.text(Http.ok(sessions2.http().get(path)))).as("the session service serves it")
                .contains("msit run 1.ssn2");
        assertThat(viaGateway.statusCode()).isEqualTo(404);
        assertThat(Http.text(viaGateway)).doesNotContain("msit run 1").doesNotContain("car 2")
                .doesNotContain("other").doesNotContain("store");
        assertThat(gateway.http().get(path + "/").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void shouldBeHealthyWithEveryServiceAndStreamLiveDataFromTheStreamService() throws Exception {
        JsonNode checks = Http.json(Http.ok(gateway.http().get("/health"))).path("checks");
        for (String check : List.of("session-service", "config-service", "data-service:store", "data-service:other",
                "stream-service")) {
            assertThat(checks.path(check).path("healthy").asBoolean()).as(check).isTrue();
        }
        String identity = "msit-live";
        SessionStoreGrpc.newBlockingStub(sessions1.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .createOrUpdateSession(create(identity, "live " + identity, TIMESTAMP, OPEN));
        try (LiveSocket socket = LiveSocket.connect(gateway.baseUrl(), identity)) {
            assertThat(socket.subprotocol()).isEqualTo(LiveSocket.SUB_PROTOCOL);
            await().atMost(SETTLE).until(() -> !socket.bursts().isEmpty());
            JsonNode session = JSON.readTree(socket.bursts().get(0).getData(0).getSessionJson());
            assertThat(session.path("identity").asText()).isEqualTo(identity);
        }
    }

    @Test
    @Order(10)
    void shouldNeverAnswerAWrongOrTruncated200WhileAStoreReplicaIsKilledAndAnswerAgainAfterTheTakeOver()
            throws IOException {
        Map<String, StandaloneProcess> owners = awaitOwners();
        assertThat(owners.values()).as("the replica to kill owns some of the data read").contains(store2);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 0; i < KILL_BINDINGS.size(); i++) {
            Bound bound = KILL_BINDINGS.get(i);
            assertSessionData(killSession(i), List.of(bound), Channels.ALL, Channels.ALL, Channels.ALL);
            for (String kind : KILL_KINDS) {
                String path = sessionDataPath(killSession(i), kind);
                bodies.put(path, Http.ok(gateway.http().get(path)).body());
            }
        }

        ContinuousReads reads = ContinuousReads.start(gateway.http(), bodies);
        await().atMost(SETTLE).until(() -> reads.succeeded() >= bodies.size());
        store2.kill();
        await().atMost(TAKE_OVER).untilAsserted(() -> {
            for (String identity : owners.keySet()) {
                assertThat(store1.http().get(dataPath(identity, "events"), FORWARDED, "1").statusCode())
                        .as("the survivor owns %s's partition", identity).isEqualTo(200);
            }
            bodies.forEach((path, body) -> assertThat(Http.ok(gateway.http().get(path)).body()).as(path)
                    .isEqualTo(body));
        });
        int before = reads.succeeded();
        await().atMost(SETTLE).until(() -> reads.succeeded() >= before + bodies.size());
        reads.stop();

        LOG.info("Reads through the gateway around the kill: {} correct, {} failed cleanly ({})", reads.succeeded(),
                reads.failures().size(), reads.failures().stream().distinct().limit(10).toList());
        assertThat(reads.unexpected()).as("wrong or truncated 200s, or unexpected answers").isEmpty();
    }

    /**
     * The replica owning each kill identity's partition: the one that answers a read marked as forwarded (the other
     * refuses it with 503 rather than forward it again), once the group has settled.
     */
    private static Map<String, StandaloneProcess> awaitOwners() {
        Map<String, StandaloneProcess> owners = new LinkedHashMap<>();
        await().atMost(SETTLE).untilAsserted(() -> {
            owners.clear();
            for (Bound bound : KILL_BINDINGS) {
                String path = dataPath(bound.identity(), "events");
                int fromFirst = store1.http().get(path, FORWARDED, "1").statusCode();
                int fromSecond = store2.http().get(path, FORWARDED, "1").statusCode();
                assertThat(List.of(fromFirst, fromSecond)).as("forwarded reads of %s", bound.identity())
                        .containsExactlyInAnyOrder(200, 503);
                owners.put(bound.identity(), fromFirst == 200 ? store1 : store2);
            }
        });
        return owners;
    }

    // ---- data through bindings, checked against what was written, transformed by hand ----

    /**
     * Reads the session's periodic, timestamped and row data of the given session channels and its events through
     * the gateway and compares them, sample by sample, with the written data mapped, shifted and clipped here. Each
     * chunk's header must state its samples' channels and times; each channel's samples come in time order.
     */
    private static void assertSessionData(String session, List<Bound> bounds, Channels periodic,
                                          Channels timestamped, Channels rows) throws IOException {
        if (periodic != null) {
            List<DecodedChunk<PeriodicDataList>> chunks = ChunkedWireDecoder.periodic(read(session, "periodic",
                    periodic));
            chunks.forEach(chunk -> assertHeaderCovers(session, chunk, Samples.ofPeriodicLists(List.of(chunk.list()))));
            List<Sample> actual = Samples.ofPeriodicChunks(chunks);
            assertTimeOrderPerChannel(session + " periodic", actual);
            assertThat(Samples.inReadOrder(actual)).as(session + " periodic " + periodic).isNotEmpty()
                    .containsExactlyElementsOf(expectedSamples(bounds, written -> Samples.ofPeriodic(
                            Telemetry.periodic(written)), periodic));
        }
        if (timestamped != null) {
            List<DecodedChunk<TimestampedDataList>> chunks = ChunkedWireDecoder.timestamped(read(session,
                    "timestamped", timestamped));
            chunks.forEach(chunk -> assertHeaderCovers(session, chunk,
                    Samples.ofTimestampedLists(List.of(chunk.list()))));
            List<Sample> actual = Samples.ofTimestampedChunks(chunks);
            assertTimeOrderPerChannel(session + " timestamped", actual);
            assertThat(Samples.inReadOrder(actual)).as(session + " timestamped " + timestamped).isNotEmpty()
                    .containsExactlyElementsOf(expectedSamples(bounds, written -> Samples.ofTimestamped(
                            Telemetry.timestamped(written)), timestamped));
        }
        if (rows != null) {
            List<DecodedChunk<RowDataList>> chunks = ChunkedWireDecoder.row(read(session, "row", rows));
            for (DecodedChunk<RowDataList> chunk : chunks) {
                for (RowData row : chunk.list().getRowDataList()) {
                    assertThat(row.getTimestamp()).as(session + " row in its chunk")
                            .isBetween(chunk.startTime(), chunk.endTime());
                }
            }
            assertThat(Telemetry.sortedRows(DataWriteReadIT.rows(chunks))).as(session + " rows " + rows)
                    .isNotEmpty().containsExactlyElementsOf(expectedRows(bounds, rows));
        }
        List<DecodedChunk<EventsList>> events = ChunkedWireDecoder.events(Http.ok(gateway.http()
                .get(sessionDataPath(session, "events"))).body());
        for (DecodedChunk<EventsList> chunk : events) {
            for (Event event : chunk.list().getEventsList()) {
                assertThat(event.getTimestamp()).as(session + " event in its chunk")
                        .isBetween(chunk.startTime(), chunk.endTime());
            }
        }
        assertThat(sortedEvents(DataWriteReadIT.events(events))).as(session + " events").isNotEmpty()
                .containsExactlyElementsOf(expectedEvents(bounds));
    }

    private static byte[] read(String session, String kind, Channels channels) {
        HttpResponse<byte[]> response = gateway.http().get(sessionDataPath(session, kind + "/"
                + channels.expression()));
        assertThat(response.headers().firstValue("Content-Type")).hasValue(DataApi.CHUNKED);
        return Http.ok(response).body();
    }

    private static void assertHeaderCovers(String session, DecodedChunk<?> chunk, List<Sample> samples) {
        assertThat(samples).as(session + ": a chunk without samples").isNotEmpty();
        for (Sample sample : samples) {
            assertThat(chunk.channelIds()).as(session + ": the chunk header names its channels")
                    .contains(sample.channelId());
            assertThat(sample.time()).as(session + ": the chunk header spans its samples")
                    .isBetween(chunk.startTime(), chunk.endTime());
        }
    }

    private static void assertTimeOrderPerChannel(String what, List<Sample> samples) {
        Map<Long, List<Long>> times = samples.stream().collect(Collectors.groupingBy(Sample::channelId,
                Collectors.mapping(Sample::time, Collectors.toList())));
        times.forEach((channel, list) -> assertThat(list).as(what + " channel " + Long.toHexString(channel))
                .isSorted());
    }

    private static List<Sample> expectedSamples(List<Bound> bounds,
                                                Function<List<WriteDataStreamMessage>, List<Sample>> samplesOf,
                                                Channels requested) {
        List<Sample> expected = new ArrayList<>();
        for (Bound bound : bounds) {
            for (Sample sample : samplesOf.apply(bound.written())) {
                Long channel = bound.sessionChannel(sample.channelId());
                long time = sample.time() + bound.offset();
                if (channel != null && requested.contains(channel) && bound.inside(time)) {
                    expected.add(new Sample(channel, time, sample.value()));
                }
            }
        }
        return Samples.inReadOrder(expected);
    }

    /** Rows holding a requested channel, every channel of the row mapped (the test binds every one). */
    private static List<RowData> expectedRows(List<Bound> bounds, Channels requested) {
        List<RowData> expected = new ArrayList<>();
        for (Bound bound : bounds) {
            for (RowData row : Telemetry.rows(bound.written())) {
                List<Long> channels = row.getChannelIdsList().stream()
                        .map(id -> bound.sessionChannel(Integer.toUnsignedLong(id))).toList();
                assertThat(channels).as("the test binds every channel of a row").doesNotContainNull();
                long time = row.getTimestamp() + bound.offset();
                if (channels.stream().anyMatch(requested::contains) && bound.inside(time)) {
                    expected.add(row.toBuilder().clearChannelIds()
                            .addAllChannelIds(channels.stream().map(Long::intValue).toList()).setTimestamp(time)
                            .build());
                }
            }
        }
        return Telemetry.sortedRows(expected);
    }

    private static List<Event> expectedEvents(List<Bound> bounds) {
        List<Event> expected = new ArrayList<>();
        for (Bound bound : bounds) {
            for (Event event : Telemetry.events(bound.written())) {
                long time = event.getTimestamp() + bound.offset();
                if (bound.inside(time)) {
                    expected.add(event.toBuilder().setTimestamp(time).build());
                }
            }
        }
        return sortedEvents(expected);
    }

    private static List<Event> sortedEvents(List<Event> events) {
        return events.stream().sorted(Comparator.comparingLong(Event::getTimestamp)
                .thenComparing(Event::getStatusText)).toList();
    }

    private static Channels channels(long... ids) {
        List<Long> list = Arrays.stream(ids).boxed().toList();
        return new Channels(list.stream().map(Long::toHexString).collect(Collectors.joining(",")), list::contains);
    }

    /** Requested session channels: the channels expression sent, and which channels it holds. */
    private record Channels(String expression, java.util.function.LongPredicate holds) {
        static final Channels ALL = new Channels("0-", channel -> true);

        boolean contains(long channel) {
            return holds.test(channel);
        }
    }

    /**
     * A range of data channels bound onto session channels ({@code DataChannelBinding}).
     */
    private record Range(long firstData, long firstSession, long lastSession) {
    }

    /**
     * One data binding of a session, and what was written under its data identity: the test applies it by hand.
     *
     * @param from session start time (inclusive), null = unbounded
     * @param to session end time (inclusive), null = unbounded
     * @param ranges channel bindings; none = every channel unchanged (the gateway's documented choice)
     */
    private record Bound(String source, String identity, List<WriteDataStreamMessage> written, long offset, Long from,
                         Long to, List<Range> ranges) {

        DataBinding binding() {
            DataBinding.Builder binding = DataBinding.newBuilder().setKey(DataBindingKey.newBuilder()
                    .setSource(source).setIdentity(identity)).setSessionTimeOffset(offset);
            if (from != null) {
                binding.setSessionStartTime(Int64Value.of(from));
            }
            if (to != null) {
                binding.setSessionEndTime(Int64Value.of(to));
            }
            ranges.forEach(range -> binding.addDataChannelBindings(DataChannelBinding.newBuilder()
                    .setFirstDataChannel((int) range.firstData()).setFirstSessionChannel((int) range.firstSession())
                    .setLastSessionChannel((int) range.lastSession())));
            return binding.build();
        }

        /** The session channel a data channel is served as (the first range covering it), or null. */
        Long sessionChannel(long dataChannel) {
            if (ranges.isEmpty()) {
                return dataChannel;
            }
            for (Range range : ranges) {
                long last = range.firstData() + (range.lastSession() - range.firstSession());
                if (dataChannel >= range.firstData() && dataChannel <= last) {
                    return range.firstSession() + (dataChannel - range.firstData());
                }
            }
            return null;
        }

        boolean inside(long sessionTime) {
            return (from == null || sessionTime >= from) && (to == null || sessionTime <= to);
        }
    }

    // ---- writing and paths ----

    private static void write(StandaloneProcess dataService, String identity, List<WriteDataStreamMessage> data) {
        try (WriteStreamClient stream = WriteStreamClient.open(dataService.channel())) {
            stream.identity(identity).send(data).flush("written");
            assertThat(stream.echoed()).containsExactly("written");
            stream.complete();
        }
    }

    private static String killSession(int index) {
        return "msit-kill-" + index;
    }

    private static String sessionDataPath(String session, String kindAndChannels) {
        return "/rta/v2/sessions/" + session + "/data/" + kindAndChannels;
    }

    private static String dataPath(String identity, String kindAndChannels) {
        return "/rta/v2/data/" + URLEncoder.encode(identity, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + kindAndChannels;
    }

    /**
     * Reads every body through the gateway in a loop on a thread: a 200 must carry exactly the expected bytes; an
     * error status (502, 503, 504) or a dropped connection is a clean failure; anything else is unexpected.
     */
    private static final class ContinuousReads {
        private static final List<Integer> CLEAN_ERRORS = List.of(502, 503, 504);

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger succeeded = new AtomicInteger();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final Thread thread;

        private ContinuousReads(Http http, Map<String, byte[]> expected) {
            thread = new Thread(() -> {
                while (running.get()) {
                    expected.forEach((path, body) -> read(http, path, body));
                }
            }, "msit-reader");
        }

        static ContinuousReads start(Http http, Map<String, byte[]> expected) {
            ContinuousReads reads = new ContinuousReads(http, expected);
            reads.thread.setDaemon(true);
            reads.thread.start();
            return reads;
        }

        private void read(Http http, String path, byte[] body) {
            HttpResponse<byte[]> response;
            try {
                response = http.get(path);
            } catch (UncheckedIOException e) {
                failures.add("dropped: " + e.getCause().getClass().getSimpleName());
                return;
            } catch (RuntimeException e) {
                unexpected.add(path + " failed: " + e);
                return;
            }
            if (response.statusCode() == 200 && Arrays.equals(response.body(), body)) {
                succeeded.incrementAndGet();
            } else if (CLEAN_ERRORS.contains(response.statusCode())) {
                failures.add(response.statusCode() + " " + Http.text(response));
            } else {
                unexpected.add(path + " answered " + response.statusCode() + " with " + response.body().length
                        + " bytes " + (response.statusCode() == 200 ? "(different from the " + body.length
                        + " expected)" : Http.text(response)));
            }
        }

        void stop() {
            running.set(false);
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int succeeded() {
            return succeeded.get();
        }

        List<String> failures() {
            return new ArrayList<>(failures);
        }

        List<String> unexpected() {
            return new ArrayList<>(unexpected);
        }
    }
}
