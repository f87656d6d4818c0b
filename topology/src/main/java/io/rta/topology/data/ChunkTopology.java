package io.rta.topology.data;

import io.rta.events.DeadLetter;
import io.rta.events.TelemetryBatch;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
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
 *                  └─► dead-letters   (records and bursts that break the rules, set aside)
 * </pre>
 *
 * See {@code docs/chunk-view.md} for the store layout and the chunking rules.
 */
public final class ChunkTopology {

    /** The partitioned chunk store; query with {@code Serdes.String()} keys (the data identity) for metadata. */
    public static final String CHUNK_STORE = "data-chunks";

    private static final String SOURCE = "telemetry-source";
    private static final String PROCESSOR = "chunk-processor";
    private static final String DEAD_LETTERS_SINK = "telemetry-dead-letters-sink";

    private ChunkTopology() {
    }

    /** Builds the chunk topology on its own, with the default limits (tests). */
    public static Topology buildTopology(Topics topics) {
        return addTo(new Topology(), topics, InputLimits.defaults());
    }

    /** Adds the chunk topology; bursts are checked against {@code limits} as the gRPC writer checks them. */
    public static Topology addTo(Topology topology, Topics topics, InputLimits limits) {
        Topic<String, TelemetryBatch> telemetry = topics.telemetry();
        topology.addSource(SOURCE, telemetry.keySerde().deserializer(), telemetry.valueSerde().deserializer(),
                telemetry.name());
        topology.addProcessor(PROCESSOR, () -> new ChunkProcessor(limits, new SetAside<>(DEAD_LETTERS_SINK,
                PROCESSOR, telemetry.keySerde().serializer(), telemetry.valueSerde().serializer())), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHUNK_STORE),
                        Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                .withCachingDisabled(), PROCESSOR);
        Topic<String, DeadLetter> deadLetters = topics.deadLetters();
        topology.addSink(DEAD_LETTERS_SINK, deadLetters.name(), deadLetters.keySerde().serializer(),
                deadLetters.valueSerde().serializer(), PROCESSOR);
        return topology;
    }
}
