package io.rta.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.ConfigPublication;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @BeforeEach
    void start() {
        Topics topics = TestDrivers.topics();
        driver = TestDrivers.driver(topics, ConfigTopology::buildTopology, java.time.Instant.EPOCH);
        publications = TestDrivers.input(driver, topics.configPublications());
        configs = TestDrivers.output(driver, topics.configs());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldPublishTheFirstPublicationOfAnIdentifier() {
        publications.pipeInput("c1", config("{\"a\":{}}"));

        assertThat(configs.readKeyValue().value).isEqualTo(config("{\"a\":{}}"));
        assertThat(view().get("c1")).isEqualTo(config("{\"a\":{}}"));
    }

    @Test
    void shouldIgnoreLaterPublicationsOfTheSameIdentifier() {
        publications.pipeInput("c1", config("{\"first\":{}}"));
        publications.pipeInput("c1", config("{\"second\":{}}"));
        publications.pipeInput("c1", config("{\"first\":{}}"));

        List<TestRecord<String, ConfigPublication>> out = configs.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(view().get("c1")).isEqualTo(config("{\"first\":{}}"));
    }

    @Test
    void shouldAllowRepublishingAfterDelete() {
        publications.pipeInput("c1", config("{\"first\":{}}"));
        publications.pipeInput("c1", (ConfigPublication) null);
        publications.pipeInput("c2", (ConfigPublication) null);
        publications.pipeInput("c1", config("{\"second\":{}}"));

        List<TestRecord<String, ConfigPublication>> out = configs.readRecordsToList();
        assertThat(out).extracting(TestRecord::value).containsExactly(config("{\"first\":{}}"), null,
                config("{\"second\":{}}"));
        assertThat(view().get("c1")).isEqualTo(config("{\"second\":{}}"));
        assertThat(view().get("c2")).isNull();
    }

    private KeyValueStore<String, ConfigPublication> view() {
        return driver.getKeyValueStore(ConfigTopology.CONFIG_VIEW_STORE);
    }

    private static ConfigPublication config(String json) {
        return new ConfigPublication(JSON, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }
}
