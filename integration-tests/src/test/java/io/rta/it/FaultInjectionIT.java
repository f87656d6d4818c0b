package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.ReadChannelDataStreamRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults on real processes: the broker runs as its own process ({@code ./rta cluster}), the server against it in this
 * JVM with its own embedded (supervised) registry. The broker is {@code kill -9}-ed for longer than the server's
 * Streams task timeout and started again on the same data directory and port; the registry child is
 * {@code kill -9}-ed; a gRPC reader that never reads is timed out. The server must report the fault, answer writes
 * with clean errors meanwhile, and recover on its own without losing or skipping anything it acknowledged.
 *
 * <p>Bounds are generous (CI machines are slow and shared); nothing here asserts how long anything took.
 */
class FaultInjectionIT {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectionIT.class);
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration RECOVERY = Duration.ofMinutes(4);
    /** Short, so the outage below outlasts it several times over. */
    private static final long STREAMS_TASK_TIMEOUT_MS = 5_000;
    /** Longer than the task timeout, and than a Streams producer's blocked commit (max.block.ms, 60 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(75);
    private static final long IDLE_READ_TIMEOUT_MS = 3_000;
    /** The server's HttpIdleTimeout: a REST client that stopped reading is closed after it. */
    private static final long HTTP_IDLE_TIMEOUT_MS = 5_000;
    /** Well past HttpIdleTimeout. */
    private static final Duration REST_IDLE_WAIT = Duration.ofSeconds(20);
    private static final List<Status.Code> CLEAN_WRITE_FAILURES = List.of(Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED);

    private static ClusterProcess cluster;
    private static TestServer server;

    @BeforeAll
    static void startClusterAndServer() {
        cluster = ClusterProcess.start(START);
        server = TestServer.create()
                .option("BootstrapServers", cluster.bootstrapServers())
                .option("StandbyReplicas", "0")
                .option("StreamsTaskTimeout", Long.toString(STREAMS_TASK_TIMEOUT_MS))
                .option("IdleReadTimeout", Long.toString(IDLE_READ_TIMEOUT_MS))
                .option("HttpIdleTimeout", Long.toString(HTTP_IDLE_TIMEOUT_MS));
        try {
            server.start();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
                DurabilityIT.deleteRecursively(cluster.dataPath());
            }
            if (server != null) {
                DurabilityIT.deleteRecursively(server.dataPath());
            }
        }
    }

    @BeforeEach
    void serverIsHealthy() {
        awaitHealthy(RECOVERY);
    }

    @Test
    void shouldReportABrokerOutageAnswerWritesCleanlyAndRecoverWithEveryAcknowledgedWrite() throws Exception {
        List<String> sessionsBefore = IntStream.range(0, 20).mapToObj(i -> "fi-out-" + i).toList();
        sessionsBefore.forEach(FaultInjectionIT::createSession);
        createSession("fi-out-data");
        List<WriteDataStreamMessage> dataBefore = Telemetry.bursts(0, 10);
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("fi-out-data").send(dataBefore).flush("before").complete();
        }
        createSession("fi-out-live");
        List<String> acknowledgedSessions = new CopyOnWriteArrayList<>();
        List<Status> sessionFailures = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread sessionWriter = writeSessionsUntilStopped(writing, acknowledgedSessions, sessionFailures);
        WriteStreamClient liveData = WriteStreamClient.open(server.channel()).identity("fi-out-live");
        Thread dataWriter = writeBurstsUntilFailed(liveData, writing);
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedSessions.size() >= 10
                && liveData.echoed().size() >= 5);

        cluster.kill();
        long killed = System.nanoTime();

        JsonNode down = awaitUnhealthy("kafka");
        LOG.info("Broker down: /health {}", down);
        assertCleanWriteFailuresWhileTheTimerIsBusy();
        assertCleanWriteFailure(failureOf(() -> server.configs().putConfig(PutConfigRequest.newBuilder()
                .setIdentifier("fi-out-config").setContentType(ConfigStoreIT.JSON)
                .setData(ByteString.copyFromUtf8(ConfigStoreIT.EXAMPLE)).build())));
        assertThat(Http.ok(server.http().get("/rta/v2/sessions/fi-out-0")).statusCode())
                .as("sessions are read from memory meanwhile").isEqualTo(200);
        assertCleanRestAnswer(server.http().get(DataApi.path("fi-out-data", "periodic", "0-", null, null)));
        sleepUntil(killed, OUTAGE);
        LOG.info("Broker down for {} s: /health {}", OUTAGE.toSeconds(), health());

        cluster.restart(START);
        awaitHealthy(RECOVERY);
        writing.set(false);
        sessionWriter.join(TimeUnit.MINUTES.toMillis(2));
        dataWriter.join(TimeUnit.MINUTES.toMillis(2));
        liveData.close();
        LOG.info("Recovered: {} sessions acknowledged by the writer, its failures {}; {} bursts acknowledged; "
                + "stream threads replaced {}", acknowledgedSessions.size(), codes(sessionFailures),
                liveData.echoed().size(), metric("rta_stream_threads_replaced_total"));

        assertThat(sessionFailures).as("failed session writes answer UNAVAILABLE or DEADLINE_EXCEEDED")
                .allSatisfy(FaultInjectionIT::assertCleanWriteFailure);
        createSession("fi-out-after");
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("fi-out-after").send(Telemetry.bursts(0, 2)).flush("after").complete();
        }
        for (String identity : concat(sessionsBefore, acknowledgedSessions, List.of("fi-out-after"))) {
            assertThat(server.http().get("/rta/v2/sessions/" + identity).statusCode()).as(identity).isEqualTo(200);
        }
        assertThat(periodicSamples("fi-out-data")).as("the samples acknowledged before the outage, exactly")
                .isEqualTo(sorted(Samples.ofPeriodic(Telemetry.periodic(dataBefore))));
        assertThat(periodicSamples("fi-out-live")).as("every burst acknowledged until the broker died")
                .containsAll(Samples.ofPeriodic(Telemetry.periodic(sampledBursts(0, liveData.echoed().size()))));
        assertThat(periodicSamples("fi-out-after")).isEqualTo(sorted(Samples.ofPeriodic(Telemetry.periodic(
                Telemetry.bursts(0, 2)))));
        assertThat(metric("rta_view_records_skipped_total")).as("records the session view skipped").isZero();
        assertThat(metric("rta_telemetry_bursts_skipped_total")).as("bursts the chunk topology skipped").isZero();
    }

    @Test
    void shouldRestartAKilledRegistryChildWithTheSameSchemasAndKeepWriting() {
        createSession("fi-reg-before");
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("fi-reg-before").send(Telemetry.bursts(0, 3)).flush("before").complete();
        }
        Http registry = registryApi();
        Map<String, Integer> schemaIds = schemaIds(registry);
        assertThat(schemaIds).as("the schemas the server registered").isNotEmpty();
        ProcessHandle child = registryChild();
        double restarts = metric("rta_registry_restarts_total");

        child.destroyForcibly();
        child.onExit().join();

        JsonNode down = awaitUnhealthy("schema-registry");
        LOG.info("Registry killed: /health {}", down);
        awaitHealthy(RECOVERY);
        assertThat(registryChild().pid()).as("a new registry child").isNotEqualTo(child.pid());
        assertThat(metric("rta_registry_restarts_total")).isEqualTo(restarts + 1);
        assertThat(schemaIds(registry)).as("the restarted registry answers the same schema ids").isEqualTo(schemaIds);

        createSession("fi-reg-after");
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("fi-reg-after").send(Telemetry.bursts(0, 3)).flush("after").complete();
        }
        server.stop();
        server.start();

        for (String identity : List.of("fi-reg-before", "fi-reg-after")) {
            assertThat(server.http().get("/rta/v2/sessions/" + identity).statusCode()).as(identity).isEqualTo(200);
            assertThat(periodicSamples(identity)).as(identity + " read after a server restart")
                    .isEqualTo(sorted(Samples.ofPeriodic(Telemetry.periodic(Telemetry.bursts(0, 3)))));
        }
    }

    /**
     * Records the global schema mapping view can decode only with the registry (their schema ids, newer versions of
     * the subject, were never fetched by the server) arriving while the registry is away: the view waits for it in
     * place and applies them once it is back, and the rest of the server goes on meanwhile. Failing there stopped the
     * global thread, which Kafka Streams cannot replace: the whole Streams client (sessions, configs, data) stopped
     * until the process was restarted. Two outages: a registry that answers nothing (SIGSTOP, longer than the
     * client's own retry), and a killed one whose restarted self answers "no such id" until it has replayed its
     * journal (taken as a broken record, it was set aside for good).
     */
    @Test
    void shouldWaitOutARegistryOutageInTheGlobalViewsAndApplyTheRecordOnceItIsBack() throws Exception {
        byte[] silent = evolvedMapping("fi-outage-silent", "noteOne");
        byte[] restarted = evolvedMapping("fi-outage-restart", "noteTwo");
        io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings =
                io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc.newBlockingStub(server.channel());

        ProcessHandle child = registryChild();
        signal("STOP", child);
        try {
            produceMapping("fi-outage-silent", silent);
            Thread.sleep(12_000); // longer than the registry client's own retry (5 s): the view must wait itself
            assertThat(mappingOf(mappings, "fi-outage-silent")).as("not decodable without the registry").isNull();
            createSession("fi-reg-silent-during");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(server.http()
                    .get("/rta/v2/sessions/fi-reg-silent-during").statusCode()).as("the sessions topology goes on")
                    .isEqualTo(200));
        } finally {
            signal("CONT", child);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(mappingOf(mappings, "fi-outage-silent")).isNotNull().extracting(m -> m.getPropertiesMap()
                        .get("marker")).isEqualTo("fi-outage-silent"));

        child.destroyForcibly();
        child.onExit().join();
        produceMapping("fi-outage-restart", restarted);
        awaitUnhealthy("schema-registry");
        awaitHealthy(RECOVERY);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(mappingOf(mappings, "fi-outage-restart")).isNotNull().extracting(m -> m.getPropertiesMap()
                        .get("marker")).isEqualTo("fi-outage-restart"));
        createSession("fi-reg-global-after");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(server.http()
                .get("/rta/v2/sessions/fi-reg-global-after").statusCode()).isEqualTo(200));
        assertThat(server.http().getJson("/health").get("status").asText()).isEqualTo("healthy");
    }

    /** {@code kill -<name> <pid>}: bash's own kill, which needs no procps package on the machine. */
    private static void signal(String name, ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder("bash", "-c", "kill -" + name + " " + process.pid()).inheritIO().start()
                .waitFor()).as("kill -%s", name).isZero();
    }

    /** The mapping of (influx, identity) as the server serves it, or null when it has none. */
    private static io.rta.proto.toolkit.schemamapping.SchemaMapping mappingOf(
            io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings,
            String identity) {
        try {
            return mappings.withDeadlineAfter(10, TimeUnit.SECONDS).getSchemaMapping(
                    io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest.newBuilder().setDataSource("influx")
                            .setDataIdentity(identity).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The Confluent wire bytes of a mapping of (influx, identity) written with a newer version of the subject's
     * schema (one more field, {@code extraField}, with a default: a compatible evolution), registered now.
     */
    private static byte[] evolvedMapping(String identity, String extraField) throws Exception {
        String subject = io.rta.topology.Topics.create("rta.", new io.rta.schemas.InMemorySchemaRegistryClient())
                .schemaMappings().valueSubject();
        com.fasterxml.jackson.databind.node.ObjectNode evolved = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        io.rta.events.SchemaMapping.getClassSchema().toString());
        evolved.withArray("fields").addObject().put("name", extraField).put("type", "string").put("default", "");
        org.apache.avro.Schema writer = new org.apache.avro.Schema.Parser().parse(evolved.toString());
        int id = register(subject, writer.toString());
        io.rta.events.SchemaMapping mapping = io.rta.events.SchemaMapping.newBuilder().setDataSource("influx")
                .setDataIdentity(identity).setProperties(Map.of("marker", identity)).setFieldMappings(List.of(
                        io.rta.events.FieldMapping.newBuilder().setSourceField("speed").setTargetChannel(3).build()))
                .setEventMappings(List.of()).build();
        org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(writer);
        for (org.apache.avro.Schema.Field field : io.rta.events.SchemaMapping.getClassSchema().getFields()) {
            record.put(field.name(), mapping.get(field.name()));
        }
        record.put(extraField, "written by a newer pipeline");
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write(0);
        value.write(java.nio.ByteBuffer.allocate(4).putInt(id).array());
        org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(value, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(writer)
                .write(record, encoder);
        encoder.flush();
        return value.toByteArray();
    }

    private static void produceMapping(String identity, byte[] value) throws Exception {
        java.util.Properties config = new java.util.Properties();
        config.put("bootstrap.servers", server.bootstrapServers());
        config.put("acks", "all");
        try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> pipeline =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                             new org.apache.kafka.common.serialization.ByteArraySerializer(),
                             new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            pipeline.send(new org.apache.kafka.clients.producer.ProducerRecord<>("rta.schema-mappings",
                    io.rta.topology.schemamapping.SchemaMappingKeys.encode("influx", identity)
                            .getBytes(StandardCharsets.UTF_8), value)).get(60, TimeUnit.SECONDS);
        }
    }

    /** Registers {@code schema} under {@code subject} through the registry's Confluent-compatible API; its id. */
    private static int register(String subject, String schema) throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("schema", schema));
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(server.registryUrl() + "/subjects/" + Http.encode(subject)
                        + "/versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("id").asInt();
    }

    @Test
    void shouldEndReadsWhoseClientNeverReads() throws Exception {
        createSession("fi-idle");
        // 12.8 MB of samples that do not compress: far more than the transport buffers between server and client
        List<WriteDataStreamMessage> large = IntStream.range(0, 160).mapToObj(k -> Telemetry.periodic(0x10,
                Telemetry.T0 + k * 10_000L * 1_000_000L, 1_000_000L, 10_000, 8, k)).toList();
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("fi-idle").send(large).flush("written").complete();
        }
        int chunks = ChunkedWireDecoder.periodic(DataApi.of(server).body("fi-idle", "periodic")).size();
        long restStarted = System.nanoTime();
        CompletableFuture<RestOutcome> rest = CompletableFuture.supplyAsync(() -> readRestAfterIdling(
                DataApi.path("fi-idle", "periodic", "0-", null, null), restStarted));

        IdleGrpcRead idle = IdleGrpcRead.start(server);
        await().atMost(Duration.ofSeconds(60)).until(() -> metric("rta_grpc_data_reads_active") >= 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> metric("rta_grpc_data_reads_active") == 0);
        idle.readEverything();
        await().atMost(Duration.ofSeconds(60)).until(idle::ended);

        assertThat(idle.completed).as("the idle read completed instead of being ended").isFalse();
        Status status = Status.fromThrowable(idle.error.get());
        assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(status.getDescription()).contains("IdleReadTimeout");
        assertThat(idle.received.get()).as("chunks received of %d", chunks).isLessThan(chunks);

        RestOutcome outcome = rest.get(3, TimeUnit.MINUTES);
        LOG.info("Idle readers: gRPC took {} of {} chunks, then {}; REST got {} bytes after idling", idle.received.get(),
                chunks, status, outcome.bytes);
        assertThat(outcome.complete).as("a REST read whose client stopped reading is cut off by the idle timeout; "
                + "%d bytes arrived", outcome.bytes).isFalse();
        assertThat(health().get("status").asText()).isEqualTo("healthy");
    }

    /**
     * With the broker down, a data stream's flush and a session write both come back with a clean error: the data
     * stream's sends must not hold up the shared timer that expires the session write's wait (and the flush's).
     */
    private static void assertCleanWriteFailuresWhileTheTimerIsBusy() {
        WriteStreamClient blocked = WriteStreamClient.open(server.channel()).identity("fi-out-down");
        List<WriteDataStreamMessage> data = Telemetry.bursts(100, 140);
        blocked.send(data.subList(0, data.size() / 2)).marker("during-1").send(data.subList(data.size() / 2,
                data.size())).marker("during-2");
        AtomicReference<Throwable> sessionFailure = new AtomicReference<>();
        Thread session = new Thread(() -> {
            try {
                sessions().createOrUpdateSession(create("fi-out-during", "During", "2023-11-14T22:13:20Z", OPEN));
            } catch (StatusRuntimeException e) {
                sessionFailure.set(e);
            }
        }, "fault-session-write");
        session.start();
        Status flush = blocked.awaitFailure();
        await().atMost(Duration.ofSeconds(90)).until(() -> !session.isAlive());
        blocked.close();
        assertCleanWriteFailure(flush);
        assertThat(sessionFailure.get()).as("the session write during the outage failed").isNotNull();
        assertCleanWriteFailure(Status.fromThrowable(sessionFailure.get()));
        LOG.info("During the outage: flush {}, session write {}", flush, Status.fromThrowable(sessionFailure.get()));
    }

    private static Status failureOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("the call succeeded while the broker was down");
    }

    private static void assertCleanWriteFailure(Status status) {
        assertThat(status.getCode()).as("%s", status).isIn(CLEAN_WRITE_FAILURES);
        assertThat(status.getDescription()).as("description of %s", status).isNotBlank()
                .doesNotContain("\tat ", "Exception:");
    }

    /** A REST answer while the broker is down: a 200, or an error with the JSON body, never a 500. */
    private static void assertCleanRestAnswer(HttpResponse<byte[]> response) {
        if (response.statusCode() == 200) {
            return;
        }
        assertThat(response.statusCode()).as("%s", Http.text(response)).isIn(503, 504);
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(response.statusCode());
        assertThat(body.get("message").asText()).doesNotContain("\tat ");
    }

    /** Writes sessions one after the other, recording which were acknowledged and how the others failed. */
    private static Thread writeSessionsUntilStopped(AtomicBoolean writing, List<String> acknowledged,
                                                    List<Status> failures) {
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                String identity = "fi-out-live-" + i;
                try {
                    sessions().createOrUpdateSession(create(identity, "Live " + i, "2023-11-14T22:13:20Z", OPEN));
                    acknowledged.add(identity);
                } catch (StatusRuntimeException e) {
                    failures.add(e.getStatus());
                }
            }
        }, "fault-session-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** Sends burst k and marker "m"+k, k = 0, 1, ..., every 100 ms until the stream fails or writing stops. */
    private static Thread writeBurstsUntilFailed(WriteStreamClient stream, AtomicBoolean writing) {
        Thread writer = new Thread(() -> {
            try {
                for (int k = 0; writing.get() && !stream.failed(); k++) {
                    stream.send(Telemetry.sampledBurst(k)).marker("m" + k);
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.info("The data writer stopped: {}", e.toString());
            }
        }, "fault-data-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static List<WriteDataStreamMessage> sampledBursts(int from, int to) {
        List<WriteDataStreamMessage> messages = new ArrayList<>();
        IntStream.range(from, to).forEach(k -> messages.addAll(Telemetry.sampledBurst(k)));
        return messages;
    }

    /** A client that opens a large gRPC read and takes nothing (manual flow control, nothing requested). */
    private static final class IdleGrpcRead implements ClientResponseObserver<ReadChannelDataStreamRequest,
            PeriodicDataList> {
        private final AtomicReference<ClientCallStreamObserver<ReadChannelDataStreamRequest>> call =
                new AtomicReference<>();
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private volatile boolean completed;

        static IdleGrpcRead start(TestServer server) {
            IdleGrpcRead read = new IdleGrpcRead();
            DataReaderGrpc.newStub(server.channel()).withDeadlineAfter(5, TimeUnit.MINUTES).readPeriodicDataStream(
                    ReadChannelDataStreamRequest.newBuilder().setDataIdentity("fi-idle").setChannels("0-").build(),
                    read);
            return read;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ReadChannelDataStreamRequest> requestStream) {
            requestStream.disableAutoRequestWithInitial(0);
            call.set(requestStream);
        }

        void readEverything() {
            call.get().request(Integer.MAX_VALUE);
        }

        boolean ended() {
            return completed || error.get() != null;
        }

        @Override
        public void onNext(PeriodicDataList list) {
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }

    private record RestOutcome(boolean complete, long bytes) {
    }

    /**
     * Asks for a large REST read over a raw socket with a small receive buffer, reads nothing until
     * {@link #REST_IDLE_WAIT} has passed, then reads what is there: a server that kept waiting would now send the rest
     * and end the chunked body; one that timed the client out has closed the connection mid-body.
     */
    private static RestOutcome readRestAfterIdling(String path, long started) {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sleepUntil(started, REST_IDLE_WAIT);
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    body.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                LOG.info("REST read after idling ended with {}", e.toString());
            }
            byte[] bytes = body.toByteArray();
            String tail = new String(bytes, Math.max(0, bytes.length - 7), Math.min(7, bytes.length),
                    StandardCharsets.ISO_8859_1);
            return new RestOutcome(tail.endsWith("\r\n0\r\n\r\n") || tail.equals("0\r\n\r\n"), bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createSession(String identity) {
        sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
    }

    private static SessionStoreGrpc.SessionStoreBlockingStub sessions() {
        return SessionStoreGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.MINUTES);
    }

    private static List<Sample> periodicSamples(String identity) {
        byte[] body = DataApi.of(server).bodyWhenAvailable(identity, "periodic", RECOVERY);
        try {
            return sorted(Samples.ofPeriodicChunks(ChunkedWireDecoder.periodic(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Sample> sorted(List<Sample> samples) {
        return samples.stream().sorted(Samples.READ_ORDER).toList();
    }

    /** The embedded registry child of the server: the child of this JVM whose command line names its data path. */
    private static ProcessHandle registryChild() {
        String home = server.dataPath().toAbsolutePath().resolve("registry").toString();
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().map(line -> line.contains(home)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no registry child process using " + home));
    }

    private static Http registryApi() {
        return new Http(server.registryUrl());
    }

    /** Every subject's latest schema id, through the registry's Confluent-compatible API. */
    private static Map<String, Integer> schemaIds(Http registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = registry.getJson("/subjects").elements(); it.hasNext(); ) {
            String subject = it.next().asText();
            ids.put(subject, registry.getJson("/subjects/" + Http.encode(subject) + "/versions/latest").get("id")
                    .asInt());
        }
        return ids;
    }

    private static JsonNode health() {
        return Http.json(server.http().get("/health"));
    }

    private static void awaitHealthy(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return server.http().get("/health").statusCode() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    /** Waits for {@code /health} to answer 503 with {@code check} failing; returns that answer. */
    private static JsonNode awaitUnhealthy(String check) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<byte[]> response = server.http().get("/health");
            JsonNode body = Http.json(response);
            seen.set(body);
            return response.statusCode() == 503 && !body.get("checks").get(check).get("healthy").asBoolean();
        });
        return seen.get();
    }

    /** A sample's value in {@code /metrics}; 0 when it is not there. */
    private static double metric(String name) {
        return Http.text(Http.ok(server.http().get("/metrics"))).lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst().orElse(0);
    }

    private static List<Status.Code> codes(List<Status> statuses) {
        return statuses.stream().map(Status::getCode).distinct().toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static void sleepUntil(long startedNanos, Duration after) {
        long left = startedNanos + after.toNanos() - System.nanoTime();
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
