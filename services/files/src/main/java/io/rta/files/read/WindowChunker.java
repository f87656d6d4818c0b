package io.rta.files.read;

import io.rta.files.store.ColumnRows;
import io.rta.service.chunks.ChunkLimits;
import io.rta.service.chunks.SampleBuffer;
import io.rta.service.chunks.TimeWindows;
import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.StoredChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns time-ordered rows into timestamped chunks on the fixed grid: when a row of a later window arrives, each
 * window passed is closed, writing its chunks channel by channel (a channel's window is cut every
 * {@link ChunkLimits#MAX_CHUNK_SAMPLES} samples) and handing them to the cache, empty windows included, so a later
 * read of any part of the range can be answered from the cache in exactly the same order. Memory holds one window
 * of the requested channels.
 */
final class WindowChunker implements ColumnRows {

    private final TimeWindows windows;
    private final List<ColumnMapping> columns;
    private final int[] valueIndex;
    private final SampleBuffer[] buffers;
    private final SampleBuffer.Scratch scratch = new SampleBuffer.Scratch();
    private final List<List<StoredChunk>> pending = new ArrayList<>();
    private final ChunkSink sink;
    private final CacheKeys keys;
    private final ChunkCache cache;
    private long window;
    private long lastTime = Long.MIN_VALUE;
    /** The end of the window rows are in now (the division finding a row's window is made once per window). */
    private long windowEnd = Long.MIN_VALUE;

    /** Keys of a column's window in the cache. */
    interface CacheKeys {
        ChunkCache.Key key(ColumnMapping column, long window);
    }

    /**
     * @param mapping the columns, by channel
     * @param from the first window's start
     */
    WindowChunker(TimeWindows windows, FileMapping mapping, long from, ChunkSink sink, ChunkCache cache,
                  CacheKeys keys) {
        this.windows = windows;
        this.columns = mapping.columns();
        this.valueIndex = mapping.valueIndexes();
        this.buffers = columns.stream().map(column -> new SampleBuffer(column.channel(), column.type()))
                .toArray(SampleBuffer[]::new);
        columns.forEach(column -> pending.add(new ArrayList<>()));
        this.window = from;
        this.sink = sink;
        this.cache = cache;
        this.keys = keys;
    }

    @Override
    public void rows(int count, long[] times, double[][] values, boolean[][] present) throws IOException {
        int from = 0;
        while (from < count) {
            long time = times[from];
            if (time < lastTime) {
                throw new IllegalStateException("the engine gave a row at " + time + " after one at " + lastTime);
            }
            if (time >= windowEnd) {
                closeBefore(windows.windowStart(time));
                windowEnd = windows.windowEnd(time);
            }
            // the rows of this window: [from, to)
            int to = from + 1;
            long last = time;
            while (to < count && times[to] < windowEnd) {
                if (times[to] < last) {
                    throw new IllegalStateException("the engine gave a row at " + times[to] + " after one at "
                            + last);
                }
                last = times[to];
                to++;
            }
            lastTime = last;
            for (int i = 0; i < buffers.length; i++) {
                int value = valueIndex[i];
                add(i, times, values[value], present[value], from, to);
            }
            from = to;
        }
    }

    /** Rows {@code [from, to)} of one column into its buffer, cutting a chunk whenever the buffer is full. */
    private void add(int column, long[] times, double[] values, boolean[] present, int from, int to) {
        SampleBuffer buffer = buffers[column];
        int row = from;
        while (row < to) {
            row = buffer.addAll(times, values, present, row, to, ChunkLimits.MAX_CHUNK_SAMPLES - buffer.size());
            if (buffer.size() == ChunkLimits.MAX_CHUNK_SAMPLES) {
                pending.get(column).add(buffer.take(scratch));
            }
        }
    }

    /** Closes every window before {@code to} (exclusive end of the read). */
    void finish(long to) throws IOException {
        closeBefore(to);
    }

    private void closeBefore(long start) throws IOException {
        while (window < start) {
            for (int i = 0; i < buffers.length; i++) {
                List<StoredChunk> chunks = pending.get(i);
                if (buffers[i].size() > 0) {
                    chunks.add(buffers[i].take(scratch));
                }
                for (StoredChunk chunk : chunks) {
                    sink.accept(chunk);
                }
                cache.put(keys.key(columns.get(i), window), chunks);
                chunks.clear();
            }
            long next = windows.windowEnd(window);
            if (next <= window) {
                return; // the end of time
            }
            window = next;
        }
    }
}
