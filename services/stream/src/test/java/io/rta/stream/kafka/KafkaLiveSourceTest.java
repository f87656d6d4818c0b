package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rta.service.metrics.ProcessMetrics;
import io.rta.events.PeriodicBurst;
import io.rta.events.SessionState;
import io.rta.events.TelemetryBatch;
import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.schemas.SchemaRegistryClient;
import org.apache.avro.Schema;
import io.rta.service.kafka.TopicCreator;
import io.rta.service.view.TopicViewLoader;
import io.rta.service.write.WriteTracker;
import io.rta.service.view.SessionViews;
import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveData;
import io.rta.topology.Topics;
import io.rta.topology.session.SessionStates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against a real broker: start positions, back-fill, live fan-out, bad records, session lifecycle. */
class KafkaLiveSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long T0 = 1_715_000_000_000_000_000L;

    @TempDir
    static Path dir;
    private static TestBroker broker;
    private static Admin admin;
    private static KafkaProducer<byte[], byte[]> producer;
    private static int prefixes;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final ProcessMetrics metrics = ProcessMetrics.bare();
    private Topics topics;
    private FlakyRegistry registry;
    private SessionViews views;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start(dir);
        admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        admin.close();
        broker.close();
    }

    @AfterEach
    void stopParts() throws Exception {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).close();
        }
        timer.shutdownNow();
    }

    @Test
    void shouldBackfillFromTheCommittedOffsetOrBackScanThenStreamLiveAndSkipUnreadableRecords() throws Exception {
        startViews();
        putSession(TestSessions.open("s", T0, T0 + 5));
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        sendTelemetry("s", anHourAgo, 1);
        sendTelemetry("s", anHourAgo, 2);
        sendTelemetry("s", anHourAgo, 3);
        admin.alterConsumerGroupOffsets(topics.applicationId(),
                Map.of(new TopicPartition(topics.telemetry().name(), 0), new OffsetAndMetadata(1))).all().get();
        sendTelemetry("s", System.currentTimeMillis(), 4);
        KafkaLiveSource source = startSource();
        await().atMost(WAIT).untilAsserted(() -> assertThat(meter("rta.stream.kafka.retained.items"))
                .as("offset 0 is committed and older than the back-scan; 1 and 2 are not committed yet")
                .isEqualTo(3L));
        RecordingListener listener = new RecordingListener();

        var attachment = source.attach("s", listener);

        assertThat(listener.calls().get(0)).startsWith("session {\"identity\":\"s\"");
        assertThat(listener.calls().get(1)).as("the retained data extends the JSON time range")
                .isEqualTo("range " + T0 + ".." + end(4));
        assertThat(endTimes(attachment.backfill(item -> true))).containsExactly(end(2), end(3), end(4));
        assertThat(endTimes(attachment.backfill(item -> item.endTime() > end(3)))).containsExactly(end(4));

        send(topics.telemetry().name(), "s", "not avro".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        sendTelemetry("s", System.currentTimeMillis(), 5);

        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.calls()).contains("data " + end(5)));
        assertThat(listener.calls()).doesNotContain("data " + end(1));
        assertThat(meter("rta.stream.kafka.records.skipped")).isEqualTo(1L);
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.calls()).last()
                .isEqualTo("range " + T0 + ".." + end(5)));
    }

    @Test
    void shouldSendTheFinalJsonAndEndWhenTheSessionClosesAndEndOthersWhenDeletedOrStopped() throws Exception {
        startViews();
        putSession(TestSessions.open("closing", T0, T0 + 10));
        putSession(TestSessions.open("deleted", T0, T0 + 10));
        putSession(TestSessions.open("kept", T0, T0 + 10));
        KafkaLiveSource source = startSource();
        RecordingListener closing = new RecordingListener();
        RecordingListener deleted = new RecordingListener();
        RecordingListener kept = new RecordingListener();
        source.attach("closing", closing);
        source.attach("deleted", deleted);
        source.attach("kept", kept);

        SessionState closed = TestSessions.open("closing").setState(SessionStates.CLOSED).build();
        putSession(closed);
        send(topics.sessions().name(), "deleted", null, System.currentTimeMillis());

        await().atMost(WAIT).untilAsserted(() -> assertThat(closing.calls()).endsWith(
                "session " + StreamSessionJson.render(closed), "end session closed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deleted.calls()).last()
                .isEqualTo("end session deleted"));
        source.close();
        assertThat(kept.calls()).last().isEqualTo("end live source stopped");
    }

    @Test
    void shouldStreamOnlyWhatTheChunkViewAppliesAndWaitForTheRegistryInsteadOfSkipping() throws Exception {
        startViews();
        putSession(TestSessions.open("s", T0, T0 + 5));
        KafkaLiveSource source = startSource();
        RecordingListener listener = new RecordingListener();
        source.attach("s", listener);
        String topic = topics.telemetry().name();

        // an invalid burst (the chunk view sets it aside) next to a valid one, and a key that is no identity
        send(topic, "s", topics.telemetry().valueSerde().serializer().serialize(topic, new TelemetryBatch(List.of(
                new PeriodicBurst(1L, T0 + 100, 1L, 2, ByteBuffer.wrap(new byte[3])),
                new PeriodicBurst(1L, T0 + 1, 1L, 2, ByteBuffer.wrap(new byte[2]))))), System.currentTimeMillis());
        sendTelemetry("s\u0000x", System.currentTimeMillis(), 7);
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.calls()).contains("data " + end(1)));
        assertThat(listener.calls()).doesNotContain("data " + (T0 + 101));
        assertThat(meter("rta.stream.kafka.records.skipped")).as("the record with the bad key").isEqualTo(1L);

        // a record written with a schema version this process has not resolved yet, while the registry is down
        Schema other = new Schema.Parser().parse(TelemetryBatch.getClassSchema().toString()
                .replaceFirst("\\{", "{\"x-version\":2,"));
        int otherId = registry.register(topic + "-value", other);
        byte[] bytes = topics.telemetry().valueSerde().serializer().serialize(topic, new TelemetryBatch(List.of(
                new PeriodicBurst(1L, T0 + 3, 1L, 4, ByteBuffer.wrap(new byte[4])))));
        ByteBuffer.wrap(bytes, 1, 4).putInt(otherId);
        registry.down = true;
        send(topic, "s", bytes, System.currentTimeMillis());
        sendTelemetry("s", System.currentTimeMillis(), 4);
        await().atMost(WAIT).until(() -> registry.refused.get() >= 2);

        assertThat(listener.calls()).doesNotContain("data " + end(3), "data " + end(4));
        registry.down = false;
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.calls())
                .containsSubsequence("data " + end(3), "data " + end(4)));
        assertThat(meter("rta.stream.kafka.records.skipped")).as("nothing skipped for the outage").isEqualTo(1L);
    }

    @Test
    void shouldFollowPartitionsAddedToTheTelemetryTopicWhileRunning() throws Exception {
        startViews();
        putSession(TestSessions.open("s", T0, T0 + 5));
        // the tail looks for added partitions as often as its metadata may age: every half second here
        KafkaLiveSource source = startSource(Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"));
        RecordingListener listener = new RecordingListener();
        source.attach("s", listener);
        sendTelemetry("s", System.currentTimeMillis(), 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.calls()).contains("data " + end(1)));

        admin.createPartitions(Map.of(topics.telemetry().name(), NewPartitions.increaseTo(3))).all().get();
        sendTelemetry(2, "s", System.currentTimeMillis(), 2);
        sendTelemetry(1, "s", System.currentTimeMillis(), 3);
        sendTelemetry(0, "s", System.currentTimeMillis(), 4);

        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.calls())
                .contains("data " + end(2), "data " + end(3), "data " + end(4)));
        assertThat(listener.calls()).as("nothing twice: the first partition kept its position")
                .filteredOn(call -> call.equals("data " + end(1))).hasSize(1);
        assertThat(source.health().getMessage()).contains("following 3 telemetry partition(s)");
    }

    /** An in-memory registry that can be switched to "unavailable" for schema lookups. */
    private static final class FlakyRegistry implements SchemaRegistryClient {
        private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean down;

        @Override
        public int register(String subject, Schema schema) {
            return registry.register(subject, schema);
        }

        @Override
        public Schema getById(int id) {
            if (down) {
                refused.incrementAndGet();
                throw new RegistryUnavailableException("the registry is down (test)", null);
            }
            return registry.getById(id);
        }

        @Override
        public void setCompatibility(String subject, String level) {
            registry.setCompatibility(subject, level);
        }
    }

    private void startViews() throws Exception {
        registry = new FlakyRegistry();
        topics = Topics.create("t" + (++prefixes) + ".", registry);
        TopicCreator.ensureTopics(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                topics, 1, (short) 1);
        views = new SessionViews(new WriteTracker("session", WAIT, timer), new WriteTracker("folder", WAIT, timer));
        TopicViewLoader loader = new TopicViewLoader("sessions", consumerConfig(), views.handlers(topics));
        parts.add(loader);
        loader.start();
        assertThat(loader.awaitCaughtUp(WAIT)).isTrue();
    }

    private KafkaLiveSource startSource() {
        return startSource(Map.of());
    }

    private KafkaLiveSource startSource(Map<String, Object> extraConsumerConfig) {
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig());
        config.putAll(extraConsumerConfig);
        KafkaLiveSource source = new KafkaLiveSource(topics, config, admin, views,
                new KafkaLiveSettings(Duration.ofSeconds(30), 1 << 20), metrics);
        parts.add(source);
        source.start();
        await().atMost(WAIT).until(() -> source.health().isHealthy());
        return source;
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    private void putSession(SessionState state) throws Exception {
        send(topics.sessions().name(), state.getIdentity(),
                topics.sessions().valueSerde().serializer().serialize(topics.sessions().name(), state),
                System.currentTimeMillis());
        await().atMost(WAIT).until(() -> views.catalog().get(state.getIdentity())
                .map(current -> current.equals(state)).orElse(false));
    }

    /** One record of one periodic burst: channel 1, starting at T0 + n, {@code n + 1} samples 1 ns apart. */
    private void sendTelemetry(String identity, long timestamp, int n) throws Exception {
        sendTelemetry(0, identity, timestamp, n);
    }

    private void sendTelemetry(int partition, String identity, long timestamp, int n) throws Exception {
        TelemetryBatch batch = new TelemetryBatch(List.of(
                new PeriodicBurst(1L, T0 + n, 1L, n + 1, ByteBuffer.wrap(new byte[n + 1]))));
        producer.send(new ProducerRecord<>(topics.telemetry().name(), partition, timestamp,
                identity.getBytes(StandardCharsets.UTF_8),
                topics.telemetry().valueSerde().serializer().serialize(topics.telemetry().name(), batch))).get();
    }

    private static long end(int n) {
        return T0 + n + n;
    }

    private static void send(String topic, String key, byte[] value, long timestamp) throws Exception {
        producer.send(new ProducerRecord<>(topic, 0, timestamp, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static List<Long> endTimes(Backfill backfill) {
        List<Long> ends = new ArrayList<>();
        for (LiveData item = backfill.next(); item != null; item = backfill.next()) {
            ends.add(item.endTime());
        }
        return ends;
    }

    /** A meter's value as a whole number (gauge or counter). */
    private long meter(String name) {
        var meter = metrics.registry().get(name).meter();
        return (long) meter.measure().iterator().next().getValue();
    }
}
