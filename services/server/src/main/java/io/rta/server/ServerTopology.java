package io.rta.server;

import io.rta.topology.Topics;
import io.rta.topology.config.ConfigTopology;
import io.rta.topology.config.ConfigViewListener;
import io.rta.topology.data.ChunkTopology;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.schemamapping.SchemaMappingTopology;
import io.rta.topology.schemamapping.SchemaMappingViewListener;
import io.rta.topology.session.SessionTopology;
import org.apache.kafka.streams.Topology;

/**
 * The server's one Kafka Streams topology: sessions, configs, chunks and the folder guard, and for the server the
 * schema mapping view. The server runs it over its topics; {@code ./rta replay} runs the same over the live event
 * topics into topics of its own, without the schema mapping view (a global store over an event topic: nothing derived
 * to rebuild).
 */
public final class ServerTopology {

    private ServerTopology() {
    }

    /** The topology without a listener on its config view and without the schema mapping view (a replay). */
    public static Topology buildTopology(Topics topics, InputLimits limits, int maxConfigBytes) {
        return buildTopology(topics, limits, maxConfigBytes, ConfigViewListener.NONE);
    }

    /**
     * The server's topology: {@link #buildTopology(Topics, InputLimits, int, ConfigViewListener)} and the schema
     * mapping view.
     *
     * @param maxSchemaMappingBytes the MaxSchemaMappingSize option
     * @param schemaMappingView told what the schema mapping view applied (schema mapping writes wait on it)
     */
    public static Topology buildTopology(Topics topics, InputLimits limits, int maxConfigBytes,
                                         ConfigViewListener configView, int maxSchemaMappingBytes,
                                         SchemaMappingViewListener schemaMappingView) {
        return SchemaMappingTopology.addTo(buildTopology(topics, limits, maxConfigBytes, configView), topics, limits,
                maxSchemaMappingBytes, schemaMappingView);
    }

    /**
     * @param maxConfigBytes the MaxConfigSize option
     * @param configView told what the config view applied (config writes wait on it)
     */
    public static Topology buildTopology(Topics topics, InputLimits limits, int maxConfigBytes,
                                         ConfigViewListener configView) {
        Topology topology = new Topology();
        SessionTopology.addTo(topology, topics, limits);
        ConfigTopology.addTo(topology, topics, limits, maxConfigBytes, configView);
        ChunkTopology.addTo(topology, topics, limits);
        SessionTopology.addFolderGuard(topology, topics, limits); // last: see its doc
        return topology;
    }
}
