package io.rta.server;

import io.rta.topology.Topics;
import io.rta.topology.config.ConfigTopology;
import io.rta.topology.data.ChunkTopology;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.session.SessionTopology;
import org.apache.kafka.streams.Topology;

/**
 * The server's one Kafka Streams topology: sessions, configs, chunks and the folder guard. The server runs it over its
 * topics; {@code ./rta replay} runs the same over the live event topics into topics of its own.
 */
public final class ServerTopology {

    private ServerTopology() {
    }

    /**
     * @param maxConfigBytes the MaxConfigSize option
     */
    public static Topology buildTopology(Topics topics, InputLimits limits, int maxConfigBytes) {
        Topology topology = new Topology();
        SessionTopology.addTo(topology, topics, limits);
        ConfigTopology.addTo(topology, topics, limits, maxConfigBytes);
        ChunkTopology.addTo(topology, topics, limits);
        SessionTopology.addFolderGuard(topology, topics, limits); // last: see its doc
        return topology;
    }
}
