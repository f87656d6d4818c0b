package io.rta.files.read;

import io.rta.topology.data.StoredChunk;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The computed chunks of one channel's column (or of one row set) in one window of the grid, by (the files and their
 * versions, the time column and unit, the column mapping or row set, the window): a file rewritten has another
 * version, so its old chunks are never served again and age out. Bounded in bytes (payloads plus a fixed overhead per entry), least recently used
 * out first. An empty list is kept too: it says the window holds no sample of that channel.
 */
public final class ChunkCache {

    /** Bytes an entry costs besides its payloads (key, list, chunk headers). */
    static final long ENTRY_OVERHEAD = 256;

    /**
     * @param files {@link io.rta.files.paths.FileSet#signature()}
     * @param time the time column and unit
     * @param part the mapped column (timestamped chunks) or the row set (row chunks)
     * @param window the window's start
     */
    public record Key(String files, String time, Part part, long window) {
    }

    /** What a cached window's chunks hold: one column's timestamped data, or a row set's rows. */
    public sealed interface Part permits ColumnMapping, RowSet {
    }

    /**
     * The columns of a row-layout mapping, in the rows' buffer order, with their channels and types. Its hash is
     * worked out once: a read looks up a key per window, and a row set may have thousands of columns.
     */
    public static final class RowSet implements Part {
        private final List<ColumnMapping> columns;
        private final int hash;

        private RowSet(List<ColumnMapping> columns) {
            this.columns = List.copyOf(columns);
            this.hash = this.columns.hashCode();
        }

        /** @param columns every mapped column of the row set, in buffer order */
        public static RowSet of(List<ColumnMapping> columns) {
            return new RowSet(columns);
        }

        public List<ColumnMapping> columns() {
            return columns;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RowSet set && set.hash == hash && set.columns.equals(columns);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, List<StoredChunk>> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public ChunkCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The window's chunks of the column, or null when they are not (or no longer) cached. */
    public synchronized List<StoredChunk> get(Key key) {
        return entries.get(key);
    }

    /** The chunks of every key, in order, or null when one is not cached (taken at once: none is evicted between). */
    public synchronized List<List<StoredChunk>> getAll(List<Key> keys) {
        for (Key key : keys) {
            if (!entries.containsKey(key)) {
                return null;
            }
        }
        List<List<StoredChunk>> out = new java.util.ArrayList<>(keys.size());
        for (Key key : keys) {
            out.add(entries.get(key));
        }
        return out;
    }

    /** Keeps the chunks unless they alone exceed the bound. */
    public synchronized void put(Key key, List<StoredChunk> chunks) {
        long size = size(chunks);
        if (size > maxBytes) {
            return;
        }
        List<StoredChunk> old = entries.put(key, List.copyOf(chunks));
        bytes += size - (old == null ? 0 : size(old));
        Iterator<Map.Entry<Key, List<StoredChunk>>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= size(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    private static long size(List<StoredChunk> chunks) {
        long size = ENTRY_OVERHEAD;
        for (StoredChunk chunk : chunks) {
            size += chunk.payloadLength() + 64 + 8L * chunk.channelIds().length;
        }
        return size;
    }
}
