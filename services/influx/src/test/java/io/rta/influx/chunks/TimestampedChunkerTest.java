package io.rta.influx.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.influx.store.ChunkedResults;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.service.chunks.ChunkLimits;
import io.rta.service.chunks.TimeWindows;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestampedChunkerTest {

    private static final long S = 1_000_000_000L;
    /** 100 Hz: 40 s windows. */
    private static final TimeWindows WINDOWS = TimeWindows.forMaxFrequency(100);

    private final List<StoredChunk> chunks = new ArrayList<>();

    /** A decoded sample: channel, time, value. */
    record Sample(long channel, long time, double value) {
    }

    private void feed(Map<String, long[]> channelsByField, String columns, List<String> rows) throws IOException {
        TimestampedChunker chunker = new TimestampedChunker(WINDOWS, channelsByField, chunk -> chunks.add(chunk));
        String body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":" + columns
                + ",\"values\":[" + String.join(",", rows) + "]}]}]}";
        ChunkedResults.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), chunker);
        chunker.finish();
    }

    static List<Sample> samples(StoredChunk chunk) throws IOException {
        byte[] list = Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(),
                chunk.unpackedLength());
        List<Sample> samples = new ArrayList<>();
        for (TimestampedData result : TimestampedDataList.parseFrom(list).getTimestampedDataList()) {
            ByteBuffer values = result.getBuffer().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long time = result.getStartTimestamp();
            for (int i = 0; i < result.getTimestampDeltasCount(); i++) {
                time += result.getTimestampDeltas(i) * result.getTimestampDeltasScale();
                samples.add(new Sample(Integer.toUnsignedLong(result.getChannelId()), time, values.getDouble()));
            }
        }
        return samples;
    }

    @Test
    void shouldWriteOneChunkPerChannelPerWindowSpanningItsFirstToLastSample() throws IOException {
        Map<String, long[]> fields = new LinkedHashMap<>();
        fields.put("b", new long[] {7});
        fields.put("a", new long[] {2, 3});
        feed(fields, "[\"time\",\"a\",\"b\"]", List.of("[" + S + ",1.5,10]", "[" + 2 * S + ",2.5,null]",
                "[" + 39 * S + ",null,11]", "[" + 40 * S + ",4,\"text\"]", "[" + 95 * S + ",5,true]"));

        assertThat(chunks).extracting(c -> c.channelIds()[0] + "@" + c.startTime() / S + "-" + c.endTime() / S)
                .containsExactly("2@1-2", "3@1-2", "7@1-39", "2@40-40", "3@40-40", "2@95-95", "3@95-95", "7@95-95");
        assertThat(samples(chunks.get(0))).containsExactly(new Sample(2, S, 1.5), new Sample(2, 2 * S, 2.5));
        assertThat(samples(chunks.get(2))).containsExactly(new Sample(7, S, 10), new Sample(7, 39 * S, 11));
        assertThat(samples(chunks.get(7))).containsExactly(new Sample(7, 95 * S, 1));
    }

    @Test
    void shouldCutResultsAt128SamplesAndAWindowAtTheChunkLimit() throws IOException {
        List<String> rows = new ArrayList<>();
        int count = ChunkLimits.MAX_CHUNK_SAMPLES + 300;
        for (int i = 0; i < count; i++) {
            rows.add("[" + (i * 1000L) + "," + i + "]");
        }
        feed(Map.of("a", new long[] {1}), "[\"time\",\"a\"]", rows);

        assertThat(chunks).hasSize(2);
        byte[] list = Lz4Block.decompress(chunks.get(0).payload(), 0, chunks.get(0).payloadLength(),
                chunks.get(0).unpackedLength());
        TimestampedDataList results = TimestampedDataList.parseFrom(list);
        assertThat(results.getTimestampedDataList()).allSatisfy(r -> assertThat(r.getTimestampDeltasCount())
                .isLessThanOrEqualTo(ChunkLimits.RESULT_SAMPLES));
        assertThat(results.getTimestampedData(0).getTimestampDeltasScale()).isEqualTo(1000);
        List<Sample> all = new ArrayList<>(samples(chunks.get(0)));
        all.addAll(samples(chunks.get(1)));
        assertThat(all).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(all.get(i)).isEqualTo(new Sample(1, i * 1000L, i));
        }
    }
}
