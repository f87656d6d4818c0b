package io.rta.topology.data;

import io.rta.events.TelemetryBatch;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Folds {@code rta.telemetry} into the chunk view: per data identity, kind and channel, chunks with stable time
 * boundaries, stored already encoded for the wire. Partitioned by data identity (store {@link #CHUNK_STORE}).
 *
 * <pre>
 * telemetry ─► ChunkProcessor   [data-chunks: segments per record, compacted parts, series metadata]
 * </pre>
 *
 * See {@code docs/chunk-view.md} for the store layout and the chunking rules.
 */
public final class ChunkTopology {

    /** The partitioned chunk store; query with {@code Serdes.String()} keys (the data identity) for metadata. */
    public static final String CHUNK_STORE = "data-chunks";

    private static final String SOURCE = "telemetry-source";
    private static final String PROCESSOR = "chunk-processor";

    private ChunkTopology() {
    }

    /** Builds the chunk topology on its own. */
    public static Topology buildTopology(Topics topics) {
        return addTo(new Topology(), topics);
    }

    public static Topology addTo(Topology topology, Topics topics) {
        Topic<String, TelemetryBatch> telemetry = topics.telemetry();
        topology.addSource(SOURCE, telemetry.keySerde().deserializer(), telemetry.valueSerde().deserializer(),
                telemetry.name());
        topology.addProcessor(PROCESSOR, ChunkProcessor::new, SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHUNK_STORE),
                        Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                .withCachingDisabled(), PROCESSOR);
        return topology;
    }
}
