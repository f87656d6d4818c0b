package io.rta.topology.data;

import java.io.IOException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@link ChunkView} over the local chunk store (all local partitions). */
public final class ChunkStoreView implements ChunkView {

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;

    public ChunkStoreView(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public void read(ChunkRead request, ChunkSink sink) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }
}
