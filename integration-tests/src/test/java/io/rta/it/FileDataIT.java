package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.rta.files.FileDataServer;
import io.rta.files.FileOptions;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.Options;
import io.rta.service.net.FreePorts;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rta file-data-service} (started in-process) over a root holding a Parquet file, a CSV file and a glob of
 * two Parquet files, written here with known values (the Parquet rows shuffled), its schema mappings stored in the
 * real schema mapping service ({@link SchemaMappings}). Reads are compared sample by sample with what was written
 * (full range, sub-range, channel subset, a glob of two files); a repeated read and a read with the cache off give
 * identical bytes; identities that could leave the root are 400 without showing where it is, missing files an empty 200. A
 * CSV file mapped with {@code properties["layout"] = "row"} is served as row data, whole rows in the mapping's order,
 * compared row by row. Then through the gateway, for sessions whose data binding has source {@code files}.
 *
 * <p>MaxFrequency 300 kHz makes the chunk windows 1 s, so the 20 s of car 1 span 21 windows.
 */
class FileDataIT {

    private static final String SOURCE = "files";
    private static final String CAR1 = "runs/car1.parquet";
    private static final String CAR2 = "runs/car2.csv";
    private static final String PARTS = "runs/laps/part-*.parquet";
    private static final String ROWS = "runs/rows.csv";
    private static final String EVENTS = "runs/events.csv";
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final long T0_MS = 1_700_000_000_123L;
    private static final long T0_US = 1_700_000_000_123_456L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final int POINTS = 2000;
    private static final int ROW_COUNT = 3000;

