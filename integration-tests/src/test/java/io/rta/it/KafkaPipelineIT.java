package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.SessionCreate;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline that produces session events straight to Kafka, as the event contract allows: Avro
 * {@code SessionUpdateBatch} records in the Confluent wire format, keyed by session identity, on
 * {@code rta.session-updates}, with the schema in the server's registry. The sessions show over REST.
 */
class KafkaPipelineIT {

    private static final String UPDATES = TopicEnds.TOPICS.sessionUpdates().name();
    private static final Duration APPLIED = Duration.ofSeconds(30);

    private static KafkaProducer<String, SessionUpdateBatch> producer;

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @BeforeAll
    static void connectThePipeline() {
        TestServer server = TestServer.shared();
        AvroSerde<SessionUpdateBatch> serde = new AvroSerde<>(new CcompatRegistryClient(server.registryUrl()),
                SessionUpdateBatch.class, false);
        producer = new KafkaProducer<>(producerConfig(server), new StringSerializer(), serde.serializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void shouldShowASessionProducedStraightToKafkaOverRest() {
        send("pipe-1", SessionUpdateBatch.newBuilder()
                .setCreateIfNotExists(new SessionCreate(2, "2024-04-01T10:00:00+01:00", "From a pipeline"))
                .setUpdates(List.of(
                        op(SessionOp.SET_DETAILS_JSON).setJson("{\"Driver\": \"VER\", \"Lap\": 12}").build(),
                        op(SessionOp.SET_TYPE).setText("Pipeline").build(),
                        op(SessionOp.SET_TIME_RANGE).setTimeRange(new TimeRange(1_711_962_000_000_000_000L,
                                1_711_962_060_000_000_000L)).build()))
                .build());

        await().atMost(APPLIED).untilAsserted(() -> Expect.json(http.getJson("/rta/v2/sessions/pipe-1"), """
                {"identity": "pipe-1", "state": "open", "timestamp": "2024-04-01T10:00:00+01:00",
                 "identifier": "From a pipeline",
                 "startTimestamp": "2024-04-01T10:00:00+01:00", "endTimestamp": "2024-04-01T10:01:00+01:00",
                 "timeRange": {"startTime": 1711962000000000000, "endTime": 1711962060000000000},
                 "details": {"Driver": "VER", "Lap": 12}, "type": "Pipeline"}"""));
    }

    @Test
    void shouldFindTheEventSchemasRegisteredUnderTheTopicSubjects() {
        Http registry = new Http(server.registryUrl());

        JsonNode subjects = registry.getJson("/subjects");
        JsonNode latest = registry.getJson("/subjects/" + UPDATES + "-value/versions/latest");

        assertThat(subjects).extracting(JsonNode::asText).contains(UPDATES + "-value",
                TopicEnds.TOPICS.sessions().name() + "-value", TopicEnds.TOPICS.folders().name() + "-value",
                TopicEnds.TOPICS.configPublications().name() + "-value");
        assertThat(latest.get("schema").asText()).contains("SessionUpdateBatch");
    }

    @Test
    void shouldSkipRecordsItCannotApplyAndKeepApplyingTheRest() {
        send("pipe-2", SessionUpdateBatch.newBuilder()
                .setCreateIfNotExists(new SessionCreate(4, "2024-04-02T10:00:00Z", "Survivor"))
                .setUpdates(List.of()).build());
        send("pipe-2", SessionUpdateBatch.newBuilder()
                .setUpdates(List.of(op(SessionOp.SET_QUALITY).setQuality(2.0).build())).build());
        send("pipe-2", null);
        sendRaw("pipe-2", "not Avro at all".getBytes(StandardCharsets.UTF_8));
        sendRaw(null, new byte[] {0, 0, 0, 0, 1});

        send("pipe-2", SessionUpdateBatch.newBuilder()
                .setUpdates(List.of(op(SessionOp.SET_GROUP).setText("after").build())).build());

        await().atMost(APPLIED).untilAsserted(() -> Expect.json(http.getJson("/rta/v2/sessions/pipe-2"), """
                {"identity": "pipe-2", "state": "closed", "timestamp": "2024-04-02T10:00:00Z",
                 "identifier": "Survivor", "group": "after"}"""));
        assertThat(http.getJson("/health").get("status").asText()).isEqualTo("healthy");
    }

    private static SessionUpdateOp.Builder op(SessionOp kind) {
        return SessionUpdateOp.newBuilder().setOp(kind);
    }

    private static void send(String identity, SessionUpdateBatch batch) {
        acknowledged(producer.send(new ProducerRecord<>(UPDATES, identity, batch)));
    }

    /** What a broken pipeline might write: bytes that are not a SessionUpdateBatch. */
    private void sendRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerConfig(server), new StringSerializer(),
                new ByteArraySerializer())) {
            acknowledged(raw.send(new ProducerRecord<>(UPDATES, key, value)));
        }
    }

    private static void acknowledged(java.util.concurrent.Future<?> sent) {
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the record was not acknowledged by Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Properties producerConfig(TestServer server) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
