package io.rta.topology.schemamapping;

import static io.rta.topology.schemamapping.SchemaMappings.field;
import static io.rta.topology.schemamapping.SchemaMappings.influx;
import static io.rta.topology.schemamapping.SchemaMappings.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.DeadLetter;
import io.rta.events.SchemaMapping;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema mapping view applies valid records and tombstones, and sets aside every kind of bad record. */
class SchemaMappingTopologyTest {

    private final Topics topics = TestDrivers.topics();
    private final DeadLetters deadLetters = new DeadLetters(topics.deadLetters());
    private final Recorder listener = new Recorder();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SchemaMapping> mappings;
    private TestInputTopic<byte[], byte[]> raw;
    private KeyValueStore<String, SchemaMapping> view;

    @BeforeEach
    void start() {
        driver = TestDrivers.driver(topics, t -> SchemaMappingTopology.buildTopology(t, listener), Instant.EPOCH,
                deadLetters);
        mappings = TestDrivers.input(driver, topics.schemaMappings());
        raw = driver.createInputTopic(topics.schemaMappings().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        view = driver.getKeyValueStore(SchemaMappingTopology.VIEW_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String key(String source, String identity) {
        return SchemaMappingKeys.encode(source, identity);
    }

    @Test
    void shouldHoldTheLatestMappingOfEachPairUntilItsTombstone() {
        SchemaMapping first = influx("car='A'");
        SchemaMapping second = mapping("influx", "car='A'", List.of(field("delta", 7)), List.of());
        mappings.pipeInput(key("influx", "car='A'"), first);
        mappings.pipeInput(key("influx", "car='B'"), influx("car='B'"));
        assertThat(view.get(key("influx", "car='A'"))).isEqualTo(first);

        mappings.pipeInput(key("influx", "car='A'"), second);
        assertThat(view.get(key("influx", "car='A'"))).isEqualTo(second);

        mappings.pipeInput(key("influx", "car='A'"), null);
        assertThat(view.get(key("influx", "car='A'"))).isNull();
        assertThat(view.get(key("influx", "car='B'"))).isEqualTo(influx("car='B'"));
        assertThat(listener.applied).containsExactly(0L, 1L, 2L, 3L);
        assertThat(listener.problems).isEmpty();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void shouldApplyATombstoneOfAnAbsentPairAsNothing() {
        mappings.pipeInput(key("influx", "nothing"), null);

        assertThat(listener.applied).containsExactly(0L);
        assertThat(listener.problems).isEmpty();
    }

    static Stream<Arguments> badRecords() {
        byte[] valid = bytes(key("influx", "car='A'"));
        return Stream.of(
                Arguments.of("not JSON", bytes("influx/car"), null, "validation",
                        "record key: 'influx/car' is not a JSON array of two strings"),
                Arguments.of("no key", null, null, "validation", "record key: missing"),
                Arguments.of("not canonical", bytes("[\"influx\", \"car='A'\"]"), null, "validation",
                        "record key: '[\"influx\", \"car='A'\"]' is not in canonical form"),
                Arguments.of("not UTF-8", new byte[] {'[', (byte) 0xC3, '"'}, null, "validation",
                        "record key: not UTF-8 text"),
                Arguments.of("garbage value", valid, new byte[] {1, 2, 3, 4, 5, 6, 7}, "deserialization",
                        "record value: not a SchemaMapping event: "),
                Arguments.of("other source", valid, null, "validation",
                        "data_source: the value's 'files' differs from the record key's 'influx'"),
                Arguments.of("other identity", valid, null, "validation",
                        "data_identity: the value's 'car='B'' differs from the record key's 'car='A''"),
                Arguments.of("duplicate channel", valid, null, "validation",
                        "schema_mapping.field_mappings[1].target_channel: channel 1 (hex) is the target of an "
                                + "earlier field mapping"));
    }

    /** The value a bad record carries: given bytes, or a mapping that breaks the named rule. */
    private byte[] value(String kind, byte[] given) {
        SchemaMapping mapping = switch (kind) {
            case "other source" -> mapping("files", "car='A'", List.of(), List.of());
            case "other identity" -> mapping("influx", "car='B'", List.of(), List.of());
            case "duplicate channel" -> mapping("influx", "car='A'", List.of(field("a", 1), field("b", 1)),
                    List.of());
            default -> given == null ? influx("car='A'") : null;
        };
        return mapping == null ? given
                : topics.schemaMappings().valueSerde().serializer().serialize(topics.schemaMappings().name(), mapping);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void shouldSetAsideABadRecordAndGoOn(String kind, byte[] key, byte[] given, String stage, String problem) {
        SchemaMapping before = influx("car='A'");
        mappings.pipeInput(key("influx", "car='A'"), before);

        raw.pipeInput(key, value(kind, given));

        assertThat(view.get(key("influx", "car='A'"))).isEqualTo(before);
        assertThat(listener.applied).containsExactly(0L, 1L);
        assertThat(listener.problems).singleElement().asString().startsWith("1:" + problem);
        DeadLetter letter = listener.letters.get(0);
        assertThat(letter.getOffset()).isEqualTo(1L);
        assertThat(letter.getTopic()).isEqualTo(topics.schemaMappings().name());
        assertThat(letter.getStage()).isEqualTo(stage);
        assertThat(letter.getReason()).startsWith(problem);
        assertThat(deadLetters.count()).isEqualTo(1);

        SchemaMapping after = influx("car='C'");
        mappings.pipeInput(key("influx", "car='C'"), after);
        assertThat(view.get(key("influx", "car='C'"))).isEqualTo(after);
        assertThat(listener.applied).containsExactly(0L, 1L, 2L);
    }

    @Test
    void shouldSetAsideAMappingOverTheSizeLimit() {
        driver.close();
        driver = TestDrivers.driver(topics, t -> SchemaMappingTopology.addTo(new org.apache.kafka.streams.Topology(),
                t, io.rta.topology.limits.InputLimits.defaults(), 40, listener), Instant.EPOCH, deadLetters);
        mappings = TestDrivers.input(driver, topics.schemaMappings());

        mappings.pipeInput(key("influx", "car='A'"), influx("car='A'"));

        assertThat(listener.problems).singleElement().asString()
                .contains("schema_mapping: the encoded schema mapping's size (bytes) is")
                .contains("(MaxSchemaMappingSize)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Recorder implements SchemaMappingViewListener {
        final List<Long> applied = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<DeadLetter> letters = new ArrayList<>();

        @Override
        public void applied(int partition, long offset) {
            applied.add(offset);
        }

        @Override
        public void setAside(int partition, long offset, String problem, DeadLetter letter) {
            problems.add(offset + ":" + problem);
            letters.add(letter);
        }
    }
}
