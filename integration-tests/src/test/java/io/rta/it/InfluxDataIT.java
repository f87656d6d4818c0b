package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.influx.InfluxDataServer;
import io.rta.influx.InfluxOptions;
import io.rta.influx.InfluxProcess;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rta influx-data-service} (started in-process) against a real InfluxDB 1.6 ({@link InfluxProcess}) loaded
 * with line protocol written here, its schema mappings served by {@link SchemaMappings}: reads are compared sample by
 * sample with what was written (full range, sub-ranges, channel subsets), repeated reads are byte-identical, and the
 * failures are honest (no mapping an empty 200, a filter InfluxDB refuses 400, InfluxDB or the mapping service down 503 and
 * {@code /health} 503). Then through the gateway, for a session whose data binding has source {@code influx}.
 *
 * <p>MaxFrequency 300 kHz makes the chunk windows 1 s and each query 3 windows, so a 20 s session spans 20 windows
 * and 7 queries.
 */
class InfluxDataIT {

    private static final String SOURCE = "influx";
    private static final String DATABASE = "rta";
    private static final String CAR1 = "car='1'";
    private static final String CAR2 = "car='2'";
    private static final String BAD_FILTER = "car=";
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final int POINTS = 2000;

    private static InfluxProcess influx;
    private static SchemaMappings mappings;
    private static InfluxDataServer service;
    private static final List<Sample> CAR1_SAMPLES = new ArrayList<>();
    private static final List<Sample> CAR2_SAMPLES = new ArrayList<>();
    private static final List<Event> CAR1_EVENTS = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        influx = InfluxProcess.start();
        influx.createDatabase(DATABASE);
        influx.write(DATABASE, lineProtocol());
        mappings = SchemaMappings.start();
        mappings.put(mapping(CAR1, SchemaMapping.newBuilder()
                .addFieldMappings(field("speed", 0)).addFieldMappings(field("rpm", 1))
                .addFieldMappings(field("gear", 2)).addFieldMappings(field("never_written", 3))
                .addFieldMappings(field("note", 4))
                .addEventMappings(EventMapping.newBuilder().setSourceEvent("lap").setTargetEventApp("demo")
                        .setTargetEventId(7).addSourceEventDataFields("laptime"))));
        mappings.put(mapping(CAR2, SchemaMapping.newBuilder().addFieldMappings(field("speed", 0))));
        mappings.put(mapping(BAD_FILTER, SchemaMapping.newBuilder().addFieldMappings(field("speed", 0))));
        service = start(influx.uri(), mappings.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (mappings != null) {
            mappings.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    /**
     * car 1: speed at 100 Hz for 20 s, rpm at 50 Hz with a gap from 5 s to 9 s, an integer gear every second, a
     * string note (not a number: no sample) every 5 s, and laps (a string event with a lap time) between samples; car 2
     * in the same measurement, its speed 3 ms later.
     */
    private static String lineProtocol() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < POINTS; i++) {
            long time = T0 + i * 10 * MS;
            double speed = i * 0.5;
            lines.append("telemetry,car=1 speed=").append(speed);
            CAR1_SAMPLES.add(sample(0, time, speed));
            if (i % 2 == 0 && (i < 500 || i >= 900)) {
                lines.append(",rpm=").append(1000 + i).append(".0");
                CAR1_SAMPLES.add(sample(1, time, 1000 + i));
            }
            if (i % 100 == 0) {
                int gear = i / 100 % 6 + 1;
                lines.append(",gear=").append(gear).append('i');
                CAR1_SAMPLES.add(sample(2, time, gear));
            }
            if (i % 500 == 0) {
                lines.append(",note=\"pit\"");
            }
            lines.append(' ').append(time).append('\n');
            if (i % 250 == 7) {
                double lapTime = 80 + i / 1000.0;
                lines.append("telemetry,car=1 lap=\"Lap ").append(i / 250).append("\",laptime=").append(lapTime)
                        .append(' ').append(time + 5 * MS).append('\n');
                CAR1_EVENTS.add(Event.newBuilder().setEventDefinitionId(7).setAppName("demo")
                        .setTimestamp(time + 5 * MS).setStatusText("Lap " + i / 250).addRawData(lapTime).build());
            }
            if (i < 1000) {
                lines.append("telemetry,car=2 speed=").append(-i).append(".0 ").append(time + 3 * MS).append('\n');
                CAR2_SAMPLES.add(sample(0, time + 3 * MS, -i));
            }
        }
        CAR1_SAMPLES.sort(Samples.READ_ORDER);
        return lines.toString();
    }

