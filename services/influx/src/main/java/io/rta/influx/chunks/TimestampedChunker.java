package io.rta.influx.chunks;

import io.rta.influx.store.Row;
import io.rta.influx.store.RowSink;
import io.rta.service.chunks.ChunkLimits;
import io.rta.service.chunks.SampleBuffer;
import io.rta.service.chunks.TimeWindows;
import io.rta.topology.data.ChunkSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows of fields into timestamped chunks, one per channel per window of the fixed grid, written as soon as a
 * row of a later window arrives (rows come in time order): memory holds one window of the requested channels at
 * most (and at most {@link ChunkLimits#MAX_CHUNK_SAMPLES} per channel). A field's number becomes a double sample of
 * every channel mapped to it; a null, a string or a missing field is no sample.
 */
public final class TimestampedChunker implements RowSink {

    private final WindowCursor cursor;
    private final Map<String, List<SampleBuffer>> byField;
    private final List<SampleBuffer> ordered;
    private final ChunkSink sink;
    /** One read's encoding arrays, shared by its channels' buffers (chunks are taken one at a time). */
    private final SampleBuffer.Scratch scratch = new SampleBuffer.Scratch();
    private List<List<SampleBuffer>> byColumn = List.of();

    /** @param channelsByField the channels each field serves */
    public TimestampedChunker(TimeWindows windows, Map<String, long[]> channelsByField, ChunkSink sink) {
        this.cursor = new WindowCursor(windows);
        this.sink = sink;
        this.byField = new HashMap<>();
        List<SampleBuffer> all = new ArrayList<>();
        channelsByField.forEach((field, channels) -> {
            List<SampleBuffer> buffers = new ArrayList<>();
            for (long channel : channels) {
                SampleBuffer buffer = new SampleBuffer(channel);
                buffers.add(buffer);
                all.add(buffer);
            }
            byField.put(field, buffers);
        });
        all.sort(Comparator.comparingLong(SampleBuffer::channelId));
        this.ordered = List.copyOf(all);
    }

    @Override
    public void columns(List<String> columns) {
        List<List<SampleBuffer>> index = new ArrayList<>(columns.size());
        for (String column : columns) {
            index.add(byField.getOrDefault(column, List.of()));
        }
        byColumn = index;
    }

    @Override
    public void row(Row row) throws IOException {
        long time = row.time();
        if (cursor.advance(time)) {
            finish();
        }
        for (int column = 1; column < row.columns(); column++) {
            if (!row.isNumber(column)) {
                continue;
            }
            double value = row.number(column);
            for (SampleBuffer buffer : byColumn.get(column)) {
                buffer.add(time, value);
                if (buffer.size() == ChunkLimits.MAX_CHUNK_SAMPLES) {
                    sink.accept(buffer.take(scratch));
                }
            }
        }
    }

    /** Writes the current window's chunks, by channel. */
    public void finish() throws IOException {
        for (SampleBuffer buffer : ordered) {
            if (buffer.size() > 0) {
                sink.accept(buffer.take(scratch));
            }
        }
    }
}