    private static Path base;
    private static Path root;
    private static SchemaMappings mappings;
    private static FileDataServer service;
    private static final List<Sample> CAR1_SAMPLES = new ArrayList<>();
    private static final List<Sample> CAR2_SAMPLES = new ArrayList<>();
    private static final List<Sample> PARTS_SAMPLES = new ArrayList<>();
    private static final List<RowData> ROWS_WRITTEN = new ArrayList<>();
    private static final List<Event> EVENTS_WRITTEN = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        base = Scratch.dir("files-it-").toRealPath();
        root = Files.createDirectories(base.resolve("root/runs/laps")).getParent().getParent();
        Files.writeString(base.resolve("secret.csv"), "time,speed\n1,2\n");
        Files.createSymbolicLink(root.resolve("escape.csv"), base.resolve("secret.csv"));
        writeFiles();
        mappings = SchemaMappings.start();
        mappings.put(mapping(CAR1, SchemaMapping.newBuilder().addFieldMappings(field("speed", 0))
                .addFieldMappings(field("rpm", 1)).addFieldMappings(field("gear", 2)
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_INT32))
                .addFieldMappings(field("label", 3))));
        mappings.put(mapping(CAR2, SchemaMapping.newBuilder().putProperties("time_column", "t_ms")
                .putProperties("time_unit", "ms").addFieldMappings(field("speed", 0))));
        mappings.put(mapping(PARTS, SchemaMapping.newBuilder().putProperties("time_column", "t_us")
                .putProperties("time_unit", "us").addFieldMappings(field("value", 0))));
        mappings.put(mapping(ROWS, SchemaMapping.newBuilder().putProperties("layout", "row")
                .addFieldMappings(field("x", 16).setTargetChannelDataType(
                        TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64))
                .addFieldMappings(field("y", 17).setTargetChannelDataType(
                        TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_UINT16))
                .addFieldMappings(field("z", 18).setTargetChannelDataType(
                        TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_FLOAT32))));
        mappings.put(mapping(EVENTS, SchemaMapping.newBuilder()
                .addEventMappings(EventMapping.newBuilder().setSourceEvent("flag").setTargetEventApp("Race")
                        .setTargetEventId(7).addSourceEventDataFields("fuel"))
                .addEventMappings(EventMapping.newBuilder().setSourceEvent("lap").setTargetEventApp("Race")
                        .setTargetEventId(8).addSourceEventDataFields("lap").addSourceEventDataFields("fuel"))));
        service = start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (mappings != null) {
            mappings.close();
        }
    }

    /**
     * car 1 (Parquet, ns, rows shuffled): speed at 100 Hz for 20 s, rpm at 50 Hz with a gap from 5 s to 9 s, an
     * integer gear every second served as int32, a text label (no samples); car 2 (CSV, integer ms) 3 ms later; the
     * laps (two Parquet files, µs) a value every ms.
     */
    private static void writeFiles() throws Exception {
        for (int i = 0; i < POINTS; i++) {
            long time = T0 + i * 10 * MS;
            CAR1_SAMPLES.add(sample(0, time, i * 0.5));
            if (i % 2 == 0 && (i < 500 || i >= 900)) {
                CAR1_SAMPLES.add(sample(1, time, 1000 + i));
            }
            if (i % 100 == 0) {
                CAR1_SAMPLES.add(new Sample(2, time, ByteString.copyFrom(ByteBuffer.allocate(4)
                        .order(ByteOrder.LITTLE_ENDIAN).putInt(i / 100 % 6 + 1).array())));
            }
        }
        CAR1_SAMPLES.sort(Samples.READ_ORDER);
        StringBuilder csv = new StringBuilder("t_ms,speed\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(T0_MS + i * 10 + 3).append(',').append(-i).append('\n');
            CAR2_SAMPLES.add(sample(0, (T0_MS + i * 10 + 3) * MS, -i));
        }
        Files.writeString(root.resolve(CAR2), csv);
        for (int i = 0; i < 1000; i++) {
            PARTS_SAMPLES.add(sample(0, (T0_US + i * 1000L) * 1000, i * 1.25));
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT " + T0 + " + i * 10000000 AS time, i * 0.5 AS speed, CASE WHEN i % 2 = 0 AND "
                    + "(i < 500 OR i >= 900) THEN 1000 + i END AS rpm, CASE WHEN i % 100 = 0 THEN i // 100 % 6 + 1 "
                    + "END AS gear, 'pit' AS label FROM range(" + POINTS + ") t(i) ORDER BY (i * 7919) % " + POINTS
                    + ") TO '" + root.resolve(CAR1) + "' (FORMAT PARQUET, ROW_GROUP_SIZE 300)");
            for (int part = 0; part < 2; part++) {
                sql.execute("COPY (SELECT " + T0_US + " + i * 1000 AS t_us, i * 1.25 AS value FROM range("
                        + part * 500 + ", " + (part + 1) * 500 + ") t(i)) TO '"
                        + root.resolve("runs/laps/part-" + (part + 1) + ".parquet") + "' (FORMAT PARQUET)");
            }
        }
        StringBuilder rows = new StringBuilder("time,x,y,z\n");
        for (int i = 0; i < ROW_COUNT; i++) {
            long time = T0 + i * MS;
            boolean gap = i % 50 == 7;
            rows.append(time).append(',').append(i * 0.25).append(',').append(gap ? "" : Integer.toString(i % 1000))
                    .append(',').append(-i * 0.5).append('\n');
            if (!gap) {
                ROWS_WRITTEN.add(row(time, i * 0.25, i % 1000, -i * 0.5f));
            }
        }
        Files.writeString(root.resolve(ROWS), rows);
        StringBuilder events = new StringBuilder("time,flag,lap,fuel\n");
        for (int i = 0; i < 1000; i++) {
            long time = T0 + i * 10 * MS;
            double fuel = 100 - i * 0.05;
            String flag = i == 100 ? "pit in" : i == 400 ? "pit out" : "";
            String lap = i % 250 == 0 ? Integer.toString(i / 250 + 1) : "";
            events.append(time).append(',').append(flag).append(',').append(lap).append(',').append(fuel)
                    .append('\n');
            if (!flag.isEmpty()) {
                EVENTS_WRITTEN.add(Event.newBuilder().setEventDefinitionId(7).setAppName("Race").setTimestamp(time)
                        .setStatusText(flag).addRawData(fuel).build());
            }
            if (!lap.isEmpty()) {
                EVENTS_WRITTEN.add(Event.newBuilder().setEventDefinitionId(8).setAppName("Race").setTimestamp(time)
                        .addRawData(i / 250 + 1).addRawData(fuel).build());
            }
        }
        Files.writeString(root.resolve(EVENTS), events);
    }

    /** A row of the row set x (channel 16, double), y (17, uint16), z (18, float32), as the devguide lays it out. */
    private static RowData row(long time, double x, int y, float z) {
        return RowData.newBuilder().addChannelIds(16).addChannelIds(17).addChannelIds(18).setTimestamp(time)
                .setBuffer(ByteString.copyFrom(ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN).putDouble(x)
                        .putShort((short) y).putFloat(z).array())).build();
    }

    private static List<RowData> rows(List<DecodedChunk<RowDataList>> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.list().getRowDataList().stream()).toList();
    }

    private static Sample sample(long channel, long time, double value) {
        return new Sample(channel, time, ByteString.copyFrom(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(value).array()));
    }

    private static FieldMapping.Builder field(String column, int channel) {
        return FieldMapping.newBuilder().setSourceField(column).setTargetChannel(channel);
    }

    private static PutSchemaMappingRequest mapping(String identity, SchemaMapping.Builder mapping) {
        return PutSchemaMappingRequest.newBuilder().setDataSource(SOURCE).setDataIdentity(identity)
                .setSchemaMapping(mapping).build();
    }

    private static FileDataServer start(String... more) throws Exception {
        Path dir = Scratch.dir("files-it-config-");
        List<String> args = new ArrayList<>(List.of("--HttpPort", Integer.toString(FreePorts.next()),
                "--Root", root.toString(), "--SchemaMappingGrpcUri", mappings.uri(), "--MaxFrequency", "300000"));
        args.addAll(List.of(more));
        return FileDataServer.start(Options.load(FileOptions.ALL, args.toArray(String[]::new), Map.of(), dir));
    }

    private static Http http(FileDataServer server) {
        return new Http("http://127.0.0.1:" + server.httpPort());
    }

    private static String path(String identity, String rest) {
        return "/rta/v2/data/" + URLEncoder.encode(identity, StandardCharsets.UTF_8).replace("+", "%20") + "/" + rest;
    }

    private static List<DecodedChunk<TimestampedDataList>> timestamped(String identity, String rest)
            throws IOException {
        return ChunkedWireDecoder.timestamped(Http.ok(http(service).get(path(identity, rest))).body());
    }

    private static List<Sample> samples(List<DecodedChunk<TimestampedDataList>> chunks) {
        List<Sample> samples = new ArrayList<>(Samples.ofTimestampedChunks(chunks));
        samples.sort(Samples.READ_ORDER);
        return samples;
    }

    private static List<Object> content(DecodedChunk<TimestampedDataList> chunk) {
        return List.of(chunk.startTime(), chunk.endTime(), chunk.channelIds(), chunk.list());
    }

    @Test
    void shouldServeEveryWrittenSampleOfParquetAndCsvFilesInAFullRead() throws IOException {
        List<DecodedChunk<TimestampedDataList>> car1 = timestamped(CAR1, "timestamped/0-3");

        assertThat(samples(car1)).containsExactlyElementsOf(CAR1_SAMPLES);
        assertThat(samples(timestamped(CAR2, "timestamped/0"))).containsExactlyElementsOf(CAR2_SAMPLES);
        // 20 s from T0 (not on a second) meet 21 windows of 1 s: one chunk per channel per window
        assertThat(car1.stream().filter(chunk -> chunk.channelIds().equals(List.of(0L)))).hasSize(21)
                .allSatisfy(chunk -> assertThat(chunk.endTime() / S).isEqualTo(chunk.startTime() / S));
        assertThat(timestamped(CAR1, "timestamped/0-3?start=0&end=" + Long.MAX_VALUE).stream()
                .map(FileDataIT::content).toList()).isEqualTo(car1.stream().map(FileDataIT::content).toList());
    }

    @Test
    void shouldServeASubRangeAsTheWholeStableChunksThatCoverIt() throws IOException {
        long start = T0 + 5_500 * MS;
        long end = T0 + 9_200 * MS;
        List<DecodedChunk<TimestampedDataList>> full = timestamped(CAR1, "timestamped/0-3");
        List<DecodedChunk<TimestampedDataList>> part = timestamped(CAR1, "timestamped/0-3?start=" + start
                + "&end=" + end);

        assertThat(full.stream().map(FileDataIT::content).toList())
                .containsAll(part.stream().map(FileDataIT::content).toList());
        assertThat(samples(part)).containsAll(CAR1_SAMPLES.stream()
                .filter(sample -> sample.time() >= start && sample.time() <= end).toList());
        assertThat(samples(part)).allSatisfy(sample -> assertThat(sample.time())
                .isBetween(Math.floorDiv(start, S) * S, Math.floorDiv(end, S) * S + S - 1));
        // rpm has a gap from T0 + 5 s to T0 + 9 s: its chunks here are of the windows before and after it
        assertThat(part.stream().filter(chunk -> chunk.channelIds().equals(List.of(1L))))
                .extracting(chunk -> chunk.startTime() + "-" + chunk.endTime())
                .containsExactly((T0 + 4_880 * MS) + "-" + (T0 + 4_980 * MS),
                        (T0 + 9_000 * MS) + "-" + (T0 + 9_860 * MS));
    }

    @Test
    void shouldServeOnlyTheRequestedChannelsAndNothingForUnmappedOrTextColumns() throws IOException {
        assertThat(samples(timestamped(CAR1, "timestamped/1"))).containsExactlyElementsOf(CAR1_SAMPLES.stream()
                .filter(sample -> sample.channelId() == 1).toList());
        assertThat(samples(timestamped(CAR1, "timestamped/0,2"))).containsExactlyElementsOf(CAR1_SAMPLES.stream()
                .filter(sample -> sample.channelId() != 1).toList());
        assertThat(timestamped(CAR1, "timestamped/3")).isEmpty();
        assertThat(timestamped(CAR1, "timestamped/5-FF")).isEmpty();
    }

    @Test
    void shouldReadAGlobOfTwoFilesAsOneIdentity() throws IOException {
        assertThat(samples(timestamped(PARTS, "timestamped/0"))).containsExactlyElementsOf(PARTS_SAMPLES);
    }

    @Test
    void shouldAnswerTheSameRequestWithIdenticalBytesFromTheCacheAndWithoutIt() throws Exception {
        String request = path(CAR1, "timestamped/0-2?start=" + (T0 + 3 * S) + "&end=" + (T0 + 12 * S));

        byte[] first = Http.ok(http(service).get(request)).body();
        byte[] second = Http.ok(http(service).get(request)).body();
        try (FileDataServer uncached = start("--CacheSize", "0")) {
            byte[] computed = Http.ok(http(uncached).get(request)).body();

            assertThat(first).isNotEmpty().isEqualTo(second).isEqualTo(computed);
        }
    }

    @Test
    void shouldRefuseIdentitiesThatCouldLeaveTheRootWithoutShowingWhereItIs() {
        for (String hostile : List.of("../secret.csv", "runs/../../secret.csv", "/etc/passwd", "C:/secret.csv",
                "escape.csv", "*.csv", "runs/../escape.csv")) {
            HttpResponse<byte[]> answer = http(service).get(path(hostile, "timestamped/0"));

            assertThat(answer.statusCode()).as(hostile).isEqualTo(400);
            assertThat(Http.json(answer).path("message").asText()).as(hostile).contains("'" + hostile + "'")
                    .doesNotContain(base.toString());
        }
        // a backslash never gets this far: Jetty refuses it in the URI ("Suspicious Path Character")
        assertThat(http(service).get(path("runs\\..\\..\\secret.csv", "timestamped/0")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldAnswerAnEmptyReadForAMissingFileAGlobMatchingNothingOrNoSchemaMapping() throws IOException {
        // as the specification's data adapter answers a mapping it does not have, so a federated session stays
        // readable while one binding's file or mapping is not there
        Files.writeString(root.resolve("runs/unmapped.csv"), "time,speed\n1,2\n");
        for (String missing : List.of("runs/none.parquet", "runs/*.txt.parquet", "nowhere/*.csv",
                "runs/unmapped.csv")) {
            for (String kind : List.of("timestamped/0", "row/0", "events")) {
                HttpResponse<byte[]> answer = http(service).get(path(missing, kind));

                assertThat(answer.statusCode()).as(missing + " " + kind).isEqualTo(200);
                assertThat(answer.body()).as(missing + " " + kind).isEmpty();
            }
        }
    }

    @Test
    void shouldServeARowLayoutMappingAsWholeRowsInItsChannelOrderLeavingOutRowsMissingAValue() throws IOException {
        List<DecodedChunk<RowDataList>> chunks = ChunkedWireDecoder.row(Http.ok(http(service)
                .get(path(ROWS, "row/11"))).body());

        assertThat(rows(chunks)).containsExactlyElementsOf(ROWS_WRITTEN);
        // 3 s of rows at 1 kHz from T0 (not on a second) meet 4 windows of 1 s; 64 KiB holds 2,048 rows of 32 bytes
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.channelIds()).containsExactly(16L, 17L, 18L);
            assertThat(chunk.endTime() / S).isEqualTo(chunk.startTime() / S);
            assertThat(chunk.startTime()).isEqualTo(chunk.list().getRowData(0).getTimestamp());
        });
        assertThat(chunks).hasSize(4);
        long start = T0 + 1_500 * MS;
        List<DecodedChunk<RowDataList>> part = ChunkedWireDecoder.row(Http.ok(http(service)
                .get(path(ROWS, "row/10-12?start=" + start + "&end=" + (start + 10 * MS)))).body());
        assertThat(part.stream().map(chunk -> List.of(chunk.startTime(), chunk.endTime(), chunk.list())).toList())
                .isEqualTo(chunks.subList(1, 2).stream().map(chunk -> List.of(chunk.startTime(), chunk.endTime(),
                        chunk.list())).toList());
    }

    @Test
    void shouldServeTheEventMappingsOccurrencesWithTheirTextAndData() throws IOException {
        byte[] body = Http.ok(http(service).get(path(EVENTS, "events"))).body();
        List<DecodedChunk<EventsList>> chunks = ChunkedWireDecoder.events(body);

        assertThat(chunks.stream().flatMap(chunk -> chunk.list().getEventsList().stream()).toList())
                .containsExactlyElementsOf(EVENTS_WRITTEN);
        // events at T0 + 0, 1, 2.5, 4, 5 and 7.5 s: each in a window of 1 s of its own
        assertThat(chunks).hasSize(6).allSatisfy(chunk -> {
            assertThat(chunk.channelIds()).isEmpty();
            assertThat(chunk.endTime() / S).isEqualTo(chunk.startTime() / S);
        });
        long start = T0 + 3_900 * MS;
        List<Event> part = ChunkedWireDecoder.events(Http.ok(http(service).get(path(EVENTS, "events?start=" + start
                + "&end=" + (start + 50 * MS)))).body()).stream()
                .flatMap(chunk -> chunk.list().getEventsList().stream()).toList();
        assertThat(part).containsExactlyElementsOf(EVENTS_WRITTEN.stream()
                .filter(event -> event.getTimestamp() / S == start / S).toList());
        assertThat(Http.ok(http(service).get(path(EVENTS, "events"))).body()).isEqualTo(body);
    }

    @Test
    void shouldAnswerTheOtherLayoutsKindPeriodicReadsAndEventsWithoutMappingsEmpty() {
        for (String read : List.of(ROWS + " timestamped/0-", ROWS + " row/0-F,13-", CAR1 + " row/0-3",
                CAR1 + " events", CAR1 + " periodic/0-3", EVENTS + " timestamped/0-")) {
            String[] parts = read.split(" ");
            HttpResponse<byte[]> answer = http(service).get(path(parts[0], parts[1]));

            assertThat(answer.statusCode()).as(read).isEqualTo(200);
            assertThat(answer.body()).as(read).isEmpty();
        }
    }

    @Test
    void shouldBeHealthyWithTheRootAndTheMappingServiceThere() {
        HttpResponse<byte[]> health = http(service).get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).path("checks").path("root").path("healthy").asBoolean()).isTrue();
        assertThat(Http.json(health).path("checks").path("schema-mapping-service").path("healthy").asBoolean())
                .isTrue();
    }

    @Test
    void shouldServeTheDataThroughTheGatewayForASessionBoundToSourceFiles() throws Exception {
        TestServer server = TestServer.shared();
        String session = "files-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(session, "files session", "2024-05-01T10:00:00+01:00",
                CLOSED, SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder()
                                .setSource(SOURCE).setIdentity(CAR1)))).build()));
        String rowSession = "files-rows-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(rowSession, "files rows session", "2024-05-01T10:00:00+01:00",
                CLOSED, SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder()
                                .setSource(SOURCE).setIdentity(ROWS)))).build()));
        Path dir = Scratch.dir("files-gateway-it-");
        try (GatewayServer gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(FreePorts.next()), "--SessionServiceUri", server.baseUrl(),
            "--ConfigServiceUri", server.baseUrl(), "--DataServiceUris:" + SOURCE,
            "http://127.0.0.1:" + service.httpPort() + "/"}, Map.of(), dir))) {
            Http through = new Http("http://127.0.0.1:" + gateway.httpPort());

            byte[] body = Http.ok(through.get("/rta/v2/sessions/" + session + "/data/timestamped/0-3")).body();

            assertThat(samples(ChunkedWireDecoder.timestamped(body))).containsExactlyElementsOf(CAR1_SAMPLES);
            byte[] rows = Http.ok(through.get("/rta/v2/sessions/" + rowSession + "/data/row/12")).body();
            assertThat(rows(ChunkedWireDecoder.row(rows))).containsExactlyElementsOf(ROWS_WRITTEN);
        }
    }
}
