package io.rta.topology.data;

import io.rta.topology.Topics;
import org.apache.kafka.streams.Topology;

/**
 * Folds {@code rta.telemetry} into the chunk view: per data identity, kind and channel, chunks with stable time
 * boundaries, stored already encoded for the wire. Partitioned by data identity (store {@link #CHUNK_STORE}).
 */
public final class ChunkTopology {

    /** The partitioned chunk store; query with {@code Serdes.String()} keys (the data identity) for metadata. */
    public static final String CHUNK_STORE = "data-chunks";

    private ChunkTopology() {
    }

    public static void addTo(Topology topology, Topics topics) {
        throw new UnsupportedOperationException("TODO");
    }
}
