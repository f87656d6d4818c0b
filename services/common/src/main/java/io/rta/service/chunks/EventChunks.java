package io.rta.service.chunks;

import com.google.protobuf.CodedOutputStream;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A window's events cut into chunks as the adapters serve them (an {@code EventsList}, LZ4, no channel ids, spanning
 * its events): a chunk is cut once its list reaches {@link #CHUNK_BYTES} encoded (the devguide: a list SHOULD
 * serialize to no more than 64 KiB) or {@link ChunkLimits#MAX_CHUNK_SAMPLES} events, but never between two events of
 * the same time (chunks must not meet at one timestamp) unless the list reached {@link #MAX_CHUNK_BYTES}, which keeps
 * it under the devguide's 4 MiB MUST. A status text longer than {@link #MAX_STATUS_TEXT} characters is cut there (an
 * event's text is a label, and a hostile one must not make a chunk of its own). Not thread-safe.
 */
public final class EventChunks {

    /** The size a chunk's encoded list is cut at. */
    public static final int CHUNK_BYTES = 64 * 1024;
    /** The largest list, a run of events at one time included. */
    public static final int MAX_CHUNK_BYTES = 3 * 1024 * 1024;
    /** The longest status text served, in characters. */
    public static final int MAX_STATUS_TEXT = 1024;

    private final ChunkSink sink;
    private final List<Event> events = new ArrayList<>();
    private int bytes;

    public EventChunks(ChunkSink sink) {
        this.sink = sink;
    }

    /** {@code text} as an event's status text: at most {@link #MAX_STATUS_TEXT} characters, "…" marking a cut. */
    public static String statusText(String text) {
        if (text.length() <= MAX_STATUS_TEXT) {
            return text;
        }
        int end = MAX_STATUS_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Adds an event (events come in time order); the chunk held goes out first when the event must not join it. */
    public void add(Event event) throws IOException {
        if (!events.isEmpty() && (bytes >= MAX_CHUNK_BYTES || (full()
                && event.getTimestamp() != events.get(events.size() - 1).getTimestamp()))) {
            flush();
        }
        int size = event.getSerializedSize();
        events.add(event);
        bytes += 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    private boolean full() {
        return bytes >= CHUNK_BYTES || events.size() >= ChunkLimits.MAX_CHUNK_SAMPLES;
    }

    /** Sends the events held as one chunk (at a window's end); nothing when none is held. */
    public void flush() throws IOException {
        if (events.isEmpty()) {
            return;
        }
        StoredChunk chunk = chunk(events);
        events.clear();
        bytes = 0;
        sink.accept(chunk);
    }

    /** One chunk of {@code events} (at least one, in time order). */
    public static StoredChunk chunk(List<Event> events) {
        byte[] encoded = EventsList.newBuilder().addAllEvents(events).build().toByteArray();
        byte[] block = Lz4Block.compress(encoded, 0, encoded.length);
        return new StoredChunk(events.get(0).getTimestamp(), events.get(events.size() - 1).getTimestamp(),
                new long[0], encoded.length, block, 0, block.length);
    }
}