    private static Sample sample(long channel, long time, double value) {
        return new Sample(channel, time, ByteString.copyFrom(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(value).array()));
    }

    private static FieldMapping.Builder field(String name, int channel) {
        return FieldMapping.newBuilder().setSourceField(name).setTargetChannel(channel);
    }

    private static PutSchemaMappingRequest mapping(String identity, SchemaMapping.Builder mapping) {
        return PutSchemaMappingRequest.newBuilder().setDataSource(SOURCE).setDataIdentity(identity)
                .setSchemaMapping(mapping.putProperties("measurement", "telemetry")).build();
    }

    private static InfluxDataServer start(String influxUri, String mappingsUri, String... more) throws Exception {
        Path dir = Scratch.dir("influx-it-");
        List<String> args = new ArrayList<>(List.of("--HttpPort", Integer.toString(FreePorts.next()),
                "--DataSource", SOURCE, "--SchemaMappingGrpcUri", mappingsUri, "--InfluxUri", influxUri,
                "--InfluxHealthCheckPath", "/ping", "--MaxFrequency", "300000",
                "--SchemaMappingDefaults:InfluxQL:Database", DATABASE));
        args.addAll(List.of(more));
        return InfluxDataServer.start(Options.load(InfluxOptions.ALL, args.toArray(String[]::new), Map.of(), dir));
    }

