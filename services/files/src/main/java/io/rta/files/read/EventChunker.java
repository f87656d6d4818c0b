package io.rta.files.read;

import io.rta.files.store.DuckDbFiles;
import io.rta.proto.model.data.Event;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.service.chunks.EventChunks;
import io.rta.service.chunks.TimeWindows;
import io.rta.topology.data.ChunkSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a file's event rows into event chunks, per window of the fixed grid that holds events (cut at 64 KiB or 65,536
 * events, never between events of one time: {@link EventChunks}), as the Influx data service does: an event mapping's
 * {@code source_event} names a column, and every row where that column has a value is one occurrence of the event
 * ({@code target_event_id}, {@code target_event_app}) at the row's time; a text column's value is the event's status
 * text (at most {@link EventChunks#MAX_STATUS_TEXT} characters); its raw data are the values of {@code source_event_data_fields}, in order (NaN where a column has no number).
 * A row matching several mappings gives one event each, in mapping order.
 */
final class EventChunker implements DuckDbFiles.EventRows {

    private final TimeWindows windows;
    private final List<EventMapping> mappings;
    private final int[] source;
    private final int[][] data;
    private final EventChunks events;
    private long windowEnd = Long.MIN_VALUE;

    EventChunker(TimeWindows windows, List<EventMapping> mappings, ChunkSink sink) {
        this.windows = windows;
        this.mappings = List.copyOf(mappings);
        this.events = new EventChunks(sink);
        Map<String, Integer> sources = indexes(sources(mappings));
        Map<String, Integer> fields = indexes(dataColumns(mappings));
        this.source = mappings.stream().mapToInt(mapping -> sources.get(mapping.getSourceEvent())).toArray();
        this.data = mappings.stream().map(mapping -> mapping.getSourceEventDataFieldsList().stream()
                .mapToInt(fields::get).toArray()).toArray(int[][]::new);
    }

    private static Map<String, Integer> indexes(List<String> columns) {
        Map<String, Integer> indexes = new HashMap<>();
        for (String column : columns) {
            indexes.put(column, indexes.size());
        }
        return indexes;
    }

    /** The source columns of {@code mappings}, once each, in mapping order. */
    static List<String> sources(List<EventMapping> mappings) {
        return List.copyOf(new LinkedHashSet<>(mappings.stream().map(EventMapping::getSourceEvent).toList()));
    }

    /** The data columns of {@code mappings}, once each, in mapping order. */
    static List<String> dataColumns(List<EventMapping> mappings) {
        return List.copyOf(new LinkedHashSet<>(mappings.stream()
                .flatMap(mapping -> mapping.getSourceEventDataFieldsList().stream()).toList()));
    }

    @Override
    public void row(long time, String[] sources, boolean[] textual, double[] values) throws IOException {
        if (time >= windowEnd) {
            finish();
            windowEnd = windows.windowEnd(time);
        }
        for (int i = 0; i < mappings.size(); i++) {
            String value = sources[source[i]];
            if (value == null) {
                continue;
            }
            EventMapping mapping = mappings.get(i);
            Event.Builder event = Event.newBuilder().setEventDefinitionId(mapping.getTargetEventId())
                    .setAppName(mapping.getTargetEventApp()).setTimestamp(time);
            if (textual[source[i]]) {
                event.setStatusText(EventChunks.statusText(value));
            }
            for (int column : data[i]) {
                event.addRawData(values[column]);
            }
            events.add(event.build());
        }
    }

    /** Writes the current window's events (cut into chunks by {@link EventChunks}). */
    void finish() throws IOException {
        events.flush();
    }
}
