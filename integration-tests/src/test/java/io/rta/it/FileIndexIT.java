package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.rta.files.FileDataServer;
import io.rta.files.FileOptions;
import io.rta.files.index.FileIndex;
import io.rta.files.index.IndexOptions;
import io.rta.files.index.IndexPlan;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.proto.model.data.RowData;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.Options;
import io.rta.service.net.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rta index files} (called in-process) over a root holding a Parquet file with units and metadata, a CSV
 * file and three files it cannot index, against the shared test server's real session, config and schema mapping
 * services. Then the indexed sessions are read through a gateway in front of an in-process file data service, and
 * compared sample by sample with what was written; a second run changes nothing.
 *
 * <p>Each run of the class uses its own DataSource, so the sessions it makes are its own in the shared server.
 */
class FileIndexIT {

    private static final String CAR1 = "runs/car1.parquet";
    private static final String CAR2 = "runs/2024/car2.csv";
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final long MS = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String source;
    private static Path root;
    private static final List<Sample> CAR1_SAMPLES = new ArrayList<>();
    private static final List<Sample> CAR2_SAMPLES = new ArrayList<>();
    private static String firstOutput;
    private static int firstExit;

    @BeforeAll
    static void indexOnce() throws Exception {
        source = "files-" + UUID.randomUUID().toString().substring(0, 8);
        root = Files.createDirectories(Scratch.dir("file-index-it-").resolve("root")).toRealPath();
        writeFiles();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        firstExit = index(out);
        firstOutput = out.toString(StandardCharsets.UTF_8);
    }

