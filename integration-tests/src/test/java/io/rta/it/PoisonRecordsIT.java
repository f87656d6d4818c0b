package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.ConfigPublication;
import io.rta.events.DeadLetter;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.SessionCreate;
import io.rta.events.SessionFolder;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TelemetryBatch;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.topology.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Poison records produced straight to Kafka, as a hostile or buggy pipeline would, into the four topics pipelines may
 * write: each is set aside to {@code rta.dead-letters} (its topic/partition/offset as key, the reason naming the field
 * and rule), every good record around it is applied (seen over REST), {@code /health} stays 200 — and after a
 * restart on the same data directory the server is healthy, serves the same data and sets nothing aside twice.
 */
class PoisonRecordsIT {

    private static final Topics TOPICS = TopicEnds.TOPICS;
    private static final Duration APPLIED = Duration.ofSeconds(90);
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;
    private static final byte[] GARBAGE = "not an event at all".getBytes(StandardCharsets.UTF_8);
    private static final String LONG_IDENTITY = "x".repeat(70_000);

    /** What each poison record must become: its dead-letter key, stage and a piece of its reason. */
    private record Expected(String stage, String reason) {
    }

    private final Map<String, Expected> expected = new LinkedHashMap<>();
    /** Records the global config view skips: counted like dead letters, but Streams cannot write them. */
    private int skippedByTheGlobalView;

    @Test
    void shouldSetAsideEveryPoisonRecordApplyTheRestAndStayHealthyAcrossARestart() throws Exception {
        TestServer server = TestServer.create().start();
        try {
            try (Pipeline pipeline = new Pipeline(server)) {
                produceSessionUpdates(pipeline);
                produceFolders(pipeline);
                produceConfigPublications(pipeline);
                produceTelemetry(pipeline);
            }

            Map<String, DeadLetter> letters = awaitDeadLetters(server, expected.keySet());
            assertDeadLetters(letters);
            assertGoodRecordsApplied(server);
            JsonNode health = server.http().getJson("/health");
            assertThat(health.get("status").asText()).isEqualTo("healthy");
            assertThat(health.at("/checks/dead-letters/message").asText())
                    .startsWith(expected.size() + skippedByTheGlobalView
                            + " record(s) set aside to rta.dead-letters since start; the last: ");
            assertThat(metric(server, "rta_dead_letters_total")).isEqualTo(expected.size() + skippedByTheGlobalView);
            // the config view survived it: a config published after it is readable
            assertThat(Http.text(Http.ok(server.http().get("/rta/v2/configs/poison-c3")))).isEqualTo("after");

            server.stop();
            server.start();

            assertThat(server.http().getJson("/health").get("status").asText()).isEqualTo("healthy");
            assertGoodRecordsApplied(server);
            List<String> sentinels = produceSentinelsToEveryPartition(server);
            List<String> all = new ArrayList<>(expected.keySet());
            all.addAll(sentinels);
            Map<String, Integer> copies = countDeadLetters(server, all);
            expected.keySet().forEach(key -> assertThat(copies.get(key)).as("dead letters of %s", key).isEqualTo(1));
            assertThat(metric(server, "rta_dead_letters_total")).as("set aside by the restarted server")
                    .isEqualTo(sentinels.size());
            assertThat(server.http().getJson("/health").get("status").asText()).isEqualTo("healthy");
        } finally {
            server.stop();
        }
    }

    // --- what the pipeline produces ---

    private void produceSessionUpdates(Pipeline pipeline) {
        String topic = TOPICS.sessionUpdates().name();
        pipeline.send(topic, "poison-s1", SessionUpdateBatch.newBuilder()
                .setCreateIfNotExists(new SessionCreate(2, "2024-04-01T10:00:00Z", "Survivor"))
                .setUpdates(List.of(op(SessionOp.SET_TYPE).setText("before").build())).build());
        expect(pipeline.send(topic, "poison\u0000nul", create("nul")), "validation",
                "record key (session identity): the identity holds the control character U+0000 at position 6");
        expect(pipeline.send(topic, "poison\u001B[31mred", create("esc")), "validation",
                "record key (session identity): the identity holds the control character U+001B at position 6");
        expect(pipeline.send(topic, "poison\r\nforged", create("crlf")), "validation",
                "record key (session identity): the identity holds the control character U+000D at position 6");
        expect(pipeline.send(topic, LONG_IDENTITY, create("long")), "validation",
                "record key (session identity): the identity is 70000 bytes long; at most 1024 bytes are allowed "
                        + "(MaxIdentityLength)");
        expect(pipeline.sendRaw(topic, "poison-s1", GARBAGE), "deserialization", "SerializationException");
        expect(pipeline.send(topic, "poison-s1", SessionUpdateBatch.newBuilder()
                        .setUpdates(List.of(op(SessionOp.SET_GROUP).setText("lost").build(),
                                op(SessionOp.SET_QUALITY).setQuality(1.5).build())).build()),
                "validation", "updates[1].set_quality: quality 1.5 is outside 0..1");
        pipeline.send(topic, "poison-s1", SessionUpdateBatch.newBuilder()
                .setUpdates(List.of(op(SessionOp.SET_GROUP).setText("after").build())).build());
    }

