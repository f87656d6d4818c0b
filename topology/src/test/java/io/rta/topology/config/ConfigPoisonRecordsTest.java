package io.rta.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.ConfigPublication;
import io.rta.events.DeadLetter;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Config publications a pipeline may produce that the ConfigStore API would refuse: each is set aside to the
 * dead-letter topic, never published, and does not take the identifier from a later valid publication.
 */
class ConfigPoisonRecordsTest {

    private static final int MAX_CONFIG_BYTES = 64;

    private final Topics topics = TestDrivers.topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ConfigPublication> publications;
    private TestOutputTopic<String, ConfigPublication> configs;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        driver = TestDrivers.driver(topics, t -> ConfigTopology.addTo(new Topology(), t, InputLimits.defaults(),
                MAX_CONFIG_BYTES), java.time.Instant.EPOCH);
        publications = TestDrivers.input(driver, topics.configPublications());
        configs = TestDrivers.output(driver, topics.configs());
        deadLetters = TestDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static Stream<Arguments> publicationsThatBreakTheRules() {
        return Stream.of(
                Arguments.of("c\u0000", json("{}"), "record key (config identifier): the identity holds the control "
                        + "character U+0000 at position 1; control characters are not allowed"),
                Arguments.of("c".repeat(2000), json("{}"), "record key (config identifier): the identity is 2000 "
                        + "bytes long; at most 1024 bytes are allowed (MaxIdentityLength)"),
                Arguments.of("   ", json("{}"), "record key (config identifier): an identifier must not be blank"),
                Arguments.of(null, json("{}"), "record key (config identifier): an identity must not be empty"),
                Arguments.of("c", new ConfigPublication("text/plain", ByteBuffer.wrap(new byte[] {1})),
                        "contentType must be one of application/vnd.mat.config+json or "
                                + "application/vnd.mat.config+ffc, not 'text/plain'"),
                Arguments.of("c", new ConfigPublication(ConfigRules.FFC, ByteBuffer.allocate(0)),
                        "data must not be empty"),
                Arguments.of("c", new ConfigPublication(ConfigRules.FFC, ByteBuffer.allocate(MAX_CONFIG_BYTES + 1)),
                        "data size is 65; at most 64 allowed (MaxConfigSize)"));
    }

    @ParameterizedTest
    @MethodSource("publicationsThatBreakTheRules")
    void shouldSetAsideAPublicationTheApiWouldRefuse(String key, ConfigPublication bad, String reason) {
        publications.pipeInput("before", json("{\"a\":{}}"));
        publications.pipeInput(key, bad);
        publications.pipeInput("c", json("{\"after\":{}}"));

        List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly(topics.configPublications().name() + "/0/1");
        DeadLetter letter = letters.get(0).value();
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getReason()).isEqualTo(reason);
        assertThat(topics.configPublications().valueSerde().deserializer().deserialize(
                topics.configPublications().name(), array(letter.getValue()))).isEqualTo(bad);
        // the records around it are published; the bad one never is (a marker says it was set aside), and does not
        // take the identifier
        List<TestRecord<String, ConfigPublication>> out = configs.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("before", ConfigTopology.MARKER_KEY, "c");
        assertThat(new String(out.get(1).headers().lastHeader(ConfigTopology.SET_ASIDE_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(reason);
        assertThat(published().get("c")).isEqualTo(ConfigTopology.hash(json("{\"after\":{}}")));
    }

    @Test
    void shouldSetAsideADeleteWhoseKeyIsNoIdentifier() {
        publications.pipeInput("c\r\n", (ConfigPublication) null);

        assertThat(deadLetters.readValue().getReason()).startsWith("record key (config identifier): ");
        assertThat(configs.readRecordsToList()).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConfigTopology.MARKER_KEY, null));
    }

    @Test
    void shouldSetAsideAnUndecodablePublication() {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.configPublications().name(),
                Serdes.String().serializer(), new ByteArraySerializer());
        raw.pipeInput("c", new byte[] {0, 0, 0, 0, 7});
        publications.pipeInput("c", json("{}"));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo(DeadLetters.DESERIALIZATION);
        assertThat(array(letter.getValue())).containsExactly(0, 0, 0, 0, 7);
        assertThat(configs.readKeyValue().key).isEqualTo("c");
    }

    private KeyValueStore<String, String> published() {
        return driver.getKeyValueStore(ConfigTopology.PUBLISHED_STORE);
    }

    private static ConfigPublication json(String json) {
        return new ConfigPublication(ConfigRules.JSON, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
