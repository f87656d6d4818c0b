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
        List<String> selected = mapping.selectedColumns();
        this.valueIndex = columns.stream().mapToInt(column -> selected.indexOf(column.column())).toArray();
        this.buffers = columns.stream().map(column -> new SampleBuffer(column.channel(), column.type()))
                .toArray(SampleBuffer[]::new);
        columns.forEach(column -> pending.add(new ArrayList<>()));
        this.window = from;
        this.sink = sink;
        this.cache = cache;
        this.keys = keys;
    }

    @Override
    public void row(long time, double[] values, boolean[] present) throws IOException {
        if (time < lastTime) {
            throw new IllegalStateException("the engine gave a row at " + time + " after one at " + lastTime);
        }
        lastTime = time;
        if (time >= windowEnd) {
            closeBefore(windows.windowStart(time));
            windowEnd = windows.windowEnd(time);
        }
        for (int i = 0; i < buffers.length; i++) {
            int value = valueIndex[i];
            if (present[value]) {
                buffers[i].add(time, values[value]);
                if (buffers[i].size() == ChunkLimits.MAX_CHUNK_SAMPLES) {
                    pending.get(i).add(buffers[i].take());
                }
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
                    chunks.add(buffers[i].take());
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
