package io.rta.data.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.data.DataUnavailableException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

class RebalanceTolerantStoreTest {

    private static final Bytes KEY = Bytes.wrap(new byte[] {1});
    private static final byte[] VALUE = {42};

    @Test
    void shouldRetryACallRefusedWhileTheThreadIsBetweenAssignments() {
        RefusingStore refusing = new RefusingStore(3);
        RebalanceTolerantStore store = new RebalanceTolerantStore(refusing, "partition 2 of the chunk store",
                Duration.ofSeconds(5));

        assertThat(store.get(KEY)).isEqualTo(VALUE);
        try (KeyValueIterator<Bytes, byte[]> scan = store.range(KEY, KEY)) {
            assertThat(scan.next().value).isEqualTo(VALUE);
            assertThat(scan.hasNext()).isFalse();
        }
        assertThat(refusing.calls.get()).isEqualTo(5);
    }

    @Test
    void shouldBeUnavailableNamingThePartitionWhenItStaysUnqueryable() {
        RebalanceTolerantStore store = new RebalanceTolerantStore(new RefusingStore(Integer.MAX_VALUE),
                "partition 2 of the chunk store", Duration.ofMillis(200));

        assertThatThrownBy(() -> store.range(KEY, KEY))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("partition 2 of the chunk store is not queryable on this instance")
                .hasMessageContaining("retry shortly")
                .hasMessageContaining("stream thread is PARTITIONS_ASSIGNED");
    }

    @Test
    void shouldBeUnavailableAtOnceWhenThePartitionIsNotHostedHere() {
        ReadOnlyKeyValueStore<Bytes, byte[]> moved = new RefusingStore(0) {
            @Override
            public byte[] get(Bytes key) {
                throw new InvalidStateStorePartitionException("The specified partition 2 for store data-chunks does "
                        + "not exist.");
            }
        };
        RebalanceTolerantStore store = new RebalanceTolerantStore(moved, "partition 2 of the chunk store",
                Duration.ofHours(1));

        assertThatThrownBy(() -> store.get(KEY)).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("partition 2 for store data-chunks does not exist");
    }

    @Test
    void shouldBeUnavailableWhenTheStoreClosesUnderAnOpenScan() {
        RefusingStore closing = new RefusingStore(0);
        closing.closeScans = true;
        RebalanceTolerantStore store = new RebalanceTolerantStore(closing, "partition 2 of the chunk store",
                Duration.ofSeconds(5));

        try (KeyValueIterator<Bytes, byte[]> scan = store.range(KEY, KEY)) {
            assertThatThrownBy(scan::hasNext).isInstanceOf(DataUnavailableException.class)
                    .hasMessageContaining("has closed");
        }
    }

    /** Refuses its first {@code refusals} calls the way Kafka Streams does during a rebalance. */
    private static class RefusingStore implements ReadOnlyKeyValueStore<Bytes, byte[]> {
        private final AtomicInteger calls = new AtomicInteger();
        private final int refusals;
        private boolean closeScans;

        RefusingStore(int refusals) {
            this.refusals = refusals;
        }

        private void call() {
            if (calls.incrementAndGet() <= refusals) {
                throw new InvalidStateStoreException("Cannot get state store data-chunks because the stream thread "
                        + "is PARTITIONS_ASSIGNED, not RUNNING");
            }
        }

        @Override
        public byte[] get(Bytes key) {
            call();
            return VALUE;
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            call();
            return scan(List.of(KeyValue.pair(KEY, VALUE)).iterator());
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return range(null, null);
        }

        @Override
        public long approximateNumEntries() {
            call();
            return 1;
        }

        private KeyValueIterator<Bytes, byte[]> scan(Iterator<KeyValue<Bytes, byte[]>> entries) {
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    if (closeScans) {
                        throw new InvalidStateStoreException("RocksDB iterator for store data-chunks has closed");
                    }
                    return entries.hasNext();
                }

                @Override
                public KeyValue<Bytes, byte[]> next() {
                    return entries.next();
                }

                @Override
                public Bytes peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
