package io.rta.data.kafka;

import io.rta.data.DataUnavailableException;
import io.rta.service.kafka.StreamsRunner;
import io.rta.topology.data.ChunkStoreView;
import io.rta.topology.data.ChunkTopology;
import io.rta.topology.data.ChunkView;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's chunk view, opened per read (the store is not queryable while Streams starts or rebalances). */
public final class StreamsChunkViews implements Supplier<ChunkView> {

    private final StreamsRunner streams;
    private final Duration wait;

    /** @param wait how long a read waits for the store to become queryable before it is refused */
    public StreamsChunkViews(StreamsRunner streams, Duration wait) {
        this.streams = streams;
        this.wait = wait;
    }

    @Override
    public ChunkView get() {
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.keyValueStore(ChunkTopology.CHUNK_STORE, wait);
            return new ChunkStoreView(store);
        } catch (InvalidStateStoreException e) {
            throw new DataUnavailableException("the chunk store is not queryable within " + wait.toMillis()
                    + " ms (Kafka Streams is " + streams.state() + "); retry shortly", e);
        }
    }
}
