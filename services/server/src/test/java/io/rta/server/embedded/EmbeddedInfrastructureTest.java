package io.rta.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rta.events.SessionState;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.schemas.SchemaRegistryException;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;

/**
 * The embedded broker and registry work together, the registry enforces compatibility, and both keep topics,
 * records and schemas across a restart.
 */
class EmbeddedInfrastructureTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructureTest.class);
    private static final String TOPIC = "rta.sessions";

    @TempDir
    Path dataPath;

    @Test
    void shouldKeepSchemasAndRecordsAcrossARestartOnTheSameDataPath() throws Exception {
        int kafkaPort = freePort();
        int registryPort = freePort();
        Path runnerJar = RegistryProcess.locateRunnerJar(Options.defaults(RtaOptions.ALL));
        SessionState state = sessionState();
        int schemaId;

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataPath, kafkaPort);
                RegistryProcess registry = RegistryProcess.start(runnerJar, dataPath, registryPort,
                        kafka.bootstrapServers(), "rta.")) {
            logResidentMemory(registry);
            CcompatRegistryClient client = new CcompatRegistryClient(registry.ccompatUrl());
            AvroSerde<SessionState> serde = new AvroSerde<>(client, SessionState.class, false);
            createTopic(kafka.bootstrapServers());

            produce(kafka.bootstrapServers(), serde, state);

            schemaId = client.register(serde.subject(TOPIC), SessionState.getClassSchema());
            assertThat(consumeAll(kafka.bootstrapServers(), serde)).containsExactly(state);
            client.setCompatibility(serde.subject(TOPIC), "BACKWARD");
            assertThatThrownBy(() -> client.register(serde.subject(TOPIC), withRequiredField()))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("HTTP 409");
        }

        assertThat(Files.exists(dataPath.resolve("registry/registry.pid"))).isFalse();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataPath, kafkaPort);
                RegistryProcess registry = RegistryProcess.start(runnerJar, dataPath, registryPort,
                        kafka.bootstrapServers(), "rta.")) {
            CcompatRegistryClient freshClient = new CcompatRegistryClient(registry.ccompatUrl());
            AvroSerde<SessionState> serde = new AvroSerde<>(freshClient, SessionState.class, false);

            assertThat(freshClient.getById(schemaId)).isEqualTo(SessionState.getClassSchema());
            assertThat(freshClient.register(serde.subject(TOPIC), SessionState.getClassSchema())).isEqualTo(schemaId);
            assertThat(consumeAll(kafka.bootstrapServers(), serde)).containsExactly(state);
        }
    }

    @Test
    void shouldRestartAKilledRegistryOnTheSamePortWithTheSameSchemaIds() throws Exception {
        Path runnerJar = RegistryProcess.locateRunnerJar(Options.defaults(RtaOptions.ALL));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataPath, freePort());
                RegistryProcess registry = RegistryProcess.start(runnerJar, dataPath, freePort(),
                        kafka.bootstrapServers(), "rta.")) {
            CcompatRegistryClient client = new CcompatRegistryClient(registry.ccompatUrl());
            int schemaId = client.register("rta.sessions-value", SessionState.getClassSchema());
            long firstPid = registry.pid();

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

            awaitCondition(() -> !registry.isUp(), "the registry reported down");
            assertThat(registry.health().isHealthy()).isFalse();
            assertThat(registry.health().getMessage()).contains("exited");
            awaitCondition(registry::isUp, "the registry restarted");
            assertThat(registry.pid()).isNotEqualTo(firstPid);
            assertThat(registry.restarts().getCount()).isEqualTo(1);
            assertThat(registry.health().isHealthy()).isTrue();
            assertThat(Files.readString(dataPath.resolve("registry/registry.pid")).trim())
                    .isEqualTo(Long.toString(registry.pid()));
            CcompatRegistryClient fresh = new CcompatRegistryClient(registry.ccompatUrl());
            assertThat(fresh.getById(schemaId)).isEqualTo(SessionState.getClassSchema());
            assertThat(fresh.register("rta.sessions-value", SessionState.getClassSchema())).isEqualTo(schemaId);
        }
        assertThat(dataPath.resolve("registry/registry.pid")).doesNotExist();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + RegistryProcess.START_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + RegistryProcess.START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static SessionState sessionState() {
        return SessionState.newBuilder()
                .setIdentity("session-1")
                .setState(4)
                .setTimestamp("2024-05-01T12:00:00+02:00")
                .setIdentifier("Race 1")
                .setHeartbeatUtc("2024-05-01T10:00:00Z")
                .build();
    }

    private static Schema withRequiredField() {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : SessionState.getClassSchema().getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("pitStops", Schema.create(Schema.Type.INT)));
        return Schema.createRecord("SessionState", null, "io.rta.events", false, fields);
    }

    private static void createTopic(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
    }

    private static void produce(String bootstrapServers, AvroSerde<SessionState> serde, SessionState state)
            throws ExecutionException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SessionState> producer =
                new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(TOPIC, state.getIdentity(), state)).get();
        }
    }

    private static List<SessionState> consumeAll(String bootstrapServers, AvroSerde<SessionState> serde) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<SessionState> values = new ArrayList<>();
        try (KafkaConsumer<String, SessionState> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer())) {
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long end = consumer.endOffsets(Set.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, SessionState> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static void logResidentMemory(RegistryProcess registry) throws IOException {
        Path status = Path.of("/proc/" + registry.pid() + "/status");
        if (Files.exists(status)) {
            Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS"))
                    .forEach(line -> LOG.info("Schema registry {}", line));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
