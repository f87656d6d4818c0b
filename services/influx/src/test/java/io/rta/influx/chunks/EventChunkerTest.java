package io.rta.influx.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.influx.store.ChunkedResults;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.service.chunks.TimeWindows;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventChunkerTest {

    private static final long S = 1_000_000_000L;

    @Test
    void shouldMakeAnEventOfEveryPointWhereTheSourceEventFieldHasAValue() throws IOException {
        List<EventMapping> mappings = List.of(
                EventMapping.newBuilder().setSourceEvent("lap").setTargetEventApp("app").setTargetEventId(5)
                        .addSourceEventDataFields("d1").addSourceEventDataFields("d2").build(),
                EventMapping.newBuilder().setSourceEvent("flag").setTargetEventApp("app").setTargetEventId(6).build());
        List<StoredChunk> chunks = new ArrayList<>();
        EventChunker chunker = new EventChunker(TimeWindows.forMaxFrequency(100), mappings, chunks::add);
        assertThat(EventChunker.fields(mappings)).containsExactly("lap", "d1", "d2", "flag");
        String body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"e\",\"columns\":"
                + "[\"time\",\"lap\",\"d1\",\"d2\",\"flag\"],\"values\":["
                + "[" + S + ",\"Lap 1\",1,null,null],[" + 2 * S + ",null,null,null,1],[" + 50 * S + ",3,7,8,2]]}]}]}";

        ChunkedResults.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), chunker);
        chunker.finish();

        assertThat(chunks).extracting(c -> c.startTime() / S + "-" + c.endTime() / S + ":" + c.channelIds().length)
                .containsExactly("1-2:0", "50-50:0");
        assertThat(events(chunks.get(0))).containsExactly(
                Event.newBuilder().setEventDefinitionId(5).setAppName("app").setTimestamp(S).setStatusText("Lap 1")
                        .addRawData(1).addRawData(Double.NaN).build(),
                Event.newBuilder().setEventDefinitionId(6).setAppName("app").setTimestamp(2 * S).build());
        assertThat(events(chunks.get(1))).extracting(Event::getEventDefinitionId).containsExactly(5, 6);
    }

    private static List<Event> events(StoredChunk chunk) throws IOException {
        return EventsList.parseFrom(Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(),
                chunk.payloadLength(), chunk.unpackedLength())).getEventsList();
    }
}
