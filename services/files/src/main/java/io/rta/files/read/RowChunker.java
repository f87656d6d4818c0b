package io.rta.files.read;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.rta.files.store.ColumnRows;
import io.rta.service.chunks.ChunkLimits;
import io.rta.service.chunks.SampleType;
import io.rta.service.chunks.TimeWindows;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns time-ordered rows into row data chunks ({@code RowDataList}) on the fixed grid: one {@code RowData} per file
 * row, holding every column of the row set in the mapping's order, each in its channel's type, little-endian (the
 * devguide's worked example). A row with no value in one of its columns (a NULL, or text that is not a number) is
 * left out: a row's buffer has no way to say "no value". A window's rows are cut into chunks of at most
 * {@link #CHUNK_BYTES} encoded (the devguide: a list SHOULD serialize to no more than 64 KiB) or
 * {@link ChunkLimits#MAX_CHUNK_SAMPLES} rows, never between rows of one time unless the list reached
 * {@link #MAX_CHUNK_BYTES}; the cut depends only on the window's rows, so chunks are stable. When a
 * row of a later window arrives, each window passed is closed: its chunks go to the sink and the cache, empty windows
 * included, as {@link WindowChunker} does for timestamped data. Memory holds one window's encoded rows.
 *
 * <p>The list is written straight to its wire form, byte for byte what the generated message classes write
 * ({@code RowChunkerTest} compares them).
 */
final class RowChunker implements ColumnRows {

    /** The bytes a chunk's encoded list is cut at (unless one row alone is larger, or rows share a time). */
    static final int CHUNK_BYTES = 64 * 1024;
    /** The largest list, a run of rows at one time included: under the devguide's 4 MiB MUST. */
    static final int MAX_CHUNK_BYTES = 3 * 1024 * 1024;
    private static final int ROW_DATA_LIST_ROW_DATA = 1 << 3 | 2;
    private static final int ROW_DATA_TIMESTAMP = 2 << 3 | 1;
    private static final int ROW_DATA_BUFFER = 3 << 3 | 2;

    private final TimeWindows windows;
    private final SampleType[] types;
    private final int[] valueIndex;
    private final long[] channelIds;
    /** The row's {@code channel_ids} field, tag included: the same in every row. */
    private final byte[] idsField;
    private final int bufferBytes;
    private final ChunkSink sink;
    private final ChunkCache cache;
    private final WindowKeys keys;
    private final List<StoredChunk> pending = new ArrayList<>();
    private byte[] list = new byte[CHUNK_BYTES];
    private byte[] block = new byte[0];
    private int length;
    private int rows;
    /** The first and last time of the rows held. */
    private long firstTime;
    private long lastRowTime;
    private long lastTime = Long.MIN_VALUE;
    private long window;
    private long windowEnd = Long.MIN_VALUE;

    /** The cache key of the row set's window. */
    interface WindowKeys {
        ChunkCache.Key key(long window);
    }

    /**
     * @param identity the data identity (named when its row set cannot be served)
     * @param mapping the row set (a mapping of the row layout)
     * @param from the first window's start
     * @throws InvalidInputException when one row of the set would not fit in a chunk
     */
    RowChunker(String identity, TimeWindows windows, FileMapping mapping, long from, ChunkSink sink, ChunkCache cache,
               WindowKeys keys) {
        List<ColumnMapping> columns = mapping.columns();
        this.windows = windows;
        this.types = columns.stream().map(ColumnMapping::type).toArray(SampleType[]::new);
        this.valueIndex = mapping.valueIndexes();
        this.channelIds = columns.stream().mapToLong(ColumnMapping::channel).toArray();
        this.idsField = idsField(channelIds);
        this.bufferBytes = Arrays.stream(types).mapToInt(SampleType::bytes).sum();
        long rowBytes = (long) idsField.length + 9 + 1 + 5 + bufferBytes;
        if (rowBytes + 6 > MAX_CHUNK_BYTES) {
            throw new InvalidInputException("the schema mapping of identity '" + identity + "' maps " + columns.size()
                    + " columns to one row of " + rowBytes + " bytes: a row data chunk holds at most "
                    + MAX_CHUNK_BYTES + " (map fewer columns to the row set, or use the column layout)");
        }
        this.window = from;
        this.sink = sink;
        this.cache = cache;
        this.keys = keys;
    }

    private static byte[] idsField(long[] channelIds) {
        int packed = 0;
        for (long id : channelIds) {
            packed += CodedOutputStream.computeUInt32SizeNoTag((int) id);
        }
        byte[] field = new byte[1 + CodedOutputStream.computeUInt32SizeNoTag(packed) + packed];
        CodedOutputStream out = CodedOutputStream.newInstance(field);
        try {
            out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(packed);
            for (long id : channelIds) {
                out.writeUInt32NoTag((int) id);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("a row's channel ids were miscounted", e);
        }
        return field;
    }

    @Override
    public void rows(int count, long[] times, double[][] values, boolean[][] present) throws IOException {
        for (int row = 0; row < count; row++) {
            long time = times[row];
            if (time < lastTime) {
                throw new IllegalStateException("the engine gave a row at " + time + " after one at " + lastTime);
            }
            lastTime = time;
            if (time >= windowEnd) {
                closeBefore(windows.windowStart(time));
                windowEnd = windows.windowEnd(time);
            }
            if (complete(present, row)) {
                add(time, values, row);
            }
        }
    }

    private boolean complete(boolean[][] present, int row) {
        for (int index : valueIndex) {
            if (present[index] != null && !present[index][row]) {
                return false;
            }
        }
        return true;
    }

    /** One {@code RowData} entry of the list, cutting a chunk first when it would not fit. */
    private void add(long time, double[][] values, int row) {
        int rowBytes = idsField.length + (time == 0 ? 0 : 1 + Long.BYTES) + 1
                + CodedOutputStream.computeUInt32SizeNoTag(bufferBytes) + bufferBytes;
        int entry = 1 + CodedOutputStream.computeUInt32SizeNoTag(rowBytes) + rowBytes;
        // never between rows of one time (chunks must not meet at a timestamp), unless the list grew too large
        boolean full = length + entry > CHUNK_BYTES || rows == ChunkLimits.MAX_CHUNK_SAMPLES;
        if (rows > 0 && ((full && time != lastRowTime) || length + entry > MAX_CHUNK_BYTES)) {
            cut();
        }
        if (length + entry > list.length) {
            list = Arrays.copyOf(list, Math.max(length + entry, list.length * 2));
        }
        if (rows == 0) {
            firstTime = time;
        }
        int at = length;
        list[at++] = (byte) ROW_DATA_LIST_ROW_DATA;
        at = varint(at, rowBytes);
        System.arraycopy(idsField, 0, list, at, idsField.length);
        at += idsField.length;
        if (time != 0) {
            list[at++] = (byte) ROW_DATA_TIMESTAMP;
            for (int i = 0; i < Long.BYTES; i++) {
                list[at++] = (byte) (time >>> (8 * i));
            }
        }
        list[at++] = (byte) ROW_DATA_BUFFER;
        at = varint(at, bufferBytes);
        for (int c = 0; c < types.length; c++) {
            at = types[c].put(list, at, values[valueIndex[c]][row]);
        }
        length = at;
        rows++;
        lastRowTime = time;
    }

    private int varint(int at, int value) {
        while ((value & ~0x7F) != 0) {
            list[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        list[at++] = (byte) value;
        return at;
    }

    /** The rows held as one chunk, LZ4-compressed. */
    private void cut() {
        int room = Lz4Block.maxCompressedLength(length);
        if (block.length < room) {
            block = new byte[Math.max(room, block.length * 2)];
        }
        byte[] payload = Arrays.copyOf(block, Lz4Block.compress(list, 0, length, block, 0));
        // every chunk shares the one ids array (read-only, like the chunk itself)
        pending.add(new StoredChunk(firstTime, lastRowTime, channelIds, length, payload, 0, payload.length));
        length = 0;
        rows = 0;
    }

    /** Closes every window before {@code to} (exclusive end of the read). */
    void finish(long to) throws IOException {
        closeBefore(to);
    }

    private void closeBefore(long start) throws IOException {
        while (window < start) {
            if (rows > 0) {
                cut();
            }
            for (StoredChunk chunk : pending) {
                sink.accept(chunk);
            }
            cache.put(keys.key(window), pending);
            pending.clear();
            long next = windows.windowEnd(window);
            if (next <= window) {
                return; // the end of time
            }
            window = next;
        }
    }
}
