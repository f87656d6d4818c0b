package io.rta.service.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventChunksTest {

    private final List<StoredChunk> sent = new ArrayList<>();
    private final EventChunks chunks = new EventChunks(sent::add);

    private static Event event(long time, String text) {
        return Event.newBuilder().setEventDefinitionId(7).setAppName("Race").setTimestamp(time).setStatusText(text)
                .addRawData(time * 0.5).build();
    }

    private static List<Event> events(StoredChunk chunk) throws IOException {
        return EventsList.parseFrom(Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(),
                chunk.payloadLength(), chunk.unpackedLength())).getEventsList();
    }

    @Test
    void shouldCutAt64KiBButNeverBetweenEventsOfOneTime() throws IOException {
        List<Event> written = new ArrayList<>();
        // ~100-byte events: 64 KiB is ~650 of them; times repeat in runs of 10
        for (int i = 0; i < 3000; i++) {
            Event event = event(1_000 + i / 10, "x".repeat(80));
            written.add(event);
            chunks.add(event);
        }
        chunks.flush();

        List<Event> served = new ArrayList<>();
        for (int c = 0; c < sent.size(); c++) {
            StoredChunk chunk = sent.get(c);
            List<Event> events = events(chunk);
            served.addAll(events);
            assertThat(chunk.startTime()).isEqualTo(events.get(0).getTimestamp());
            assertThat(chunk.endTime()).isEqualTo(events.get(events.size() - 1).getTimestamp());
            assertThat(chunk.unpackedLength()).isLessThan(EventChunks.CHUNK_BYTES + 10 * 120);
            if (c > 0) {
                assertThat(chunk.startTime()).as("chunk %d starts after the one before ends", c)
                        .isGreaterThan(sent.get(c - 1).endTime());
            }
        }
        assertThat(served).isEqualTo(written);
        assertThat(sent).hasSizeBetween(4, 6);
    }

    @Test
    void shouldCutARunOfOneTimeOnlyAtTheHardLimitAndCutLongTexts() throws IOException {
        for (int i = 0; i < 5000; i++) {
            chunks.add(event(42, "y".repeat(EventChunks.MAX_STATUS_TEXT)));
        }
        chunks.flush();

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).unpackedLength()).isBetween(EventChunks.MAX_CHUNK_BYTES, 4 * 1024 * 1024);
        assertThat(EventChunks.statusText("z".repeat(5000))).hasSize(EventChunks.MAX_STATUS_TEXT).endsWith("z…");
        assertThat(EventChunks.statusText("pit in")).isEqualTo("pit in");
        String surrogates = "a".repeat(EventChunks.MAX_STATUS_TEXT - 2) + "\uD83C\uDFC1\uD83C\uDFC1";
        assertThat(EventChunks.statusText(surrogates)).endsWith("a…").hasSize(EventChunks.MAX_STATUS_TEXT - 1);
    }
}
