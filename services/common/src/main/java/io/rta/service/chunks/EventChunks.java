package io.rta.service.chunks;

import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.util.List;

/** Event chunks as the adapters serve them: an {@code EventsList}, LZ4, no channel ids, spanning its events. */
public final class EventChunks {

    private EventChunks() {
    }

    /** One chunk of {@code events} (at least one, in time order). */
    public static StoredChunk chunk(List<Event> events) {
        byte[] encoded = EventsList.newBuilder().addAllEvents(events).build().toByteArray();
        byte[] block = Lz4Block.compress(encoded, 0, encoded.length);
        return new StoredChunk(events.get(0).getTimestamp(), events.get(events.size() - 1).getTimestamp(),
                new long[0], encoded.length, block, 0, block.length);
    }
}
