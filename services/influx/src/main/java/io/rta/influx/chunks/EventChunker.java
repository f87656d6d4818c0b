package io.rta.influx.chunks;

import io.rta.influx.store.Row;
import io.rta.influx.store.RowSink;
import io.rta.proto.model.data.Event;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.service.chunks.EventChunks;
import io.rta.service.chunks.TimeWindows;
import io.rta.topology.data.ChunkSink;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns rows into event chunks, per window of the fixed grid (cut at 64 KiB or 65,536 events, never between events
 * of one time: {@link EventChunks}). An event mapping's {@code source_event} names a field: every point where that field has a value is one
 * occurrence of the event ({@code target_event_id}, {@code target_event_app}) at the point's time; a string value is
 * the event's status text (at most {@link EventChunks#MAX_STATUS_TEXT} characters); its raw data are the values of {@code source_event_data_fields}, in order (NaN where a
 * field has no number). Points matching several mappings give one event each, in mapping order.
 */
public final class EventChunker implements RowSink {

    private final WindowCursor cursor;
    private final List<EventMapping> mappings;
    private final EventChunks events;
    private int[] sourceColumns = new int[0];
    private int[][] dataColumns = new int[0][];

    public EventChunker(TimeWindows windows, List<EventMapping> mappings, ChunkSink sink) {
        this.cursor = new WindowCursor(windows);
        this.mappings = List.copyOf(mappings);
        this.events = new EventChunks(sink);
    }

    /** The fields a query must select for {@code mappings}: every source event and data field, once. */
    public static List<String> fields(List<EventMapping> mappings) {
        Set<String> fields = new LinkedHashSet<>();
        for (EventMapping mapping : mappings) {
            fields.add(mapping.getSourceEvent());
            fields.addAll(mapping.getSourceEventDataFieldsList());
        }
        return List.copyOf(fields);
    }

    @Override
    public void columns(List<String> columns) {
        sourceColumns = new int[mappings.size()];
        dataColumns = new int[mappings.size()][];
        for (int i = 0; i < mappings.size(); i++) {
            EventMapping mapping = mappings.get(i);
            sourceColumns[i] = columns.indexOf(mapping.getSourceEvent());
            dataColumns[i] = mapping.getSourceEventDataFieldsList().stream().mapToInt(columns::indexOf).toArray();
        }
    }

    @Override
    public void row(Row row) throws IOException {
        long time = row.time();
        if (cursor.advance(time)) {
            finish();
        }
        for (int i = 0; i < mappings.size(); i++) {
            int source = sourceColumns[i];
            if (source < 1 || !row.isPresent(source)) {
                continue;
            }
            EventMapping mapping = mappings.get(i);
            Event.Builder event = Event.newBuilder().setEventDefinitionId(mapping.getTargetEventId())
                    .setAppName(mapping.getTargetEventApp()).setTimestamp(time);
            String text = row.text(source);
            if (text != null) {
                event.setStatusText(EventChunks.statusText(text));
            }
            for (int column : dataColumns[i]) {
                event.addRawData(column >= 1 && row.isNumber(column) ? row.number(column) : Double.NaN);
            }
            events.add(event.build());
        }
    }

    /** Writes the current window's events (cut into chunks by {@link EventChunks}). */
    public void finish() throws IOException {
        events.flush();
    }
}
