package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.TelemetryBatch;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ChunkStoreContentsTest {

    private static final long T0 = 1_620_129_000_000_000_000L;

    @Test
    void shouldListEveryDataIdentityOnceInKeyOrderWhateverItsSeries() {
        Topics topics = TestDrivers.topics();
        try (TopologyTestDriver driver = TestDrivers.driver(topics, ChunkTopology::buildTopology,
                Instant.parse("2026-01-01T00:00:00Z"))) {
            TestInputTopic<String, TelemetryBatch> telemetry = TestDrivers.input(driver, topics.telemetry());
            telemetry.pipeInput("ab", periodic(1));
            telemetry.pipeInput("a", periodic(2));
            telemetry.pipeInput("a", periodic(3));
            telemetry.pipeInput("a", new TelemetryBatch(List.of(new EventBurst(7, "app", T0, "", List.of()))));
            telemetry.pipeInput("b", periodic(1));
            KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(ChunkTopology.CHUNK_STORE);

            // identities sort by length first (u16 length, then the bytes): "a", "b", then "ab"
            assertThat(ChunkStoreContents.dataIdentities(store)).containsExactly("a", "b", "ab");
        }
    }

    @Test
    void shouldListNothingForAnEmptyStore() {
        Topics topics = TestDrivers.topics();
        try (TopologyTestDriver driver = TestDrivers.driver(topics, ChunkTopology::buildTopology,
                Instant.parse("2026-01-01T00:00:00Z"))) {
            KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(ChunkTopology.CHUNK_STORE);

            assertThat(ChunkStoreContents.dataIdentities(store)).isEmpty();
        }
    }

    private static TelemetryBatch periodic(long channel) {
        return new TelemetryBatch(List.of(new PeriodicBurst(channel, T0, 1_000_000L, 4,
                ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))));
    }
}
