package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.rta.files.FileDataServer;
import io.rta.files.FileOptions;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.influx.InfluxDataServer;
import io.rta.influx.InfluxOptions;
import io.rta.influx.InfluxProcess;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.proto.model.data.Event;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DataChannelBinding;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.Options;
import io.rta.service.net.FreePorts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data federation end to end: one session whose data bindings combine three stores behind one gateway, each read
 * where it lives, ATLAS reading the session as if it were one.
 *
 * <ul>
 *   <li>source {@code rta}: the Kafka-backed data service of the shared server, written through its DataWriter gRPC
 *       (channels 0 and 1, bound unchanged);</li>
 *   <li>source {@code influx}: a real InfluxDB ({@link InfluxProcess}) behind {@code ./rta influx-data-service},
 *       recorded an hour before the session: bound with {@code sessionTimeOffset} +1 h and its data channels 0-2 moved
 *       to session channels 0x10-0x12 (the time shift and the channel offset);</li>
 *   <li>source {@code files}: a Parquet file written with DuckDB behind {@code ./rta file-data-service}, its columns
 *       mapped to data channels 0x20 and 0x21 (bound unchanged).</li>
 * </ul>
 *
 * <p>The mappings live in the shared server's schema mapping service, the session and its one config in its session
 * and config services. Reads go through the gateway ({@code DataServiceUris:rta|influx|files}) and are compared
 * sample by sample with what was written, shifted and offset by this test's own expectation code.
 */
class FederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KAFKA = "rta";
    private static final String INFLUX = "influx";
    private static final String FILES = "files";
    private static final String DATABASE = "rta";
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    /** Session time of the first sample (the Kafka data's time; a whole number of seconds). */
    private static final long T0 = Telemetry.T0;
    /** The Influx data was recorded an hour before the session's time: session time = data time + 1 h. */
    private static final long INFLUX_OFFSET = 3600 * S;
    /** Influx data channels 0-2 are session channels 0x10-0x12. */
    private static final int INFLUX_FIRST_SESSION_CHANNEL = 0x10;
    private static final int FILES_FIRST_CHANNEL = 0x20;
    /** Every session channel, as ATLAS asks for them in one request. */
    private static final String ALL_CHANNELS = "0-1,10-12,20-21";
    private static final int BURSTS = 20;

    private static final String RUN = UUID.randomUUID().toString();
    private static final String KAFKA_IDENTITY = "federation-" + RUN;
    private static final String INFLUX_IDENTITY = "run='" + RUN + "'";
    private static final String FILE_IDENTITY = "federation/" + RUN + "/car.parquet";
    private static final String SESSION = "federation-" + RUN;
    private static final String CONFIG = "federation-config-" + RUN;

    /** Per source, what a read of the session must return: session channels and session times. */
    private static final List<Sample> KAFKA_SAMPLES = new ArrayList<>();
    private static final List<Sample> INFLUX_SAMPLES = new ArrayList<>();
    private static final List<Sample> FILE_SAMPLES = new ArrayList<>();
    private static final List<Sample> ALL_SAMPLES = new ArrayList<>();
    /** Every event a read of the session must return, in session time, by time. */
    private static final List<Event> ALL_EVENTS = new ArrayList<>();
    private static final Comparator<Event> BY_TIME = Comparator.comparingLong(Event::getTimestamp)
            .thenComparing(Event::getAppName);

    private static InfluxProcess influx;
    private static SchemaMappings mappings;
    private static InfluxDataServer influxService;
    private static FileDataServer fileService;
    private static GatewayServer gateway;

    @BeforeAll
    static void federate() throws Exception {
        TestServer server = TestServer.shared();
        writeToKafka(server);
        mappings = SchemaMappings.start();
        influx = InfluxProcess.start();
        influx.createDatabase(DATABASE);
        influx.write(DATABASE, influxLines());
        mappings.put(PutSchemaMappingRequest.newBuilder().setDataSource(INFLUX).setDataIdentity(INFLUX_IDENTITY)
                .setSchemaMapping(SchemaMapping.newBuilder().putProperties("measurement", "telemetry")
                        .addFieldMappings(field("speed", 0)).addFieldMappings(field("rpm", 1))
                        .addFieldMappings(field("gear", 2))
                        .addEventMappings(EventMapping.newBuilder().setSourceEvent("lap").setTargetEventApp("fed")
                                .setTargetEventId(7).addSourceEventDataFields("laptime"))).build());
        influxService = InfluxDataServer.start(Options.load(InfluxOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(FreePorts.next()), "--DataSource", INFLUX,
            "--SchemaMappingGrpcUri", mappings.uri(), "--InfluxUri", influx.uri(), "--InfluxHealthCheckPath", "/ping",
            "--MaxFrequency", "300000", "--SchemaMappingDefaults:InfluxQL:Database", DATABASE}, Map.of(),
                Scratch.dir("federation-influx-")));
        Path root = Scratch.dir("federation-files-").toRealPath();
        writeParquet(root);
        mappings.put(PutSchemaMappingRequest.newBuilder().setDataSource(FILES).setDataIdentity(FILE_IDENTITY)
                .setSchemaMapping(SchemaMapping.newBuilder().addFieldMappings(field("throttle", FILES_FIRST_CHANNEL))
                        .addFieldMappings(field("brake", FILES_FIRST_CHANNEL + 1))).build());
        fileService = FileDataServer.start(Options.load(FileOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(FreePorts.next()), "--Root", root.toString(),
            "--SchemaMappingGrpcUri", mappings.uri(), "--MaxFrequency", "300000"}, Map.of(),
                Scratch.dir("federation-files-config-")));
        publishConfig(server);
        bindSession(server);
        gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(FreePorts.next()), "--SessionServiceUri", server.baseUrl(),
            "--ConfigServiceUri", server.baseUrl(), "--DataServiceUris:" + KAFKA, server.baseUrl(),
            "--DataServiceUris:" + INFLUX, "http://127.0.0.1:" + influxService.httpPort() + "/",
            "--DataServiceUris:" + FILES, "http://127.0.0.1:" + fileService.httpPort() + "/"}, Map.of(),
                Scratch.dir("federation-gateway-")));
        for (List<Sample> source : List.of(KAFKA_SAMPLES, INFLUX_SAMPLES, FILE_SAMPLES)) {
            source.sort(Samples.READ_ORDER);
            ALL_SAMPLES.addAll(source);
        }
        ALL_SAMPLES.sort(Samples.READ_ORDER);
        ALL_EVENTS.sort(BY_TIME);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {gateway, fileService, influxService, mappings, influx}) {
            if (part != null) {
                part.close();
            }
        }
    }

    /**
     * 10 s of two timestamped channels (100 Hz and 20 Hz, 8-byte samples) in bursts of 500 ms, as a pipeline writes
     * them; readable once the flush marker is echoed.
     */
    private static void writeToKafka(TestServer server) {
        List<WriteDataStreamMessage> written = new ArrayList<>();
        for (int k = 0; k < BURSTS; k++) {
            long start = T0 + k * Telemetry.BURST;
            written.add(Telemetry.timestamped(0, start, MS, 50, 8, k, i -> 10));
            written.add(Telemetry.timestamped(1, start + 3 * MS, MS, 10, 8, k, i -> 50));
            written.add(Telemetry.event(k, 250 * MS, 1));
        }
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity(KAFKA_IDENTITY).send(written).flush("federation");
            stream.complete();
        }
        KAFKA_SAMPLES.addAll(Samples.ofTimestamped(Telemetry.timestamped(written)));
        ALL_EVENTS.addAll(Telemetry.events(written));
    }

    /**
     * 10 s recorded an hour before the session: speed at 100 Hz, rpm at 50 Hz, an integer gear every second (served as
     * double), 5 ms after the Kafka samples' data times; laps (a string event with a lap time) between samples.
     */
    private static String influxLines() {
        StringBuilder lines = new StringBuilder();
        long dataT0 = T0 - INFLUX_OFFSET + 5 * MS;
        for (int i = 0; i < 1000; i++) {
            long time = dataT0 + i * 10 * MS;
            lines.append("telemetry,run=").append(RUN).append(" speed=").append(i * 0.5);
            INFLUX_SAMPLES.add(doubleSample(INFLUX_FIRST_SESSION_CHANNEL, time + INFLUX_OFFSET, i * 0.5));
            if (i % 2 == 0) {
                lines.append(",rpm=").append(4000 + i).append(".0");
                INFLUX_SAMPLES.add(doubleSample(INFLUX_FIRST_SESSION_CHANNEL + 1, time + INFLUX_OFFSET, 4000 + i));
            }
            if (i % 100 == 0) {
                lines.append(",gear=").append(i / 100 % 6 + 1).append('i');
                INFLUX_SAMPLES.add(doubleSample(INFLUX_FIRST_SESSION_CHANNEL + 2, time + INFLUX_OFFSET,
                        i / 100 % 6 + 1));
            }
            lines.append(' ').append(time).append('\n');
            if (i % 250 == 7) {
                double lapTime = 80 + i / 1000.0;
                lines.append("telemetry,run=").append(RUN).append(" lap=\"Lap ").append(i / 250).append("\",laptime=")
                        .append(lapTime).append(' ').append(time + 5 * MS).append('\n');
                ALL_EVENTS.add(Event.newBuilder().setEventDefinitionId(7).setAppName("fed")
                        .setTimestamp(time + 5 * MS + INFLUX_OFFSET).setStatusText("Lap " + i / 250)
                        .addRawData(lapTime).build());
            }
        }
        return lines.toString();
    }

    /** 10 s of throttle and brake at 50 Hz, 2 ms after the Kafka samples, rows shuffled, in small row groups. */
    private static void writeParquet(Path root) throws Exception {
        Path file = root.resolve(FILE_IDENTITY);
        Files.createDirectories(file.getParent());
        long first = T0 + 2 * MS;
        for (int i = 0; i < 500; i++) {
            FILE_SAMPLES.add(doubleSample(FILES_FIRST_CHANNEL, first + i * 20 * MS, i * 0.25));
            FILE_SAMPLES.add(doubleSample(FILES_FIRST_CHANNEL + 1, first + i * 20 * MS, 100 - i * 0.125));
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT " + first + " + i * 20000000 AS time, i * 0.25 AS throttle, 100 - i * 0.125 AS "
                    + "brake FROM range(500) t(i) ORDER BY (i * 7919) % 500) TO '" + file
                    + "' (FORMAT PARQUET, ROW_GROUP_SIZE 100)");
        }
    }

    /** One config for the whole session: a parameter per channel, each channel of every source. */
    private static void publishConfig(TestServer server) {
        StringBuilder tree = new StringBuilder();
        StringBuilder parameters = new StringBuilder();
        StringBuilder channels = new StringBuilder();
        String[][] named = {{"0", "kafka_a"}, {"1", "kafka_b"}, {"16", "speed"}, {"17", "rpm"}, {"18", "gear"},
            {"32", "throttle"}, {"33", "brake"}};
        for (String[] channel : named) {
            String separator = parameters.length() == 0 ? "" : ",";
            tree.append(separator).append('"').append(channel[1]).append(":fed\"");
            parameters.append(separator).append("{\"id\": \"").append(channel[1]).append(":fed\", \"name\": \"")
                    .append(channel[1]).append("\", \"desc\": \"").append(channel[1])
                    .append("\", \"conv\": \"1to1:fed\", \"channels\": [").append(channel[0]).append("]}");
            channels.append(separator).append("{\"id\": ").append(channel[0])
                    .append(", \"source\": \"timestamped\"}");
        }
        String config = "{\"fed\": {\"tree\": {\"params\": [" + tree + "]}, \"parameters\": [" + parameters
                + "], \"channels\": [" + channels + "], \"conversions\": [{\"name\": \"1to1:fed\", \"unit\": \"\", "
                + "\"format\": \"%5.3f\"}]}}";
        server.configs().putConfig(PutConfigRequest.newBuilder().setIdentifier(CONFIG)
                .setContentType("application/vnd.mat.config+json")
                .setData(ByteString.copyFrom(config, StandardCharsets.UTF_8)).build());
    }

    private static void bindSession(TestServer server) {
        bindSession(server, SESSION, List.of());
    }

    /** Binds {@code session} to the three stores as described, and to {@code more}. */
    private static void bindSession(TestServer server, String session, List<DataBinding> more) {
        SessionUpdate config = SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList
                .newBuilder().addConfigBindings(ConfigBinding.newBuilder().setIdentifier(CONFIG))).build();
        SessionUpdate data = SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                .addDataBindings(binding(KAFKA, KAFKA_IDENTITY, 0, 0, 0, 1))
                .addDataBindings(binding(INFLUX, INFLUX_IDENTITY, INFLUX_OFFSET, 0, INFLUX_FIRST_SESSION_CHANNEL,
                        INFLUX_FIRST_SESSION_CHANNEL + 2))
                .addDataBindings(binding(FILES, FILE_IDENTITY, 0, FILES_FIRST_CHANNEL, FILES_FIRST_CHANNEL,
                        FILES_FIRST_CHANNEL + 1))
                .addAllDataBindings(more)).build();
        server.sessions().createOrUpdateSession(create(session, "federation", "2023-11-14T22:13:20Z", CLOSED,
                config, data));
    }

    private static DataBinding binding(String source, String identity, long offset, int firstData, int firstSession,
                                       int lastSession) {
        return DataBinding.newBuilder().setKey(DataBindingKey.newBuilder().setSource(source).setIdentity(identity))
                .setSessionTimeOffset(offset).addDataChannelBindings(DataChannelBinding.newBuilder()
                        .setFirstDataChannel(firstData).setFirstSessionChannel(firstSession)
                        .setLastSessionChannel(lastSession)).build();
    }

    private static FieldMapping.Builder field(String name, int channel) {
        return FieldMapping.newBuilder().setSourceField(name).setTargetChannel(channel);
    }

    private static Sample doubleSample(long channel, long time, double value) {
        return new Sample(channel, time, ByteString.copyFrom(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(value).array()));
    }

    private static Http gateway() {
        return new Http("http://127.0.0.1:" + gateway.httpPort());
    }

    /** The session's timestamped data of {@code channels} through the gateway, in read order. */
    private static List<Sample> read(String channels, String query) throws IOException {
        return read(SESSION, channels, query);
    }

    private static List<Sample> read(String session, String channels, String query) throws IOException {
        byte[] body = Http.ok(gateway().get("/rta/v2/sessions/" + session + "/data/timestamped/" + channels + query))
                .body();
        List<Sample> samples = new ArrayList<>(Samples.ofTimestampedChunks(ChunkedWireDecoder.timestamped(body)));
        samples.sort(Samples.READ_ORDER);
        return samples;
    }

    private static List<Sample> expected(Predicate<Sample> which) {
        return ALL_SAMPLES.stream().filter(which).toList();
    }

    private static Predicate<Sample> channels(long from, long to) {
        return sample -> sample.channelId() >= from && sample.channelId() <= to;
    }

    @Test
    void shouldServeEveryChannelOfTheThreeSourcesInOneRequestSampleExactly() throws IOException {
        assertThat(KAFKA_SAMPLES).hasSize(BURSTS * 60);
        assertThat(INFLUX_SAMPLES).hasSize(1000 + 500 + 10);
        assertThat(FILE_SAMPLES).hasSize(1000);

        assertThat(read(ALL_CHANNELS, "")).containsExactlyElementsOf(ALL_SAMPLES);
        // a time range around the session's: the same answer
        assertThat(read(ALL_CHANNELS, "?start=" + (T0 - 60 * S) + "&end=" + (T0 + 60 * S)))
                .containsExactlyElementsOf(ALL_SAMPLES);
        // channels ATLAS asks for that no binding serves add nothing
        assertThat(read("0-FF", "")).containsExactlyElementsOf(ALL_SAMPLES);
    }

    /**
     * A binding to a file not there yet and one to an identity whose mapping is not published add nothing, and the
     * other stores' data is served as before (the adapters answer them empty, not 404, so the gateway has no failure
     * to pass on).
     */
    @Test
    void shouldServeTheOtherBindingsWhileOneHasNoFileAndOneNoMappingYet() throws IOException {
        String partial = SESSION + "-partial";
        bindSession(TestServer.shared(), partial, List.of(
                binding(FILES, "federation/" + RUN + "/not-yet.parquet", 0, 0, 0x30, 0x31),
                binding(INFLUX, "run='" + RUN + "-not-mapped'", 0, 0, 0x40, 0x42)));

        assertThat(read(partial, ALL_CHANNELS + ",30-31,40-42", "")).containsExactlyElementsOf(ALL_SAMPLES);
        assertThat(read(partial, "30-31,40-42", "")).isEmpty();
    }

    @Test
    void shouldServeEachChannelAloneAsItsSourceWroteIt() throws IOException {
        for (long channel : List.of(0L, 1L, 0x10L, 0x11L, 0x12L, 0x20L, 0x21L)) {
            assertThat(read(Long.toHexString(channel), "")).as("channel %x", channel)
                    .isNotEmpty().containsExactlyElementsOf(expected(channels(channel, channel)));
        }
        assertThat(read("2-F,13-1F,22-FF", "")).isEmpty();
    }

    /**
     * A sub-range is answered with the whole chunks that cover it (each source cuts its own): every sample written in
     * it, each once, and nothing that was not written.
     */
    @Test
    void shouldServeASubRangeOfEverySourceWithEverySampleInItOnce() throws IOException {
        long start = T0 + 3_250 * MS;
        long end = T0 + 6_500 * MS;

        List<Sample> part = read(ALL_CHANNELS, "?start=" + start + "&end=" + end);

        assertThat(part).doesNotHaveDuplicates().isSubsetOf(ALL_SAMPLES)
                .containsAll(expected(sample -> sample.time() >= start && sample.time() <= end));
        for (List<Sample> source : List.of(KAFKA_SAMPLES, INFLUX_SAMPLES, FILE_SAMPLES)) {
            assertThat(part).containsAnyElementsOf(source);
        }
        // the Influx and file services cut 1 s windows: whole windows around the range, not the whole session (the
        // Kafka-backed service's slots may be longer)
        assertThat(part).filteredOn(channels(0x10, 0x21)).allSatisfy(sample -> assertThat(sample.time())
                .isBetween(start - S, end + S));
    }

    /** The Influx binding's data is an hour earlier: it is read and served in session time, an hour later. */
    @Test
    void shouldServeTheShiftedBindingInSessionTimeOnly() throws IOException {
        long start = T0 + 2 * S;
        long end = T0 + 3 * S - 1;
        Predicate<Sample> inside = sample -> sample.time() >= start && sample.time() <= end;

        List<Sample> shifted = read("10-12", "?start=" + start + "&end=" + end);

        assertThat(shifted).isSubsetOf(INFLUX_SAMPLES).containsAll(INFLUX_SAMPLES.stream().filter(inside).toList());
        assertThat(shifted.stream().filter(inside).toList()).hasSize(100 + 50 + 1);
        // the data's own times are not session times: nothing is bound there
        assertThat(read(ALL_CHANNELS, "?start=" + (start - INFLUX_OFFSET) + "&end=" + (end - INFLUX_OFFSET)))
                .isEmpty();
        // the data service itself answers in data time, on data channels
        assertThat(Samples.ofTimestampedChunks(ChunkedWireDecoder.timestamped(Http.ok(new Http("http://127.0.0.1:"
                + influxService.httpPort()).get("/rta/v2/data/" + Http.encode(INFLUX_IDENTITY)
                + "/timestamped/0?start=" + (start - INFLUX_OFFSET) + "&end=" + (end - INFLUX_OFFSET))).body())))
                .isNotEmpty().allSatisfy(sample -> assertThat(sample.channelId()).isZero())
                .allSatisfy(sample -> assertThat(sample.time()).isLessThan(T0 - INFLUX_OFFSET + 10 * S));
    }

    private static List<Event> events(String query) throws IOException {
        List<Event> events = new ArrayList<>(ChunkedWireDecoder.events(Http.ok(gateway().get("/rta/v2/sessions/"
                + SESSION + "/data/events" + query)).body()).stream()
                .flatMap(chunk -> chunk.list().getEventsList().stream()).toList());
        events.sort(BY_TIME);
        return events;
    }

    /** The events of the Kafka-backed store and of the Influx event mappings, merged, the Influx ones shifted. */
    @Test
    void shouldMergeTheEventsOfEverySourceInSessionTime() throws IOException {
        long start = T0 + 2 * S;
        long end = T0 + 3 * S - 1;

        assertThat(ALL_EVENTS).hasSize(BURSTS + 4).extracting(Event::getAppName).contains("it", "fed");
        assertThat(events("")).containsExactlyElementsOf(ALL_EVENTS);
        assertThat(events("?start=" + start + "&end=" + end)).isSubsetOf(ALL_EVENTS).containsAll(ALL_EVENTS.stream()
                .filter(event -> event.getTimestamp() >= start && event.getTimestamp() <= end).toList())
                .extracting(Event::getAppName).contains("it", "fed");
    }

    /** ATLAS reads the config bound to the session through the gateway: it describes every channel the data serves. */
    @Test
    void shouldListEveryServedChannelInTheSessionsConfigThroughTheGateway() throws IOException {
        JsonNode session = Http.json(Http.ok(gateway().get("/rta/v2/sessions/" + SESSION)));
        JsonNode binding = session.path("configBindings").get(0);
        assertThat(session.path("configBindings")).hasSize(1);
        assertThat(binding.path("identifier").asText()).isEqualTo(CONFIG);
        long offset = binding.path("channelOffset").asLong();

        JsonNode config = JSON.readTree(Http.ok(gateway().get("/rta/v2/configs/" + CONFIG)).body()).path("fed");

        Set<Long> described = new TreeSet<>();
        config.path("channels").forEach(channel -> described.add(channel.path("id").asLong() + offset));
        Set<Long> referenced = new HashSet<>();
        config.path("parameters").forEach(parameter -> parameter.path("channels")
                .forEach(channel -> referenced.add(channel.asLong() + offset)));
        Set<Long> served = new TreeSet<>();
        ALL_SAMPLES.forEach(sample -> served.add(sample.channelId()));
        assertThat(described).isEqualTo(served).isEqualTo(new TreeSet<>(referenced));
    }
}
