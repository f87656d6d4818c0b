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

/** Test fixtures: a {@link TopologyTestDriver} over a topology built from test topics, and typed topics for it. */
public final class TestDrivers {

    /** Topics with the prefix {@code test.} over an in-memory schema registry. */
    public static Topics topics() {
        return Topics.create("test.", new InMemorySchemaRegistryClient());
    }

    public static TopologyTestDriver driver(Topics topics, Function<Topics, Topology> builder, Instant start) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(builder.apply(topics), props, start);
    }

    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    private TestDrivers() {
    }
}
