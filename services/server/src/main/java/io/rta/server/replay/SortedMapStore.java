package io.rta.server.replay;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A read-only store over a sorted map, in RocksDB's key order ({@link Bytes} compare as unsigned bytes): the chunk
 * read code runs over a changelog's contents through it exactly as it runs over the live store.
 */
final class SortedMapStore implements ReadOnlyKeyValueStore<Bytes, byte[]> {

    private final NavigableMap<Bytes, byte[]> entries;

    SortedMapStore(NavigableMap<Bytes, byte[]> entries) {
        this.entries = entries;
    }

    @Override
    public byte[] get(Bytes key) {
        return entries.get(key);
    }

    /** {@code [from, to]}, both inclusive, as Kafka Streams' stores. */
    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        if (from.compareTo(to) > 0) {
            return iterator(java.util.Collections.<Bytes, byte[]>emptyNavigableMap());
        }
        return iterator(entries.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return iterator(entries);
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    private static KeyValueIterator<Bytes, byte[]> iterator(NavigableMap<Bytes, byte[]> view) {
        Iterator<Map.Entry<Bytes, byte[]>> it = view.entrySet().iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<Bytes, byte[]> next = it.hasNext() ? it.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyValue<Bytes, byte[]> current = KeyValue.pair(next.getKey(), next.getValue());
                next = it.hasNext() ? it.next() : null;
                return current;
            }

            @Override
            public Bytes peekNextKey() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.getKey();
            }

            @Override
            public void close() {
            }
        };
    }
}
