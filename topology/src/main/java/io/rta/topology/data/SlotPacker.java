package io.rta.topology.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the results of one slot into stored chunks: sorted by time (stable, so equal times keep write order), exact
 * duplicate results dropped (a retried write; events are kept, the same event may legitimately occur twice in an
 * instant), then cut into lists of at most {@link #PART_LIST_BYTES}. The same function packs a fresh segment, compacts
 * a slot and merges a slot at read time, so every path yields the same chunks for the same data.
 */
final class SlotPacker {

    /**
     * A slot is sized for about 64 KiB; data much faster than estimated is cut into parts of this size, far below the
     * 4 MiB hard limit of chunks.md.
     */
    static final int PART_LIST_BYTES = 256 * 1024;

    private static final Comparator<ListEntry> ORDER = Comparator.comparingLong(ListEntry::start)
            .thenComparingLong(ListEntry::end);

    private SlotPacker() {
    }

    static List<byte[]> pack(DataKind kind, List<ListEntry> entries) {
        return packSorted(sortedUnique(kind, entries), false);
    }

    /**
     * The same chunks as {@link #pack}, each stored {@link ChunkValue#RAW} (uncompressed): for the segments of a slot
     * still being written, which are merged before anything is served from them.
     */
    static List<byte[]> packRaw(DataKind kind, List<ListEntry> entries) {
        return packSorted(sortedUnique(kind, entries), true);
    }

    /** The entries in chunk order, exact duplicates dropped (except events). */
    private static List<ListEntry> sortedUnique(DataKind kind, List<ListEntry> entries) {
        List<ListEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        return kind == DataKind.EVENTS ? sorted : withoutDuplicates(sorted);
    }

    private static List<byte[]> packSorted(List<ListEntry> sorted, boolean raw) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        int size = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int entrySize = ListEncoding.entrySize(sorted.get(i));
            if (i > from && size + entrySize > PART_LIST_BYTES) {
                parts.add(part(sorted, from, i, raw));
                from = i;
                size = 0;
            }
            size += entrySize;
        }
        if (from < sorted.size()) {
            parts.add(part(sorted, from, sorted.size(), raw));
        }
        return parts;
    }

    /** Merges stored chunks (parts and segments of one slot) into the slot's chunks. */
    static List<byte[]> merge(DataKind kind, List<byte[]> values) {
        byte[] appended = appendedInOrder(values);
        if (appended != null) {
            return List.of(appended);
        }
        List<ListEntry> entries = new ArrayList<>();
        for (byte[] value : values) {
            entries.addAll(ListEncoding.entries(kind, ChunkValue.list(value)));
        }
        return pack(kind, entries);
    }

    /**
     * Merges stored chunks of one slot with results not stored yet: exactly {@code merge(kind, values + pack(kind,
     * added))}, i.e. what compaction makes of the slot had {@code added} been stored as a segment after
     * {@code values}, without compressing {@code added} on its own first.
     */
    static List<byte[]> merge(DataKind kind, List<byte[]> values, List<ListEntry> added) {
        List<ListEntry> sorted = sortedUnique(kind, added);
        byte[] appended = appendedInOrder(values, sorted);
        if (appended != null) {
            return List.of(appended);
        }
        List<ListEntry> entries = new ArrayList<>();
        for (byte[] value : values) {
            entries.addAll(ListEncoding.entries(kind, ChunkValue.list(value)));
        }
        entries.addAll(sorted);
        return pack(kind, entries);
    }

    /**
     * {@link #appendedInOrder(List)} with results not stored yet ({@code sorted}: in chunk order, without duplicates)
     * after the stored chunks: they must start after every stored chunk ends.
     */
    private static byte[] appendedInOrder(List<byte[]> values, List<ListEntry> sorted) {
        if (sorted.isEmpty()) {
            return appendedInOrder(values);
        }
        List<Stored> chunks = inOrder(values);
        if (chunks == null) {
            return null;
        }
        long unpacked = chunks.stream().mapToLong(Stored::unpackedLength).sum();
        long end = Long.MIN_VALUE;
        for (ListEntry entry : sorted) {
            unpacked += ListEncoding.entrySize(entry);
            end = Math.max(end, entry.end());
        }
        if (unpacked > PART_LIST_BYTES
                || !chunks.isEmpty() && sorted.get(0).start() <= chunks.get(chunks.size() - 1).chunk().endTime()) {
            return null;
        }
        byte[] list = new byte[(int) unpacked];
        int at = unpackInto(chunks, list);
        byte[] tail = ListEncoding.list(sorted, 0, sorted.size());
        System.arraycopy(tail, 0, list, at, tail.length);
        long start = chunks.isEmpty() ? sorted.get(0).start() : chunks.get(0).chunk().startTime();
        return ChunkValue.encode(start, end, list);
    }

    /** A stored value and its chunk header. */
    private record Stored(byte[] value, StoredChunk chunk) {
        long unpackedLength() {
            return chunk.unpackedLength();
        }
    }

    /** The stored chunks sorted by start time, or {@code null} when any two overlap. */
    private static List<Stored> inOrder(List<byte[]> values) {
        List<Stored> chunks = new ArrayList<>(values.size());
        for (byte[] value : values) {
            chunks.add(new Stored(value, ChunkValue.toChunk(value, new long[0])));
        }
        chunks.sort(Comparator.comparingLong(stored -> stored.chunk().startTime()));
        for (int i = 1; i < chunks.size(); i++) {
            if (chunks.get(i).chunk().startTime() <= chunks.get(i - 1).chunk().endTime()) {
                return null;
            }
        }
        return chunks;
    }

    private static int unpackInto(List<Stored> chunks, byte[] list) {
        int at = 0;
        for (Stored stored : chunks) {
            at += ChunkValue.unpackInto(stored.value(), list, at);
        }
        return at;
    }

    /**
     * The common case of data arriving in time order: chunks whose time spans follow one another without touching,
     * and that fit one part together, merge into their concatenation. This is exactly what {@link #pack} makes of
     * their entries (each chunk is already sorted and free of duplicates, and no entry of a later chunk can sort
     * before or equal one of an earlier chunk), without decoding a single entry.
     *
     * @return the merged chunk, or {@code null} when the chunks overlap or need cutting into several parts
     */
    private static byte[] appendedInOrder(List<byte[]> values) {
        List<Stored> chunks = inOrder(values);
        if (chunks == null || chunks.stream().mapToLong(Stored::unpackedLength).sum() > PART_LIST_BYTES) {
            return null;
        }
        byte[] list = new byte[(int) chunks.stream().mapToLong(Stored::unpackedLength).sum()];
        unpackInto(chunks, list);
        return ChunkValue.encode(chunks.get(0).chunk().startTime(),
                chunks.get(chunks.size() - 1).chunk().endTime(), list);
    }

    private static byte[] part(List<ListEntry> sorted, int from, int to, boolean raw) {
        long end = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            end = Math.max(end, sorted.get(i).end());
        }
        byte[] list = ListEncoding.list(sorted, from, to);
        return raw ? ChunkValue.encodeRaw(sorted.get(from).start(), end, list)
                : ChunkValue.encode(sorted.get(from).start(), end, list);
    }

    private static List<ListEntry> withoutDuplicates(List<ListEntry> sorted) {
        List<ListEntry> unique = new ArrayList<>(sorted.size());
        for (ListEntry entry : sorted) {
            boolean duplicate = false;
            for (int i = unique.size() - 1; i >= 0 && unique.get(i).start() == entry.start(); i--) {
                if (unique.get(i).sameAs(entry)) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                unique.add(entry);
            }
        }
        return unique;
    }
}
