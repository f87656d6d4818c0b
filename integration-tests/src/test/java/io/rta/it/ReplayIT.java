package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.rta.events.ConfigPublication;
import io.rta.events.PeriodicBurst;
import io.rta.events.SessionCreate;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TelemetryBatch;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.server.replay.Replay;
import io.rta.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./rta replay} on a real broker: sessions (with relationships), configs and telemetry written through gRPC and
 * produced straight to Kafka (poison records among them) are replayed into a new prefix, and Verify finds the rebuilt
 * sessions, configs and chunks (as served) identical to the live ones; after the live views move on and the replay's
 * outputs are tampered with, Verify names each difference and exits with 3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final String PREFIX = "replay-it.";
    private static final String TIMESTAMP = "2024-05-01T10:00:00Z";
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;
    private static final Duration APPLIED = Duration.ofSeconds(60);

    private static TestServer server;
    private static Pipeline pipeline;
    /** Between the records written through the APIs and those produced straight to Kafka (record timestamps). */
    private static Instant between;

    @BeforeAll
    static void writeEverything() throws InterruptedException {
        server = TestServer.create().start();
        pipeline = new Pipeline(server);
        writeThroughTheApis();
        Thread.sleep(50); // record timestamps are in milliseconds
        between = Instant.now();
        Thread.sleep(50);
        produceStraightToKafka();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void shouldRebuildIdenticalSessionsConfigsAndChunksIntoANewPrefixWithProgress() throws Exception {
        Run run = replay("--ReplayPrefix", PREFIX, "--Verify", "--ProgressInterval", "500");
        System.err.println(run); // what a user sees, in the test output

        assertThat(run.exit).as(run.toString()).isEqualTo(Replay.OK);
        assertThat(run.err).contains("into prefix 'replay-it.' (application id replay-it.rta-server)")
                .containsPattern("replay: [0-9,]+ of [0-9,]+ records \\(100\\.0%\\), [0-9,]+ records/s, elapsed "
                        + "\\d+:\\d\\d, ETA \\d+:\\d\\d");
        assertThat(run.out).contains("replay: done: ").contains("set aside to replay-it.dead-letters")
                .containsPattern("verify: identical: sessions [1-9][0-9,]* compared, 0 different, configs "
                        + "[1-9][0-9,]* compared, 0 different, chunks [1-9][0-9,]* compared, 0 different");
        assertThat(run.out).doesNotContain(" 1 record(s) set aside"); // the two poison records, not one
        assertThat(run.out).contains("2 record(s) set aside");
    }

    @Test
    @Order(2)
    void shouldReplayFromATimeOnlyWhatWasWrittenSinceAndVerifyShowsWhatIsMissing() throws Exception {
        Run run = replay("--ReplayPrefix", "replay-it-from.", "--From", between.toString(), "--Verify",
                "--MaxDifferences", "100");

        // after `between`: two session update batches, a config publication, three telemetry records
        assertThat(run.err).as(run.toString()).contains("replay: 6 records of ").contains("from " + between);
        assertThat(run.exit).as(run.toString()).isEqualTo(Replay.DIFFERENT);
        assertThat(run.out).contains("sessions 'replay-api-1': only in the live view")
                .contains("configs 'replay-config-0': only in the live view")
                .contains("chunks replay-api-1 periodic: served only by the live view")
                .doesNotContain("'replay-raw-1'").doesNotContain("replay-raw-config")
                .doesNotContain("chunks replay-raw-1");
    }

    @Test
    @Order(3)
    void shouldRefuseAReplayPrefixInUse() throws Exception {
        assertThatThrownBy(() -> replay("--ReplayPrefix", PREFIX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReplayPrefix 'replay-it.' is in use by");
        // an earlier replay's group left behind (its topics deleted): Streams would resume from its offsets
        String group = "replay-it-left.rta-server";
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", server.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new org.apache.kafka.common.TopicPartition(
                    "rta.session-updates", 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)))
                    .all().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> replay("--ReplayPrefix", "replay-it-left."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the consumer group replay-it-left.rta-server already has committed offsets");
    }

    @Test
    @Order(4)
    void shouldReportEachDifferenceOnceTheLiveViewsMoveOnOrTheReplayIsTamperedWith() throws Exception {
        // the live views move on: a session update through gRPC, one more telemetry record straight to Kafka
        server.sessions().createOrUpdateSession(update("replay-api-1", Ops.setType("changed after the replay")));
        Topics live = TopicEnds.TOPICS;
        pipeline.send(live.telemetry().name(), "replay-raw-1", burst(3L, T0 + 100 * S, S, 10));
        await().atMost(APPLIED).until(() -> served("replay-raw-1").length > servedAtReplay);
        // the replay's outputs are tampered with: a session deleted, a config that was never published
        Topics replayed = Topics.replaying("rta.", PREFIX, new CcompatRegistryClient(server.registryUrl()));
        pipeline.sendRaw(replayed.sessions().name(), "replay-api-2", null);
        pipeline.send(replayed.configs().name(), "tampered-config", publication(config(99)));

        Run run = replay("--ReplayPrefix", PREFIX, "--VerifyOnly", "--MaxDifferences", "10");

        assertThat(run.exit).as(run.toString()).isEqualTo(Replay.DIFFERENT);
        assertThat(run.out).contains("verify: 4 difference(s): sessions ")
                .contains("sessions 'replay-api-1': field(s) ")
                .contains("sessions 'replay-api-2': only in the live view")
                .contains("configs 'tampered-config': only in the replay")
                .contains("chunks replay-raw-1 periodic: served bytes differ: live ");
    }

    // --- what is written ---

    private static long servedAtReplay;

    private static void writeThroughTheApis() {
        var sessions = server.sessions();
        sessions.createOrUpdateSession(create("replay-api-1", "Parent", TIMESTAMP, CLOSED,
                Ops.setRefAnchors("guid:replay-anchor"), Ops.setType("Race")));
        sessions.createOrUpdateSession(create("replay-api-2", "Child", TIMESTAMP, CLOSED,
                Ops.setChildOfRefs("guid:replay-anchor")));
        sessions.createOrUpdateSession(create("replay-api-3", "Open", TIMESTAMP, OPEN,
                Ops.setDetailsJson("{\"Driver\": \"A\", \"Lap\": 3}")));
        sessions.createOrUpdateSession(update("replay-api-3", Ops.setQuality(0.5)));
        for (int i = 0; i < 3; i++) {
            server.configs().putConfig(PutConfigRequest.newBuilder().setIdentifier("replay-config-" + i)
                    .setContentType(ConfigStoreIT.JSON).setData(ByteString.copyFromUtf8(config(i))).build());
        }
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("replay-api-1").send(Telemetry.bursts(0, 12)).flush("api-1")
                    .identity("replay-api-3").send(Telemetry.bursts(0, 3)).flush("api-3");
            assertThat(stream.echoed()).containsExactly("api-1", "api-3");
            stream.complete();
        }
        await().atMost(APPLIED).until(() -> server.http().getJson("/rta/v2/sessions/replay-api-1")
                .path("children").toString().contains("replay-api-2"));
    }

    /** As a pipeline would: Avro events straight to the live topics, one poison record each to two of them. */
    private static void produceStraightToKafka() {
        Topics topics = TopicEnds.TOPICS;
        pipeline.send(topics.sessionUpdates().name(), "replay-raw-1", SessionUpdateBatch.newBuilder()
                .setCreateIfNotExists(new SessionCreate(2, TIMESTAMP, "Raw"))
                .setUpdates(List.of(SessionUpdateOp.newBuilder().setOp(SessionOp.SET_TYPE).setText("Pipeline")
                        .build())).build());
        pipeline.send(topics.sessionUpdates().name(), "replay\u0000poison", SessionUpdateBatch.newBuilder()
                .setCreateIfNotExists(new SessionCreate(2, TIMESTAMP, "Poison")).setUpdates(List.of()).build());
        pipeline.send(topics.configPublications().name(), "replay-raw-config", publication(config(7)));
        pipeline.send(topics.telemetry().name(), "replay-raw-1", burst(3L, T0, S, 40));
        pipeline.send(topics.telemetry().name(), "replay-raw-1", burst(4L, T0, 2 * S, 20));
        pipeline.sendRaw(topics.telemetry().name(), "replay-raw-1", "not avro".getBytes(StandardCharsets.UTF_8));
        await().atMost(APPLIED).until(() -> server.http().get("/rta/v2/sessions/replay-raw-1").statusCode() == 200
                && server.http().head("/rta/v2/configs/replay-raw-config").statusCode() == 200
                && served("replay-raw-1").length > 0);
        // the chunk view has read everything when two reads in a row agree after a commit interval or more
        await().atMost(APPLIED).pollDelay(Duration.ofMillis(500)).until(() -> {
            long before = served("replay-raw-1").length;
            Thread.sleep(300);
            return served("replay-raw-1").length == before;
        });
        servedAtReplay = served("replay-raw-1").length;
    }

    private static String config(int n) {
        return ConfigStoreIT.EXAMPLE.replace("param:demo", "param:replay-" + n);
    }

    private static ConfigPublication publication(String json) {
        return new ConfigPublication(ConfigStoreIT.JSON, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] served(String identity) {
        return DataApi.of(server).body(identity, "periodic");
    }

    private static TelemetryBatch burst(long channel, long start, long interval, int samples) {
        byte[] buffer = new byte[samples * 8];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) (i * 7 + channel);
        }
        return new TelemetryBatch(List.of(new PeriodicBurst(channel, start, interval, samples,
                ByteBuffer.wrap(buffer))));
    }

    // --- running the command ---

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    /** {@code ./rta replay} against the test server, in process (the entry point the CLI calls). */
    private static Run replay(String... own) throws Exception {
        List<String> args = new ArrayList<>(List.of("--BootstrapServers", server.bootstrapServers(),
                "--RegistryUrl", server.registryUrl(), "--TopicPrefix", "rta.",
                "--DataPath", Scratch.dir("rta-replay-it-").toString()));
        args.addAll(List.of(own));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Replay.run(args.toArray(String[]::new), outStream, errStream);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A plain producer writing Avro events (Confluent wire format, the server's registry) or raw bytes. */
    private static final class Pipeline implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final CcompatRegistryClient registry;

        Pipeline(TestServer server) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            registry = new CcompatRegistryClient(server.registryUrl());
        }

        @SuppressWarnings("unchecked")
        <V extends SpecificRecord> void send(String topic, String key, V value) {
            AvroSerde<V> serde = new AvroSerde<>(registry, (Class<V>) value.getClass(), false);
            sendRaw(topic, key, serde.serializer().serialize(topic, value));
        }

        void sendRaw(String topic, String key, byte[] value) {
            try {
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                        .get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the record was not acknowledged by Kafka", e);
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
