package io.rta.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.DeadLetter;
import io.rta.events.SessionFolder;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Streams error handlers as the server configures them, on a small topology whose processor fails on demand: an
 * undecodable record and a failing record become dead letters with the record's own bytes and processing goes on;
 * a registry outage fails the task instead (the record is retried); a failing punctuation is counted.
 */
class DeadLetterHandlersTest {

    private static final String FOLDERS_SOURCE = "folders-source";
    private static final String PROCESSOR = "failing-processor";

    private final Topics topics = TestDrivers.topics();
    private final DeadLetters deadLetters = new DeadLetters(topics.deadLetters());
    private final List<String> applied = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionFolder> folders;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, DeadLetter> letters;

    @BeforeEach
    void start() {
        driver = TestDrivers.driver(topics, this::topology, Instant.EPOCH, deadLetters);
        folders = TestDrivers.input(driver, topics.folders());
        raw = driver.createInputTopic(topics.folders().name(), Serdes.String().serializer(),
                new ByteArraySerializer());
        letters = TestDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** folders ─► a processor that records what it applies and throws for the labels "boom" and "registry down". */
    private Topology topology(Topics topics) {
        Topic<String, SessionFolder> input = topics.folders();
        Topology topology = new Topology();
        topology.addSource(FOLDERS_SOURCE, input.keySerde().deserializer(), input.valueSerde().deserializer(),
                input.name());
        topology.addProcessor(PROCESSOR, () -> new Failing(applied), FOLDERS_SOURCE);
        return topology;
    }

    private static final class Failing implements Processor<String, SessionFolder, Void, Void> {
        private final List<String> applied;

        Failing(List<String> applied) {
            this.applied = applied;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
                throw new IllegalStateException("scheduled work failed");
            });
        }

        @Override
        public void process(Record<String, SessionFolder> record) {
            switch (record.value().getLabel()) {
                case "boom" -> throw new IllegalStateException("cannot apply\nthis one");
                case "registry down" -> throw new IllegalStateException("while encoding",
                        new RegistryUnavailableException("registry unreachable", null));
                default -> applied.add(record.key());
            }
        }
    }

    @Test
    void shouldSetAsideAnUndecodableRecordWithItsBytesAndGoOn() {
        folders.pipeInput("before", folder("before", "ok"));
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>("garbage", "not Avro".getBytes(StandardCharsets.UTF_8), headers,
                Instant.ofEpochMilli(1234)));
        folders.pipeInput("after", folder("after", "ok"));

        assertThat(applied).containsExactly("before", "after");
        TestRecord<String, DeadLetter> letter = letters.readRecord();
        assertThat(letter.key()).isEqualTo(topics.folders().name() + "/0/1");
        DeadLetter value = letter.value();
        assertThat(value.getTopic()).isEqualTo(topics.folders().name());
        assertThat(value.getPartition()).isZero();
        assertThat(value.getOffset()).isEqualTo(1L);
        assertThat(value.getTimestamp()).isEqualTo(1234L);
        assertThat(value.getStage()).isEqualTo(DeadLetters.DESERIALIZATION);
        assertThat(bytes(value.getKey())).isEqualTo("garbage");
        assertThat(bytes(value.getValue())).isEqualTo("not Avro");
        assertThat(value.getHeaders()).singleElement().satisfies(h -> assertThat(h.getKey()).isEqualTo("trace"));
        assertThat(value.getReason()).startsWith("org.apache.kafka.common.errors.SerializationException");
        assertThat(value.getApplication()).isEqualTo("topology-test");
        assertThat(letters.isEmpty()).isTrue();
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.last()).get().extracting(DeadLetters.Summary::key)
                .isEqualTo(topics.folders().name() + "/0/1");
    }

    @Test
    void shouldSetAsideARecordWhoseProcessingFailsWithItsBytesAndTheExceptionAndGoOn() {
        folders.pipeInput("before", folder("before", "ok"));
        folders.pipeInput("bad", folder("bad", "boom"));
        folders.pipeInput("after", folder("after", "ok"));

        assertThat(applied).containsExactly("before", "after");
        DeadLetter letter = letters.readValue();
        assertThat(letter.getStage()).isEqualTo(DeadLetters.PROCESSING);
        assertThat(letter.getOffset()).isEqualTo(1L);
        assertThat(letter.getProcessor()).isEqualTo(PROCESSOR);
        assertThat(letter.getReason()).isEqualTo("java.lang.IllegalStateException: cannot apply\\u000Athis one");
        assertThat(bytes(letter.getKey())).isEqualTo("bad");
        assertThat(topics.folders().valueSerde().deserializer().deserialize(topics.folders().name(),
                array(letter.getValue()))).isEqualTo(folder("bad", "boom"));
        assertThat(deadLetters.count()).isEqualTo(1);
    }

    @Test
    void shouldFailTheTaskInsteadOfSettingAsideWhenTheRegistryIsUnavailable() {
        assertThatThrownBy(() -> folders.pipeInput("waiting", folder("waiting", "registry down")))
                .isInstanceOf(StreamsException.class);

        assertThat(letters.isEmpty()).isTrue();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void shouldCountAFailedPunctuationAndKeepProcessing() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        folders.pipeInput("after", folder("after", "ok"));

        assertThat(deadLetters.punctuationFailures()).isEqualTo(2);
        assertThat(applied).containsExactly("after");
        assertThat(letters.isEmpty()).isTrue();
    }

    private static SessionFolder folder(String identity, String label) {
        return new SessionFolder(identity, "", label, "");
    }

    private static String bytes(java.nio.ByteBuffer buffer) {
        return new String(array(buffer), StandardCharsets.UTF_8);
    }

    private static byte[] array(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
