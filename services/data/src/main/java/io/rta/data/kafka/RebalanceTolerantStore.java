package io.rta.data.kafka;

import io.rta.data.DataUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One partition of a local store, read across a rebalance. Kafka Streams refuses every interactive query while a
 * stream thread is between assignments ({@code PARTITIONS_ASSIGNED}), also of the partitions it keeps, so a long read
 * that spans a rebalance elsewhere in the group would fail although its data never moved. A refused call waits (at
 * most {@code wait}) until the partition is queryable here again, which also proves it is still this instance's
 * running active task, and is retried; a partition Streams reports as not hosted here fails at once. A partition that moved away, or a store closed under an open iterator, is
 * {@link DataUnavailableException}: the caller retries and is routed to the new owner.
 */
final class RebalanceTolerantStore implements ReadOnlyKeyValueStore<Bytes, byte[]> {

    private static final long RETRY_MILLIS = 50;

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final String description;
    private final Duration wait;

    /** @param description names the store and partition in errors */
    RebalanceTolerantStore(ReadOnlyKeyValueStore<Bytes, byte[]> store, String description, Duration wait) {
        this.store = store;
        this.description = description;
        this.wait = wait;
    }

    @Override
    public byte[] get(Bytes key) {
        return retrying(() -> store.get(key));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new Iterator(retrying(() -> store.range(from, to)));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new Iterator(retrying(store::all));
    }

    @Override
    public long approximateNumEntries() {
        return retrying(store::approximateNumEntries);
    }

    private <T> T retrying(Supplier<T> call) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (InvalidStateStorePartitionException e) {
                // the partition is not hosted here (moved away, or still restoring): no point waiting
                throw unavailable(e);
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw unavailable(e);
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw unavailable(e);
                }
            }
        }
    }

    private DataUnavailableException unavailable(InvalidStateStoreException e) {
        return new DataUnavailableException(description + " is not queryable on this instance (its ownership moved "
                + "or is moving: rebalance in progress); retry shortly: " + e.getMessage(), e);
    }

    /** An open scan: its store closing under it (the partition moved away) is {@link DataUnavailableException}. */
    private final class Iterator implements KeyValueIterator<Bytes, byte[]> {
        private final KeyValueIterator<Bytes, byte[]> scan;

        Iterator(KeyValueIterator<Bytes, byte[]> scan) {
            this.scan = scan;
        }

        @Override
        public boolean hasNext() {
            try {
                return scan.hasNext();
            } catch (InvalidStateStoreException e) {
                throw unavailable(e);
            }
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            try {
                return scan.next();
            } catch (InvalidStateStoreException e) {
                throw unavailable(e);
            }
        }

        @Override
        public Bytes peekNextKey() {
            try {
                return scan.peekNextKey();
            } catch (InvalidStateStoreException e) {
                throw unavailable(e);
            }
        }

        @Override
        public void close() {
            try {
                scan.close();
            } catch (InvalidStateStoreException e) {
                // the store closed under the scan: nothing is left to release
            }
        }
    }
}