    private void produceFolders(Pipeline pipeline) {
        String topic = TOPICS.folders().name();
        pipeline.send(topic, "poison-f1", new SessionFolder("poison-f1", "", "Before", ""));
        expect(pipeline.send(topic, "bad\u0000folder", new SessionFolder("bad\u0000folder", "", "Nul", "")),
                "validation", "record key (folder identity): the identity holds the control character U+0000");
        expect(pipeline.send(topic, "poison-f3", new SessionFolder("poison-f3", "poison-f3", "Own parent", "")),
                "validation", "parent_identity: a folder cannot be its own parent");
        expect(pipeline.sendRaw(topic, "poison-f4", GARBAGE), "deserialization", "SerializationException");
        // a string length claiming 2^30 bytes in a 5-byte body: Avro would allocate the claim before reading it
        expect(pipeline.sendRaw(topic, "poison-f5", pipeline.lying(topic, new SessionFolder("x", "", "", ""),
                        new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08})), "deserialization",
                "SessionFolder.identity claims a string length of 1073741824 bytes; only 0 byte(s) are left");
        pipeline.send(topic, "poison-f2", new SessionFolder("poison-f2", "", "After", ""));
    }

    private void produceConfigPublications(Pipeline pipeline) {
        String topic = TOPICS.configPublications().name();
        pipeline.send(topic, "poison-c1", ffc("first"));
        expect(pipeline.send(topic, "poison-c2", new ConfigPublication("text/plain",
                        ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)))), "validation",
                "contentType must be one of application/vnd.mat.config+json or application/vnd.mat.config+ffc, not "
                        + "'text/plain'");
        expect(pipeline.send(topic, "poison\u001Bc", ffc("esc")), "validation",
                "record key (config identifier): the identity holds the control character U+001B");
        expect(pipeline.sendRaw(topic, "poison-c2", GARBAGE), "deserialization", "SerializationException");
        pipeline.send(topic, "poison-c3", ffc("after"));
        // a buggy producer writing the configs topic itself, which only the global config view reads
        // (Kafka Streams' global thread has no producer: the record is skipped, counted and logged, not written to
        // the dead-letter topic)
        pipeline.sendRaw(TOPICS.configs().name(), "poison-g1", GARBAGE);
        skippedByTheGlobalView++;
    }

    private void produceTelemetry(Pipeline pipeline) {
        String topic = TOPICS.telemetry().name();
        pipeline.send(topic, "poison-s1", burst(1L, T0, S, 10));
        // the WriteDataStream message: one sample, interval 9223372036854775807 (it used to fill the heap)
        pipeline.send(topic, "poison-s1", burst(9L, 0L, Long.MAX_VALUE, 1));
        expect(pipeline.send(topic, "poison-s1", burst(9L, 1L, Long.MAX_VALUE, 2)), "validation",
                "bursts[0]: periodic_data: the last sample's timestamp overflows 64 bits");
        expect(pipeline.send(topic, LONG_IDENTITY, burst(1L, T0, S, 2)), "validation",
                "record key (data identity): the identity is 70000 bytes long; at most 1024 bytes are allowed "
                        + "(MaxIdentityLength)");
        expect(pipeline.send(topic, "data\u0000\u001B\r\n", burst(1L, T0, S, 2)), "validation",
                "record key (data identity): the identity holds the control character U+0000");
        expect(pipeline.sendRaw(topic, "poison-s1", GARBAGE), "deserialization", "SerializationException");
        // the lying array: a bursts block claiming 2^31 - 1 items in a few bytes (Avro pre-allocated them: OOM)
        expect(pipeline.sendRaw(topic, "poison-s1", pipeline.lying(topic, burst(1L, T0, S, 1),
                        new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x02, 0x00})),
                "deserialization", "TelemetryBatch.bursts claims 2147483647 item(s)");
        // one result of 6 MiB (random, so nothing compresses it), and an event of 6 MiB: stored alone, either chunk
        // would break the chunk changelog's 8 MiB record limit on every attempt and stop the partition
        byte[] noise = new byte[6 << 20];
        new java.util.Random(11).nextBytes(noise);
        expect(pipeline.send(topic, "poison-s1", new TelemetryBatch(List.of(new PeriodicBurst(2L, T0, S, 1,
                        ByteBuffer.wrap(noise))))), "validation",
                "bursts[0]: periodic_data.buffer is 6291456 bytes: a result may hold at most 4194304 (chunks.md: a "
                        + "list must not exceed 4 MiB)");
        expect(pipeline.send(topic, "poison-s1", new TelemetryBatch(List.of(new EventBurst(7, "app", T0,
                        java.util.Base64.getEncoder().encodeToString(noise), List.of())))), "validation",
                "bursts[0]: event_data (app_name, status and raw_data) is 8388611 bytes: a result may hold at most "
                        + "4194304");
        pipeline.send(topic, "poison-s1", burst(1L, T0 + 10 * S, S, 10));
    }

    /** After the restart: one undecodable record into every partition of the four topics. */
    private List<String> produceSentinelsToEveryPartition(TestServer server) {
        List<String> keys = new ArrayList<>();
        try (Pipeline pipeline = new Pipeline(server)) {
            for (String topic : List.of(TOPICS.sessionUpdates().name(), TOPICS.folders().name(),
                    TOPICS.configPublications().name(), TOPICS.telemetry().name())) {
                for (int partition = 0; partition < 3; partition++) {
                    RecordMetadata sent = pipeline.sendRaw(topic, partition, "sentinel", GARBAGE);
                    keys.add(Topics.deadLetterKey(topic, sent.partition(), sent.offset()));
                }
            }
        }
        return keys;
    }

    private void expect(RecordMetadata sent, String stage, String reason) {
        expected.put(Topics.deadLetterKey(sent.topic(), sent.partition(), sent.offset()), new Expected(stage, reason));
    }

    // --- what must have happened ---

    private void assertDeadLetters(Map<String, DeadLetter> letters) {
        assertThat(letters.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, want) -> {
            DeadLetter letter = letters.get(key);
            assertThat(Topics.deadLetterKey(letter.getTopic(), letter.getPartition(), letter.getOffset()))
                    .isEqualTo(key);
            assertThat(letter.getStage()).as("stage of %s", key).isEqualTo(want.stage());
            assertThat(letter.getReason()).as("reason of %s", key).contains(want.reason());
            assertThat(letter.getApplication()).isEqualTo(TOPICS.applicationId());
        });
    }

    private static void assertGoodRecordsApplied(TestServer server) {
        Http http = server.http();
        await().atMost(APPLIED).untilAsserted(() -> {
            JsonNode session = http.getJson("/rta/v2/sessions/poison-s1");
            assertThat(session.get("identifier").asText()).isEqualTo("Survivor");
            assertThat(session.get("type").asText()).isEqualTo("before");
            assertThat(session.get("group").asText()).isEqualTo("after");
            assertThat(session.has("quality")).isFalse();
        });
        await().atMost(APPLIED).untilAsserted(() -> {
            List<String> folders = new ArrayList<>();
            http.getJson("/rta/v2/session-folders").forEach(folder -> folders.add(folder.get("identity").asText()));
            assertThat(folders).contains("poison-f1", "poison-f2").doesNotContain("poison-f3", "bad\u0000folder");
        });
        await().atMost(APPLIED).untilAsserted(() -> {
            assertThat(Http.text(Http.ok(http.get("/rta/v2/configs/poison-c1")))).isEqualTo("first");
            assertThat(Http.text(Http.ok(http.get("/rta/v2/configs/poison-c3")))).isEqualTo("after");
            assertThat(http.get("/rta/v2/configs/poison-c2").statusCode()).isEqualTo(404);
        });
        DataApi data = DataApi.of(server);
        await().atMost(APPLIED).untilAsserted(() -> {
            assertThat(times(data.periodic("poison-s1", "1", null, null))).hasSize(20).startsWith(T0);
            assertThat(times(data.periodic("poison-s1", "9", null, null))).containsExactly(0L);
        });
    }

    private static List<Long> times(List<DecodedChunk<PeriodicDataList>> chunks) {
        List<Long> times = new ArrayList<>();
        for (DecodedChunk<PeriodicDataList> chunk : chunks) {
            for (PeriodicData periodic : chunk.list().getPeriodicDataList()) {
                for (int i = 0; i < periodic.getSamples(); i++) {
                    times.add(periodic.getStartTimestamp() + i * periodic.getInterval());
                }
            }
        }
        return times;
    }

    private static long metric(TestServer server, String name) {
        for (String line : Http.text(Http.ok(server.http().get("/metrics"))).split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " is not in /metrics");
    }

    /** The dead letters with the given keys, waiting until every one has arrived. */
    private static Map<String, DeadLetter> awaitDeadLetters(TestServer server, java.util.Collection<String> keys) {
        Map<String, DeadLetter> found = new LinkedHashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = DeadLetterTopic.consumer(server)) {
            long deadline = System.nanoTime() + APPLIED.toNanos();
            while (!found.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(500))) {
                    found.put(record.key(), record.value());
                }
            }
        }
        assertThat(found.keySet()).as("dead letters").containsAll(keys);
        return found;
    }

    /** How many dead letters each key has, once every one of {@code keys} has at least one. */
    private static Map<String, Integer> countDeadLetters(TestServer server, List<String> keys) {
        Map<String, Integer> copies = new LinkedHashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = DeadLetterTopic.consumer(server)) {
            long deadline = System.nanoTime() + APPLIED.toNanos();
            while (!copies.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(500))) {
                    copies.merge(record.key(), 1, Integer::sum);
                }
            }
            // whatever else is already there (a duplicate would have been written before the sentinels)
            for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofSeconds(2))) {
                copies.merge(record.key(), 1, Integer::sum);
            }
        }
        assertThat(copies.keySet()).as("dead letters").containsAll(keys);
        return copies;
    }

    // --- records ---

    private static SessionUpdateBatch create(String identifier) {
        return SessionUpdateBatch.newBuilder().setCreateIfNotExists(new SessionCreate(2, null, identifier))
                .setUpdates(List.of()).build();
    }

    private static SessionUpdateOp.Builder op(SessionOp kind) {
        return SessionUpdateOp.newBuilder().setOp(kind);
    }

    private static ConfigPublication ffc(String text) {
        return new ConfigPublication("application/vnd.mat.config+ffc",
                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static TelemetryBatch burst(long channel, long start, long interval, int samples) {
        byte[] buffer = new byte[samples * 8];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) i;
        }
        return new TelemetryBatch(List.of(new PeriodicBurst(channel, start, interval, samples,
                ByteBuffer.wrap(buffer))));
    }

    /** A plain producer writing Avro events (Confluent wire format, the server's registry) or raw bytes. */
    private static final class Pipeline implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final CcompatRegistryClient registry;

        Pipeline(TestServer server) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            registry = new CcompatRegistryClient(server.registryUrl());
        }

        @SuppressWarnings("unchecked")
        <V extends SpecificRecord> RecordMetadata send(String topic, String key, V value) {
            AvroSerde<V> serde = new AvroSerde<>(registry, (Class<V>) value.getClass(), false);
            return sendRaw(topic, key, serde.serializer().serialize(topic, value));
        }

        /** The Confluent header of {@code sample}'s schema in {@code topic}, followed by {@code body} (hand-made Avro). */
        @SuppressWarnings("unchecked")
        <V extends SpecificRecord> byte[] lying(String topic, V sample, byte[] body) {
            byte[] valid = new AvroSerde<>(registry, (Class<V>) sample.getClass(), false).serializer()
                    .serialize(topic, sample);
            byte[] value = java.util.Arrays.copyOf(valid, AvroSerde.HEADER_LENGTH + body.length);
            System.arraycopy(body, 0, value, AvroSerde.HEADER_LENGTH, body.length);
            return value;
        }

        RecordMetadata sendRaw(String topic, String key, byte[] value) {
            return acknowledged(new ProducerRecord<>(topic, utf8(key), value));
        }

        RecordMetadata sendRaw(String topic, int partition, String key, byte[] value) {
            return acknowledged(new ProducerRecord<>(topic, partition, utf8(key), value));
        }

        private RecordMetadata acknowledged(ProducerRecord<byte[], byte[]> record) {
            try {
                return producer.send(record).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the record was not acknowledged by Kafka", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
