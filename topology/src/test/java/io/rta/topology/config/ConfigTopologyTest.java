package io.rta.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.ConfigPublication;
import io.rta.topology.SourcePosition;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigTopologyTest {

    private static final String JSON = "application/vnd.mat.config+json";

    private TopologyTestDriver driver;
    private TestInputTopic<String, ConfigPublication> publications;
    private TestOutputTopic<String, ConfigPublication> configs;
    private TestInputTopic<String, ConfigPublication> foreignConfigs;
    /** What the view told its listener, in order: "applied p:o" and "set aside p:o problem". */
    private final List<String> told = new ArrayList<>();

    @BeforeEach
    void start() {
        Topics topics = TestDrivers.topics();
        ConfigViewListener listener = new ConfigViewListener() {
            @Override
            public void applied(int partition, long offset) {
                told.add("applied " + partition + ":" + offset);
            }

            @Override
            public void setAside(int partition, long offset, String problem) {
                told.add("set aside " + partition + ":" + offset + " " + problem);
            }
        };
        driver = TestDrivers.driver(topics, t -> ConfigTopology.buildTopology(t, listener), java.time.Instant.EPOCH);
        publications = TestDrivers.input(driver, topics.configPublications());
        configs = TestDrivers.output(driver, topics.configs());
        foreignConfigs = TestDrivers.input(driver, topics.configs());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldPublishTheFirstPublicationOfAnIdentifier() {
        publications.pipeInput("c1", config("{\"a\":{}}"));

        TestRecord<String, ConfigPublication> out = configs.readRecord();
        assertThat(out.value()).isEqualTo(config("{\"a\":{}}"));
        assertThat(SourcePosition.read(out.headers())).contains(new SourcePosition(0, 0));
        assertThat(view().get("c1")).isEqualTo(config("{\"a\":{}}"));
        assertThat(told).containsExactly("applied 0:0");
    }

    @Test
    void shouldIgnoreLaterPublicationsOfTheSameIdentifier() {
        publications.pipeInput("c1", config("{\"first\":{}}"));
        publications.pipeInput("c1", config("{\"second\":{}}"));
        publications.pipeInput("c1", config("{\"first\":{}}"));

        // the later ones change nothing: each yields a marker, so a writer waiting on its offset is answered
        List<TestRecord<String, ConfigPublication>> out = configs.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("c1", ConfigTopology.MARKER_KEY,
                ConfigTopology.MARKER_KEY);
        assertThat(out).extracting(TestRecord::value).containsExactly(config("{\"first\":{}}"), null, null);
        assertThat(out).extracting(r -> SourcePosition.read(r.headers()).orElseThrow())
                .containsExactly(new SourcePosition(0, 0), new SourcePosition(0, 1), new SourcePosition(0, 2));
        assertThat(view().get("c1")).isEqualTo(config("{\"first\":{}}"));
        assertThat(view().get(ConfigTopology.MARKER_KEY)).isNull();
        assertThat(told).containsExactly("applied 0:0", "applied 0:1", "applied 0:2");
    }

    @Test
    void shouldAllowRepublishingAfterDelete() {
        publications.pipeInput("c1", config("{\"first\":{}}"));
        publications.pipeInput("c1", (ConfigPublication) null);
        publications.pipeInput("c2", (ConfigPublication) null);
        publications.pipeInput("c1", config("{\"second\":{}}"));

        List<TestRecord<String, ConfigPublication>> out = configs.readRecordsToList();
        // deleting the absent c2 changes nothing: a marker
        assertThat(out).extracting(TestRecord::key).containsExactly("c1", "c1", ConfigTopology.MARKER_KEY, "c1");
        assertThat(out).extracting(TestRecord::value).containsExactly(config("{\"first\":{}}"), null, null,
                config("{\"second\":{}}"));
        assertThat(view().get("c1")).isEqualTo(config("{\"second\":{}}"));
        assertThat(view().get("c2")).isNull();
        assertThat(told).containsExactly("applied 0:0", "applied 0:1", "applied 0:2", "applied 0:3");
    }

    @Test
    void shouldNotPassOnThePublicationsOwnHeaders() {
        publications.pipeInput(new TestRecord<>("c1", config("{}"), new RecordHeaders().add(SourcePosition.HEADER,
                "7:7".getBytes(StandardCharsets.US_ASCII)).add("other", new byte[] {1})));

        TestRecord<String, ConfigPublication> out = configs.readRecord();
        assertThat(out.headers().toArray()).hasSize(1);
        assertThat(SourcePosition.read(out.headers())).contains(new SourcePosition(0, 0));
    }

    @Test
    void shouldTellTheListenerOfASetAsidePublicationBeforeItIsApplied() {
        publications.pipeInput("c1", new ConfigPublication("text/plain", ByteBuffer.wrap(new byte[] {1})));

        TestRecord<String, ConfigPublication> marker = configs.readRecord();
        assertThat(marker.key()).isEqualTo(ConfigTopology.MARKER_KEY);
        assertThat(new String(marker.headers().lastHeader(ConfigTopology.SET_ASIDE_HEADER).value(),
                StandardCharsets.UTF_8)).startsWith("contentType must be one of");
        assertThat(told).hasSize(2);
        assertThat(told.get(0)).startsWith("set aside 0:0 contentType must be one of");
        assertThat(told.get(1)).isEqualTo("applied 0:0");
        assertThat(view().get("c1")).isNull();
    }

    @Test
    void shouldApplyRecordsOfAnotherProducerByKeyAloneAndNeverStoreABlankKey() {
        foreignConfigs.pipeInput(new TestRecord<>("", config("{}"), new RecordHeaders().add(SourcePosition.HEADER,
                "x:y".getBytes(StandardCharsets.US_ASCII))));
        foreignConfigs.pipeInput(new TestRecord<>("c9", config("{}"), new RecordHeaders().add(SourcePosition.HEADER,
                "0:-4".getBytes(StandardCharsets.US_ASCII))));
        foreignConfigs.pipeInput(new TestRecord<>(" ", config("{}")));

        assertThat(view().get("")).isNull();
        assertThat(view().get(" ")).isNull();
        assertThat(view().get("c9")).isEqualTo(config("{}"));
        assertThat(told).isEmpty();
    }

    @Test
    void shouldSendAMarkerToThePartitionNumberedLikeItsPublication() {
        ConfigTopology.MarkerPartitioner partitioner = new ConfigTopology.MarkerPartitioner();
        RecordHeaders headers = new RecordHeaders();
        new SourcePosition(5, 10).addTo(headers);

        assertThat(partitioner.partitions("configs", ConfigTopology.MARKER_KEY, null, headers, 3))
                .contains(Set.of(2));
        assertThat(partitioner.partitions("configs", "c1", null, headers, 3)).isEmpty();
        assertThat(partitioner.partitions("configs", ConfigTopology.MARKER_KEY, null, new RecordHeaders(), 3))
                .isEmpty();
    }

    private KeyValueStore<String, ConfigPublication> view() {
        return driver.getKeyValueStore(ConfigTopology.CONFIG_VIEW_STORE);
    }

    private static ConfigPublication config(String json) {
        return new ConfigPublication(JSON, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }
}
