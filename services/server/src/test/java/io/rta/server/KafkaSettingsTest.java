package io.rta.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.Topics;
import io.rta.schemas.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void streamThreadsPollForAFifthOfTheCommitInterval() {
        assertThat(KafkaSettings.pollMillis(50)).isEqualTo(10);
        assertThat(KafkaSettings.pollMillis(200)).isEqualTo(40);
    }

    @Test
    void pollTimeStaysWithinOneMillisecondAndTheKafkaDefault() {
        assertThat(KafkaSettings.pollMillis(1)).isEqualTo(1);
        assertThat(KafkaSettings.pollMillis(0)).isEqualTo(1);
        assertThat(KafkaSettings.pollMillis(30_000)).isEqualTo(100);
    }

    @Test
    void kafkaPropertiesReachEveryClientButCannotReplaceTheCluster() {
        Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());
        io.rta.service.config.Options options = ServerOptions.load(new String[] {
            "--Kafka:security.protocol", "SSL", "--Kafka:ssl.truststore.location", "/etc/rta/ca.p12"});

        assertThat(KafkaSettings.common("kafka:9093", options)).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/rta/ca.p12")
                .containsEntry(org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "kafka:9093");
        assertThat(KafkaSettings.consumer("kafka:9093", options)).containsEntry("security.protocol", "SSL");
        assertThat(KafkaSettings.streams("kafka:9093", topics, options, Path.of("state"), "rta-test",
                new io.rta.topology.errors.DeadLetters(topics.deadLetters())))
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void streamsTaskTimeoutIsKafkasDefaultUnlessConfigured() {
        Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());

        Map<String, Object> defaults = KafkaSettings.streams("localhost:9092", topics,
                ServerOptions.load(new String[0]), Path.of("state"), "rta-test",
                new io.rta.topology.errors.DeadLetters(topics.deadLetters()));
        Map<String, Object> configured = KafkaSettings.streams("localhost:9092", topics,
                ServerOptions.load(new String[] {"--StreamsTaskTimeout", "5000"}), Path.of("state"), "rta-test",
                new io.rta.topology.errors.DeadLetters(topics.deadLetters()));

        assertThat(defaults).containsEntry(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, 300_000L);
        assertThat(configured).containsEntry(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, 5_000L);
        // the global config view's thread cannot be replaced: a record it cannot apply is skipped, not fatal
        assertThat(defaults).containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // a record without a valid timestamp is taken at its partition's time, not a task failed forever
        assertThat(defaults).containsEntry(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                io.rta.topology.errors.InvalidTimestamps.class);
    }
}