    private static Http http(InfluxDataServer server) {
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
    void shouldServeEveryWrittenSampleOfEachIdentityInAFullRead() throws IOException {
        List<DecodedChunk<TimestampedDataList>> car1 = timestamped(CAR1, "timestamped/0-4");
        List<DecodedChunk<TimestampedDataList>> car2 = timestamped(CAR2, "timestamped/0-4");

        assertThat(samples(car1)).containsExactlyElementsOf(CAR1_SAMPLES);
        assertThat(samples(car2)).containsExactlyElementsOf(CAR2_SAMPLES);
        // bounds far beyond the data are narrowed to it first (one small query), not read blind query by query
        assertThat(timestamped(CAR1, "timestamped/0-4?start=0&end=" + Long.MAX_VALUE).stream()
                .map(InfluxDataIT::content).toList()).isEqualTo(car1.stream().map(InfluxDataIT::content).toList());
        // 20 s from T0 (not on a second) meet 21 windows of 1 s: one chunk per channel per window, spanning its first
        // to last sample
        assertThat(car1.stream().filter(chunk -> chunk.channelIds().equals(List.of(0L)))).hasSize(21)
                .allSatisfy(chunk -> assertThat(chunk.endTime() / S).isEqualTo(chunk.startTime() / S));
        for (DecodedChunk<TimestampedDataList> chunk : car1) {
            List<Sample> inside = Samples.ofTimestampedLists(List.of(chunk.list()));
            assertThat(inside.get(0).time()).isEqualTo(chunk.startTime());
            assertThat(inside.get(inside.size() - 1).time()).isEqualTo(chunk.endTime());
        }
    }

    @Test
    void shouldServeASubRangeAsTheWholeStableChunksThatCoverIt() throws IOException {
        long start = T0 + 5_500 * MS;
        long end = T0 + 9_200 * MS;
        List<DecodedChunk<TimestampedDataList>> full = timestamped(CAR1, "timestamped/0-4");
        List<DecodedChunk<TimestampedDataList>> part = timestamped(CAR1, "timestamped/0-4?start=" + start
                + "&end=" + end);

        // the same chunks (span, channel, content) as the full read's: the header's deltas depend on the previous chunk
        assertThat(full.stream().map(InfluxDataIT::content).toList())
                .containsAll(part.stream().map(InfluxDataIT::content).toList());
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
    void shouldServeOnlyTheRequestedChannelsAndNothingForUnmappedOrNonNumericOnes() throws IOException {
        assertThat(samples(timestamped(CAR1, "timestamped/1"))).containsExactlyElementsOf(CAR1_SAMPLES.stream()
                .filter(sample -> sample.channelId() == 1).toList());
        assertThat(samples(timestamped(CAR1, "timestamped/0,2"))).containsExactlyElementsOf(CAR1_SAMPLES.stream()
                .filter(sample -> sample.channelId() != 1).toList());
        assertThat(timestamped(CAR1, "timestamped/3-4")).isEmpty();
        assertThat(timestamped(CAR1, "timestamped/5-FF")).isEmpty();
    }

    @Test
    void shouldAnswerTheSameRequestWithIdenticalBytes() {
        String request = path(CAR1, "timestamped/0-2?start=" + (T0 + 3 * S) + "&end=" + (T0 + 12 * S));

        byte[] first = Http.ok(http(service).get(request)).body();
        byte[] second = Http.ok(http(service).get(request)).body();

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void shouldServeEventsFromTheEventMappings() throws IOException {
        List<DecodedChunk<EventsList>> chunks = ChunkedWireDecoder.events(Http.ok(http(service)
                .get(path(CAR1, "events"))).body());

        assertThat(chunks.stream().flatMap(chunk -> chunk.list().getEventsList().stream()).toList())
                .containsExactlyElementsOf(CAR1_EVENTS);
        assertThat(ChunkedWireDecoder.events(Http.ok(http(service).get(path(CAR2, "events"))).body())).isEmpty();
    }

    @Test
    void shouldAnswerPeriodicAndRowReadsWithAnEmptyStream() {
        for (String kind : List.of("periodic/0-4", "row/0-4")) {
            HttpResponse<byte[]> answer = http(service).get(path(CAR1, kind));

            assertThat(answer.statusCode()).as(kind).isEqualTo(200);
            assertThat(answer.body()).as(kind).isEmpty();
        }
    }

    @Test
    void shouldAnswerAnEmptyReadForAnIdentityWithoutASchemaMapping() {
        // as the specification's data adapter does (ChunkedResult.Empty() on NOT_FOUND), so a federated session
        // stays readable while one binding's mapping is not there yet
        for (String kind : List.of("timestamped/0", "events")) {
            HttpResponse<byte[]> answer = http(service).get(path("car='9'", kind));

            assertThat(answer.statusCode()).as(kind).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(kind)
                    .hasValue("application/vnd.mat.protobuf+chunked");
            assertThat(answer.body()).as(kind).isEmpty();
        }
    }

    @Test
    void shouldAnswer400WithInfluxsMessageForAFilterItRefusesAndForBadParameters() {
        HttpResponse<byte[]> refused = http(service).get(path(BAD_FILTER, "timestamped/0"));
        HttpResponse<byte[]> badTime = http(service).get(path(CAR1, "timestamped/0?start=soon"));
        HttpResponse<byte[]> badOrder = http(service).get(path(CAR1, "timestamped/0?start=5&end=4"));
        HttpResponse<byte[]> badChannels = http(service).get(path(CAR1, "timestamped/X"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).path("message").asText()).startsWith("InfluxDB refused the query: error "
                + "parsing query").doesNotContain("Exception");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(Http.json(badTime).path("message").asText()).contains("start");
        assertThat(badOrder.statusCode()).isEqualTo(400);
        assertThat(badChannels.statusCode()).isEqualTo(400);
        // an identity that would leave its brackets, start a second statement or comment out the time bounds is
        // refused before its mapping is looked up, whether or not one exists
        for (String hostile : List.of("car='1') OR (1=1", "car='1'; DROP DATABASE rta", "car='1' --")) {
            HttpResponse<byte[]> answer = http(service).get(path(hostile, "timestamped/0"));

            assertThat(answer.statusCode()).as(hostile).isEqualTo(400);
            assertThat(Http.json(answer).path("message").asText()).as(hostile).startsWith("data identity '")
                    .contains("it is merged into the query as WHERE (<identity>)");
        }
    }

    @Test
    void shouldForwardTheCallersBearerTokenToTheSchemaMappingService() {
        Http.ok(http(service).get(path(CAR2, "timestamped/0?start=" + T0 + "&end=" + T0), "Authorization",
                "Bearer caller-token-" + UUID.randomUUID()));

        assertThat(mappings.lastAuthorization()).startsWith("Bearer caller-token-");
    }

    @Test
    void shouldNeedAValidTokenWithAuthOnAndForwardItToTheSchemaMappingService() throws Exception {
        MockOAuth2Server provider = OidcProviders.start();
        try (InfluxDataServer secured = start(influx.uri(), mappings.uri(), "--EnableAuth", "true",
                "--Auth:Authority", provider.issuerUrl("rta").toString(), "--Auth:Audience", "rta-api")) {
            String token = OidcProviders.token(provider, "rta", List.of("rta-api"), Map.of(), 3600);
            String read = path(CAR2, "timestamped/0");

            assertThat(http(secured).get(read).statusCode()).isEqualTo(401);
            assertThat(http(secured).get(read, "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
            assertThat(samples(ChunkedWireDecoder.timestamped(Http.ok(http(secured).get(read, "Authorization",
                    "Bearer " + token)).body()))).containsExactlyElementsOf(CAR2_SAMPLES);
            assertThat(mappings.lastAuthorization()).isEqualTo("Bearer " + token);
            assertThat(http(secured).get("/health").statusCode()).isEqualTo(200);
        } finally {
            OidcProviders.shutdown(provider);
        }
    }

    /**
     * With a client of its own (Auth:ClientId) the adapter asks the schema mapping service with its own token, not
     * the caller's: a partner reading through the gateway, whose token the schema mapping service's access policies
     * restrict, could not read the mapping (the adapter checks the caller's token itself).
     */
    @Test
    void shouldAskTheSchemaMappingServiceWithItsOwnTokenWhenItHasAClientOfItsOwn() throws Exception {
        MockOAuth2Server provider = OidcProviders.start();
        try (InfluxDataServer secured = start(influx.uri(), mappings.uri(), "--EnableAuth", "true",
                "--Auth:Authority", provider.issuerUrl("rta").toString(), "--Auth:Audience", "rta-api",
                "--Auth:ClientId", "influx-adapter", "--Auth:ClientSecret", "adapter-secret",
                "--Auth:TokenScope", "rta-api")) {
            String caller = OidcProviders.token(provider, "rta", List.of("rta-api"), Map.of(), 3600);

            assertThat(samples(ChunkedWireDecoder.timestamped(Http.ok(http(secured).get(path(CAR2, "timestamped/0"),
                    "Authorization", "Bearer " + caller)).body()))).containsExactlyElementsOf(CAR2_SAMPLES);
            String asked = mappings.lastAuthorization();
            assertThat(asked).startsWith("Bearer ").isNotEqualTo("Bearer " + caller);
            assertThat(com.nimbusds.jwt.SignedJWT.parse(asked.substring("Bearer ".length())).getJWTClaimsSet()
                    .getSubject()).isEqualTo("influx-adapter");
            assertThat(http(secured).get(path(CAR2, "timestamped/0")).statusCode()).as("the caller still needs one")
                    .isEqualTo(401);
        } finally {
            OidcProviders.shutdown(provider);
        }
    }

    @Test
    void shouldBeHealthyWithBothUpstreamsUp() {
        HttpResponse<byte[]> health = http(service).get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode checks = Http.json(health).path("checks");
        assertThat(checks.path("influxdb").path("healthy").asBoolean()).isTrue();
        assertThat(checks.path("schema-mapping-service").path("healthy").asBoolean()).isTrue();
        assertThat(http(service).get("/").statusCode()).isEqualTo(200);
        assertThat(Http.text(http(service).get("/metrics"))).contains("http_server_requests");
    }

    @Test
    void shouldAnswer503AndBeUnhealthyWhileInfluxOrTheMappingServiceIsDown() throws Exception {
        String dead = "http://127.0.0.1:" + FreePorts.next() + "/";
        try (InfluxDataServer noInflux = start(dead, mappings.uri());
             InfluxDataServer noMappings = start(influx.uri(), dead)) {
            HttpResponse<byte[]> read = http(noInflux).get(path(CAR1, "timestamped/0"));
            HttpResponse<byte[]> health = http(noInflux).get("/health");
            HttpResponse<byte[]> mappingRead = http(noMappings).get(path(CAR1, "timestamped/0"));
            HttpResponse<byte[]> mappingHealth = http(noMappings).get("/health");

            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(Http.json(read).path("message").asText()).contains("InfluxDB at 127.0.0.1");
            assertThat(health.statusCode()).isNotEqualTo(200);
            assertThat(Http.json(health).path("checks").path("influxdb").path("healthy").asBoolean()).isFalse();
            assertThat(mappingRead.statusCode()).isEqualTo(503);
            assertThat(Http.json(mappingRead).path("message").asText()).contains("schema mapping service");
            assertThat(mappingHealth.statusCode()).isNotEqualTo(200);
            assertThat(Http.json(mappingHealth).path("checks").path("schema-mapping-service").path("healthy")
                    .asBoolean()).isFalse();
        }
    }

    /**
     * InfluxDB's answer breaking off: before anything was sent it is a 503; after chunks went out the connection is
     * dropped, so the client sees a broken transfer and never takes the whole chunks it got for the whole answer.
     * (A stand-in InfluxDB on a real socket sends a truncated chunked answer: a real one cannot be made to break off at
     * a chosen place.)
     */
    @Test
    void shouldAnswer503WhenInfluxsAnswerBreaksOffBeforeAnyChunkAndDropTheConnectionAfter() throws Exception {
        StringBuilder rows = new StringBuilder("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":"
                + "\"telemetry\",\"columns\":[\"time\",\"speed\"],\"values\":[");
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 30_000; i++) {
            rows.append(i == 0 ? "" : ",").append('[').append(T0 + i * 100_000L).append(',')
                    .append(random.nextDouble()).append(']');
        }
        String early = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"telemetry\",\"columns\":"
                + "[\"time\",\"speed\"],\"values\":[[" + T0 + ",1.5],[";
        String[] answer = {early};
        com.sun.net.httpserver.HttpServer broken = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", FreePorts.next()), 0);
        broken.createContext("/", exchange -> {
            byte[] body = answer[0].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        broken.start();
        try (InfluxDataServer breaking = start("http://127.0.0.1:" + broken.getAddress().getPort() + "/",
                mappings.uri())) {
            String read = path(CAR1, "timestamped/0?start=" + T0 + "&end=" + (T0 + S));

            HttpResponse<byte[]> before = http(breaking).get(read);
            answer[0] = rows.toString();

            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(Http.json(before).path("message").asText()).contains("broke off");
            assertThatThrownBy(() -> http(breaking).get(read)).isInstanceOf(java.io.UncheckedIOException.class);
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void shouldServeTheDataThroughTheGatewayForASessionBoundToSourceInflux() throws Exception {
        TestServer server = TestServer.shared();
        String session = "influx-" + UUID.randomUUID();
        server.sessions().createOrUpdateSession(create(session, "influx session", "2024-05-01T10:00:00+01:00",
                CLOSED, SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder()
                                .setSource(SOURCE).setIdentity(CAR1)))).build()));
        Path dir = Scratch.dir("influx-gateway-it-");
        try (GatewayServer gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(FreePorts.next()), "--SessionServiceUri", server.baseUrl(),
            "--ConfigServiceUri", server.baseUrl(), "--DataServiceUris:" + SOURCE,
            "http://127.0.0.1:" + service.httpPort() + "/"}, Map.of(), dir))) {
            Http through = new Http("http://127.0.0.1:" + gateway.httpPort());

            byte[] body = Http.ok(through.get("/rta/v2/sessions/" + session + "/data/timestamped/0-4")).body();
            byte[] events = Http.ok(through.get("/rta/v2/sessions/" + session + "/data/events")).body();

            assertThat(samples(ChunkedWireDecoder.timestamped(body))).containsExactlyElementsOf(CAR1_SAMPLES);
            assertThat(ChunkedWireDecoder.events(events).stream()
                    .flatMap(chunk -> chunk.list().getEventsList().stream()).toList())
                    .containsExactlyElementsOf(CAR1_EVENTS);
        }
    }
}
