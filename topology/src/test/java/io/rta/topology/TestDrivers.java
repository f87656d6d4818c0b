package io.rta.topology;

import java.time.Instant;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.topology.errors.DeadLetterDeserializationHandler;
import io.rta.topology.errors.DeadLetterProcessingHandler;
import io.rta.topology.errors.DeadLetters;

/** Test fixtures: a {@link TopologyTestDriver} over a topology built from test topics, and typed topics for it. */
public final class TestDrivers {

    /** Topics with the prefix {@code test.} over an in-memory schema registry. */
    public static Topics topics() {
        return Topics.create("test.", new InMemorySchemaRegistryClient());
    }

    public static TopologyTestDriver driver(Topics topics, Function<Topics, Topology> builder, Instant start) {
        return driver(topics, builder, start, new DeadLetters(topics.deadLetters()));
    }

    /** A driver configured as the server configures Streams: dead letters and the error handlers that write them. */
    public static TopologyTestDriver driver(Topics topics, Function<Topics, Topology> builder, Instant start,
                                            DeadLetters deadLetters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // not the shared default (/tmp/kafka-streams): builds running side by side would lock each other's stores
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        props.put(DeadLetters.CONFIG, deadLetters);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        return new TopologyTestDriver(builder.apply(topics), props, start);
    }

    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    private static String stateDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("topology-test-");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestDrivers() {
    }
}
