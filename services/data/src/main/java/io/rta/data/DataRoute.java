package io.rta.data;

import io.rta.topology.data.ChunkRead;
import io.rta.topology.data.ChunkView;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a validated read is answered: from this instance's chunk view ({@code local} set) or by the owner instance
 * ({@code owner} set).
 */
public record DataRoute(ChunkRead read, ChunkView local, HostInfo owner) {

    static DataRoute local(ChunkRead read, ChunkView view) {
        return new DataRoute(read, view, null);
    }

    static DataRoute remote(ChunkRead read, HostInfo owner) {
        return new DataRoute(read, null, owner);
    }

    public boolean isLocal() {
        return local != null;
    }
}