    /**
     * car 1 (Parquet, rows in reverse order): speed (double, unit km/h in the footer) every 10 ms, rpm (integer) on
     * even rows, a text label; car 2 (CSV): speed every 5 ms. Odd files: a CSV without a time column, one with text
     * only, a Parquet file that is not Parquet, and a text file that is not a data file at all.
     */
    private static void writeFiles() throws Exception {
        Files.createDirectories(root.resolve("runs/2024"));
        Files.createDirectories(root.resolve("odd"));
        for (int i = 0; i < 300; i++) {
            CAR1_SAMPLES.add(sample(0, T0 + i * 10 * MS, i * 0.25));
            if (i % 2 == 0) {
                CAR1_SAMPLES.add(sample(1, T0 + i * 10 * MS, 4000 + i));
            }
        }
        CAR1_SAMPLES.sort(Samples.READ_ORDER);
        StringBuilder csv = new StringBuilder("time,speed\n");
        for (int i = 0; i < 200; i++) {
            csv.append(T0 + i * 5 * MS).append(',').append(-i * 1.5).append('\n');
            CAR2_SAMPLES.add(sample(0, T0 + i * 5 * MS, -i * 1.5));
        }
        Files.writeString(root.resolve(CAR2), csv);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT " + T0 + " + i * 10000000 AS time, (i * 0.25)::DOUBLE AS speed, CASE WHEN "
                    + "i % 2 = 0 THEN 4000 + i END AS rpm, 'pit' AS label FROM range(299, -1, -1) t(i)) TO '"
                    + root.resolve(CAR1) + "' (FORMAT PARQUET, KV_METADATA {'unit:speed': 'km/h', driver: 'Ann'})");
        }
        Files.writeString(root.resolve("odd/notime.csv"), "t,speed\n1,2\n");
        Files.writeString(root.resolve("odd/text.csv"), "time,label\n1,pit\n");
        Files.writeString(root.resolve("odd/broken.parquet"), "this is not parquet");
        Files.writeString(root.resolve("odd/readme.txt"), "not data");
    }

    private static Sample sample(long channel, long time, double value) {
        return new Sample(channel, time, ByteString.copyFrom(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(value).array()));
    }

    private static int index(ByteArrayOutputStream out, String... more) throws Exception {
        String grpc = "http://127.0.0.1:" + TestServer.shared().grpcPort() + "/";
        List<String> args = new ArrayList<>(List.of("--Root", root.toString(), "--SessionServiceUri", grpc,
                "--ConfigServiceUri", grpc, "--SchemaMappingGrpcUri", grpc, "--DataSource", source));
        args.addAll(List.of(more));
        Options options = Options.load(IndexOptions.ALL, args.toArray(String[]::new), Map.of(),
                Scratch.dir("file-index-it-config-"));
        return FileIndex.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static Session session(String identity) {
        return TestServer.shared().sessions().getSession(GetSessionRequest.newBuilder()
                .setIdentity(IndexPlan.sessionIdentity(source, identity)).setElements(SessionElements.newBuilder()
                        .setJson(true).setDataBindings(true)).build());
    }

    private static JsonNode json(Session session) throws Exception {
        return JSON.readTree(session.getJson());
    }

    /** Every session of the shared server bound to this run's source. */
    private static List<String> sessionsOfThisSource() {
        return TestServer.shared().sessions().listSessions(ListSessionsRequest.newBuilder().setPageSize(10_000)
                        .setSessionElements(SessionElements.newBuilder().setDataBindings(true)).build())
                .getSessionsList().stream().filter(s -> s.getDataBindingsList().stream()
                        .anyMatch(b -> b.getKey().getSource().equals(source))).map(Session::getIdentity).sorted()
                .toList();
    }

    @Test
    void shouldReportEachFileAndSkipTheOddOnesByName() {
        assertThat(firstExit).isEqualTo(FileIndex.FAILED);
        assertThat(firstOutput).contains("[1/5] odd/broken.parquet: SKIPPED: data identity 'odd/broken.parquet' "
                        + "could not be read", "odd/notime.csv: SKIPPED: data identity 'odd/notime.csv' has no time "
                        + "column 'time'", "odd/text.csv: SKIPPED: no numeric column besides the time column 'time'",
                CAR2 + ": 200 rows, 1 channels, 2023-11-14T22:13:20.123456789Z .. ",
                CAR1 + ": 300 rows, 2 channels", "indexed 2 of 5 file(s), 3 skipped or failed; 2 new config(s)")
                .doesNotContain("readme.txt").doesNotContain(root + "/odd");
    }

    @Test
    void shouldCreateASessionPerFileWithItsDetailsTimeRangeAndBindings() throws Exception {
        Session car1 = session(CAR1);
        JsonNode json = json(car1);

        assertThat(json.path("identifier").asText()).isEqualTo(CAR1);
        assertThat(json.path("state").asText()).isEqualTo("closed");
        assertThat(json.at("/timeRange/startTime").asLong()).isEqualTo(T0);
        assertThat(json.at("/timeRange/endTime").asLong()).isEqualTo(T0 + 299 * 10 * MS);
        assertThat(json.at("/details/file").asText()).isEqualTo(CAR1);
        assertThat(json.at("/details/rows").asText()).isEqualTo("300");
        assertThat(json.at("/details/format").asText()).isEqualTo("parquet");
        assertThat(json.at("/details/driver").asText()).isEqualTo("Ann");
        assertThat(json.at("/details/unit:speed").isMissingNode()).isTrue();
        DataBinding binding = car1.getDataBindings(0);
        assertThat(car1.getDataBindingsCount()).isEqualTo(1);
        assertThat(binding.getKey().getSource()).isEqualTo(source);
        assertThat(binding.getKey().getIdentity()).isEqualTo(CAR1);
        assertThat(binding.getDataChannelBindings(0).getLastSessionChannel()).isEqualTo(1);
        assertThat(json(session(CAR2)).at("/details/format").asText()).isEqualTo("csv");
        assertThat(sessionsOfThisSource()).containsExactlyInAnyOrder(IndexPlan.sessionIdentity(source, CAR1),
                IndexPlan.sessionIdentity(source, CAR2));
    }

    @Test
    void shouldPublishAConfigWithAParameterAndChannelPerNumericColumnAndItsUnit() throws Exception {
        String identifier = json(session(CAR1)).at("/configBindings/0/identifier").asText();
        JsonNode config = JSON.readTree(TestServer.shared().configs().getConfig(GetConfigRequest.newBuilder()
                .setIdentifier(identifier).build()).getData().toStringUtf8()).get("Files");

        assertThat(config.at("/tree/params").toString()).isEqualTo("[\"speed:Files\",\"rpm:Files\"]");
        assertThat(config.at("/parameters/0/unit").asText()).isEqualTo("km/h");
        assertThat(config.at("/parameters/1/channels/0").asInt()).isEqualTo(1);
        assertThat(config.at("/channels/1/name").asText()).isEqualTo("rpm");
        assertThat(config.at("/channels/1/source").asText()).isEqualTo("timestamped");
        assertThat(json(session(CAR2)).at("/configBindings/0/identifier").asText()).isNotEqualTo(identifier);
    }

    @Test
    void shouldServeTheIndexedFilesThroughTheGatewayByTheirSessions() throws Exception {
        try (FileDataServer files = fileService(root, source);
             GatewayServer gateway = gateway(source, files)) {
            Http through = new Http("http://127.0.0.1:" + gateway.httpPort());

            assertThat(read(through, CAR1, "0-1")).containsExactlyElementsOf(CAR1_SAMPLES);
            assertThat(read(through, CAR2, "0")).containsExactlyElementsOf(CAR2_SAMPLES);
        }
    }

    /** An in-process file data service over {@code files} for {@code dataSource}, 1 s windows. */
    private static FileDataServer fileService(Path files, String dataSource) throws Exception {
        String grpc = "http://127.0.0.1:" + TestServer.shared().grpcPort() + "/";
        return FileDataServer.start(Options.load(FileOptions.ALL, new String[] {"--HttpPort",
            Integer.toString(FreePorts.next()), "--Root", files.toString(), "--SchemaMappingGrpcUri", grpc,
            "--DataSource", dataSource, "--MaxFrequency", "10000"}, Map.of(), Scratch.dir("file-index-it-svc-")));
    }

    /** A gateway in front of the shared server, with {@code files} as the data service of {@code dataSource}. */
    private static GatewayServer gateway(String dataSource, FileDataServer files) throws Exception {
        TestServer server = TestServer.shared();
        return GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {"--HttpPort",
            Integer.toString(FreePorts.next()), "--SessionServiceUri", server.baseUrl(), "--ConfigServiceUri",
            server.baseUrl(), "--DataServiceUris:" + dataSource, "http://127.0.0.1:" + files.httpPort() + "/"},
            Map.of(), Scratch.dir("file-index-it-gw-")));
    }

    private static List<Sample> read(Http through, String identity, String channels) throws Exception {
        byte[] body = Http.ok(through.get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(source, identity)
                + "/data/timestamped/" + channels)).body();
        List<Sample> samples = new ArrayList<>(Samples.ofTimestampedChunks(ChunkedWireDecoder.timestamped(body)));
        samples.sort(Samples.READ_ORDER);
        return samples;
    }

    @Test
    void shouldIndexForTheRowLayoutWhenAskedAndServeEachFileAsWholeRows() throws Exception {
        String rows = source + "-rows";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(index(out, "--DataSource", rows, "--Layout", "row")).isEqualTo(FileIndex.FAILED);

        String identifier = JSON.readTree(TestServer.shared().sessions().getSession(GetSessionRequest.newBuilder()
                .setIdentity(IndexPlan.sessionIdentity(rows, CAR1)).setElements(SessionElements.newBuilder()
                        .setJson(true)).build()).getJson()).at("/configBindings/0/identifier").asText();
        JsonNode config = JSON.readTree(TestServer.shared().configs().getConfig(GetConfigRequest.newBuilder()
                .setIdentifier(identifier).build()).getData().toStringUtf8()).get("Files");
        assertThat(config.at("/channels").findValuesAsText("source")).containsExactly("row", "row");
        try (FileDataServer files = fileService(root, rows)) {
            Http http = new Http("http://127.0.0.1:" + files.httpPort());
            List<RowData> served = ChunkedWireDecoder.row(Http.ok(http.get("/rta/v2/data/"
                    + URLEncoder.encode(CAR1, StandardCharsets.UTF_8) + "/row/1")).body()).stream()
                    .flatMap(chunk -> chunk.list().getRowDataList().stream()).toList();

            // rpm has a value on even rows only: the others are left out
            List<RowData> expected = new ArrayList<>();
            for (int i = 0; i < 300; i += 2) {
                expected.add(RowData.newBuilder().addChannelIds(0).addChannelIds(1).setTimestamp(T0 + i * 10 * MS)
                        .setBuffer(ByteString.copyFrom(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                                .putDouble(i * 0.25).putDouble(4000 + i).array())).build());
            }
            assertThat(served).containsExactlyElementsOf(expected);
            assertThat(http.get("/rta/v2/data/" + URLEncoder.encode(CAR1, StandardCharsets.UTF_8)
                    + "/timestamped/0-1").body()).isEmpty();
        }
    }

    @Test
    void shouldIndexADirectoryAsOneSessionBindingEachFileAtItsChannelOffset() throws Exception {
        Path groups = Files.createDirectories(Scratch.dir("file-index-it-groups-").resolve("root")).toRealPath();
        Files.createDirectories(groups.resolve("run42"));
        Files.createDirectories(groups.resolve("run43"));
        List<Sample> run42 = new ArrayList<>();
        StringBuilder slow = new StringBuilder("time,Alpha,delta\n");
        for (int i = 0; i < 100; i++) {
            slow.append(T0 + i * 20 * MS).append(',').append(i).append(',').append(-i).append('\n');
            run42.add(sample(2, T0 + i * 20 * MS, i));
            run42.add(sample(3, T0 + i * 20 * MS, -i));
        }
        Files.writeString(groups.resolve("run42/samples_50.csv"), slow);
        Files.writeString(groups.resolve("run43/only.csv"), "time,x\n" + T0 + ",1\n");
        // a directory with a file that cannot be read: its good file is not indexed either
        Files.createDirectories(groups.resolve("run44"));
        Files.writeString(groups.resolve("run44/good.csv"), "time,x\n" + T0 + ",1\n");
        Files.writeString(groups.resolve("run44/broken.parquet"), "this is not parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT " + T0 + " + i * 10000000 AS time, (i * 0.5)::DOUBLE AS alpha, (i * 2.0)::DOUBLE"
                    + " AS beta FROM range(200) t(i)) TO '" + groups.resolve("run42/samples_100.parquet")
                    + "' (FORMAT PARQUET)");
        }
        for (int i = 0; i < 200; i++) {
            run42.add(sample(0, T0 + i * 10 * MS, i * 0.5));
            run42.add(sample(1, T0 + i * 10 * MS, i * 2.0));
        }
        run42.sort(Samples.READ_ORDER);
        String dirs = source + "-dirs";
        String grpc = "http://127.0.0.1:" + TestServer.shared().grpcPort() + "/";
        String[] args = {"--Root", groups.toString(), "--SessionServiceUri", grpc, "--ConfigServiceUri", grpc,
            "--SchemaMappingGrpcUri", grpc, "--DataSource", dirs, "--GroupBy", "directory"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(FileIndex.run(Options.load(IndexOptions.ALL, args, Map.of(), Scratch.dir("file-index-it-g-")),
                new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(FileIndex.FAILED);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("one session per directory (3)",
                "[1/3] run42/: 2 file(s), 300 rows, 4 channels", "[2/3] run43/: 1 file(s), 1 rows, 1 channels",
                "[3/3] run44/: run44/broken.parquet: SKIPPED: ",
                "[3/3] run44/: SKIPPED: 1 of its 2 file(s) could not be indexed",
                "indexed 3 of 5 file(s) into 2 session(s), 2 skipped or failed; ");
        assertThat(Http.ok(TestServer.shared().http().get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(dirs,
                "run43/"))).statusCode()).isEqualTo(200);
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(dirs, "run44/"))
                .statusCode()).isEqualTo(404);
        Session session = TestServer.shared().sessions().getSession(GetSessionRequest.newBuilder()
                .setIdentity(IndexPlan.sessionIdentity(dirs, "run42/")).setElements(SessionElements.newBuilder()
                        .setJson(true).setDataBindings(true)).build());
        assertThat(json(session).path("identifier").asText()).isEqualTo("run42/");
        assertThat(json(session).at("/details/files").asText()).isEqualTo("2");
        assertThat(session.getDataBindingsList()).extracting(binding -> binding.getKey().getIdentity())
                .containsExactly("run42/samples_100.parquet", "run42/samples_50.csv");
        JsonNode config = JSON.readTree(TestServer.shared().configs().getConfig(GetConfigRequest.newBuilder()
                .setIdentifier(json(session).at("/configBindings/0/identifier").asText()).build()).getData()
                .toStringUtf8()).get("Files");
        assertThat(config.at("/tree/params").toString())
                .isEqualTo("[\"alpha:Files\",\"beta:Files\",\"Alpha_2:Files\",\"delta:Files\"]");
        try (FileDataServer files = fileService(groups, dirs);
             GatewayServer gateway = gateway(dirs, files)) {
            byte[] body = Http.ok(new Http("http://127.0.0.1:" + gateway.httpPort()).get("/rta/v2/sessions/"
                    + IndexPlan.sessionIdentity(dirs, "run42/") + "/data/timestamped/0-3")).body();
            List<Sample> samples = new ArrayList<>(Samples.ofTimestampedChunks(ChunkedWireDecoder.timestamped(body)));
            samples.sort(Samples.READ_ORDER);

            assertThat(samples).containsExactlyElementsOf(run42);
        }
        String before = session.toString();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(FileIndex.run(Options.load(IndexOptions.ALL, args, Map.of(), Scratch.dir("file-index-it-g2-")),
                new PrintStream(again, true, StandardCharsets.UTF_8))).isEqualTo(FileIndex.FAILED);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("0 new config(s)").doesNotContain("(new)");
        assertThat(TestServer.shared().sessions().getSession(GetSessionRequest.newBuilder()
                .setIdentity(IndexPlan.sessionIdentity(dirs, "run42/")).setElements(SessionElements.newBuilder()
                        .setJson(true).setDataBindings(true)).build()).toString()).isEqualTo(before);

        // --Prune: run43's only file goes; its session and mapping go, a session someone else bound to it stays
        String someoneElses = "files-kept-" + UUID.randomUUID();
        TestServer.shared().sessions().createOrUpdateSession(create(someoneElses, "kept", "2024-05-01T10:00:00Z",
                CLOSED, SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder().setSource(dirs)
                                .setIdentity("run43/only.csv")))).build()));
        Files.delete(groups.resolve("run43/only.csv"));
        String[] prune = Arrays.copyOf(args, args.length + 2);
        prune[args.length] = "--Prune";
        prune[args.length + 1] = "true";
        ByteArrayOutputStream pruned = new ByteArrayOutputStream();
        FileIndex.run(Options.load(IndexOptions.ALL, prune, Map.of(), Scratch.dir("file-index-it-g3-")),
                new PrintStream(pruned, true, StandardCharsets.UTF_8));

        assertThat(pruned.toString(StandardCharsets.UTF_8)).contains("pruned session "
                + IndexPlan.sessionIdentity(dirs, "run43/") + ": run43/only.csv is gone",
                "pruned 1 session(s) whose files are gone");
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(dirs, "run43/"))
                .statusCode()).isEqualTo(404);
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + someoneElses).statusCode()).isEqualTo(200);
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(dirs, "run42/"))
                .statusCode()).isEqualTo(200);
        assertThat(SchemaMappingStoreGrpc.newBlockingStub(TestServer.shared().channel()).hasSchemaMapping(
                HasSchemaMappingRequest.newBuilder().setDataSource(dirs).setDataIdentity("run43/only.csv").build())
                .getValue()).isFalse();
        assertThat(SchemaMappingStoreGrpc.newBlockingStub(TestServer.shared().channel()).hasSchemaMapping(
                HasSchemaMappingRequest.newBuilder().setDataSource(dirs).setDataIdentity("run42/samples_50.csv")
                        .build()).getValue()).isTrue();

        // a wrong Root (empty: an unmounted disk) makes every file look gone: --Prune true prunes nothing then
        String[] wrongRoot = prune.clone();
        wrongRoot[1] = Files.createDirectories(Scratch.dir("file-index-it-empty-")).toRealPath().toString();
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(FileIndex.run(Options.load(IndexOptions.ALL, wrongRoot, Map.of(), Scratch.dir("file-index-it-g4-")),
                new PrintStream(refused, true, StandardCharsets.UTF_8))).isEqualTo(FileIndex.FAILED);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("nothing pruned: 1 of the 1 session(s) made for "
                + dirs + " would go (no file was found under Root); is Root right? --Prune all prunes them");
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(dirs, "run42/"))
                .statusCode()).isEqualTo(200);

        // Root one level too high: the run indexes the same files under other paths ("root/run42/...") and every
        // session made before looks stale; the sessions this run makes must not count as sessions that stay
        String[] parentRoot = prune.clone();
        parentRoot[1] = groups.getParent().toString();
        ByteArrayOutputStream tooHigh = new ByteArrayOutputStream();
        assertThat(FileIndex.run(Options.load(IndexOptions.ALL, parentRoot, Map.of(), Scratch.dir("file-index-it-g5-")),
                new PrintStream(tooHigh, true, StandardCharsets.UTF_8))).isEqualTo(FileIndex.FAILED);
        assertThat(tooHigh.toString(StandardCharsets.UTF_8)).contains("nothing pruned: 1 of the 1 session(s) made "
                + "for " + dirs + " would go; is Root right? --Prune all prunes them");
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + IndexPlan.sessionIdentity(dirs, "run42/"))
                .statusCode()).isEqualTo(200);

        // a directory whose every file was replaced (a logger rotating them): the run binds its session to the new
        // file and must not prune it as stale
        Files.createDirectories(groups.resolve("rotating"));
        Files.copy(groups.resolve("run42/samples_50.csv"), groups.resolve("rotating/first.csv"));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        // with --Prune: the sessions the Root-too-high run made go now, so the rotation below is the only change
        FileIndex.run(Options.load(IndexOptions.ALL, prune, Map.of(), Scratch.dir("file-index-it-g6-")),
                new PrintStream(first, true, StandardCharsets.UTF_8));
        assertThat(first.toString(StandardCharsets.UTF_8)).contains("pruned 1 session(s) whose files are gone");
        String rotating = IndexPlan.sessionIdentity(dirs, "rotating/");
        assertThat(TestServer.shared().http().get("/rta/v2/sessions/" + rotating).statusCode())
                .as(first.toString(StandardCharsets.UTF_8)).isEqualTo(200);
        Files.move(groups.resolve("rotating/first.csv"), groups.resolve("rotating/second.csv"));
        ByteArrayOutputStream rotated = new ByteArrayOutputStream();
        FileIndex.run(Options.load(IndexOptions.ALL, prune, Map.of(), Scratch.dir("file-index-it-g7-")),
                new PrintStream(rotated, true, StandardCharsets.UTF_8));
        assertThat(rotated.toString(StandardCharsets.UTF_8)).as(rotated.toString(StandardCharsets.UTF_8))
                .doesNotContain("pruned session " + rotating);
        assertThat(Http.text(Http.ok(TestServer.shared().http().get("/rta/v2/sessions/" + rotating))))
                .isNotEmpty();
        assertThat(TestServer.shared().sessions().getSession(GetSessionRequest.newBuilder().setIdentity(rotating)
                .setElements(SessionElements.newBuilder().setDataBindings(true)).build()).getDataBindingsList())
                .extracting(binding -> binding.getKey().getIdentity()).containsExactly("rotating/second.csv");
    }

    @Test
    void shouldChangeNothingWhenRunAgain() throws Exception {
        String car1 = session(CAR1).toString();
        String car2 = session(CAR2).toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(index(out)).isEqualTo(FileIndex.FAILED);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("indexed 2 of 5 file(s), 3 skipped or failed; "
                + "0 new config(s)").doesNotContain("(new)");
        assertThat(session(CAR1).toString()).isEqualTo(car1);
        assertThat(session(CAR2).toString()).isEqualTo(car2);
        assertThat(sessionsOfThisSource()).hasSize(2);
    }
}
