package io.rta.data.kafka;

import io.rta.data.DataUnavailableException;
import io.rta.service.kafka.StreamsRunner;
import io.rta.topology.data.ChunkStoreView;
import io.rta.topology.data.ChunkTopology;
import io.rta.topology.data.ChunkView;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's chunk view of one data identity, opened per read on the identity's own partition of the store.
 *
 * <p>Only that partition: a view over every local partition silently misses a partition this instance is still
 * restoring or has just handed over (a rebalance), and would answer an empty stream instead of "retry". A read
 * already under way rides out a rebalance that leaves the partition here ({@link RebalanceTolerantStore}).
 */
public final class StreamsChunkViews implements Function<String, ChunkView> {

    private final StreamsRunner streams;
    private final Duration wait;

    /** @param wait how long a read waits for the partition to become queryable here before it is refused */
    public StreamsChunkViews(StreamsRunner streams, Duration wait) {
        this.streams = streams;
        this.wait = wait;
    }

    @Override
    public ChunkView apply(String dataIdentity) {
        long deadline = System.nanoTime() + wait.toNanos();
        int partition = partition(dataIdentity, deadline);
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.keyValueStore(ChunkTopology.CHUNK_STORE, partition,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            return new ChunkStoreView(new RebalanceTolerantStore(store, "partition " + partition + " of the chunk store",
                    wait));
        } catch (InvalidStateStoreException e) {
            throw new DataUnavailableException("partition " + partition + " of the chunk store is not "
                    + "queryable on this instance within " + wait.toMillis() + " ms (Kafka Streams is "
                    + streams.state() + "); retry shortly", e);
        }
    }

    /** The identity's partition of the store, waiting (until the deadline) for the first assignment to know it. */
    private int partition(String dataIdentity, long deadline) {
        while (true) {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(ChunkTopology.CHUNK_STORE, dataIdentity,
                    Serdes.String().serializer());
            if (metadata.partition() >= 0) {
                return metadata.partition();
            }
            if (System.nanoTime() > deadline) {
                throw new DataUnavailableException("the partition of the data of '" + dataIdentity
                        + "' is not known within " + wait.toMillis() + " ms (Kafka Streams is " + streams.state()
                        + "); retry shortly");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataUnavailableException("interrupted while waiting for the chunk store", e);
            }
        }
    }
}
