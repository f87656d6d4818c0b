package io.rta.it.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.ChunkStreamWriter;
import io.rta.topology.data.codec.Lz4Block;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server's chunk writer, read back by the independent {@link ChunkedWireDecoder}: both must agree. */
class ServerCodecAgreementTest {

    @Test
    void shouldDecodeWhatTheServerWritesIncludingShrinkingChunks() throws IOException {
        Random random = new Random(17);
        List<TimestampedDataList> lists = new ArrayList<>();
        List<StoredChunk> chunks = new ArrayList<>();
        long start = 1_620_129_055_000_000_000L;
        for (int i = 0; i < 50; i++) {
            long channel = random.nextBoolean() ? 16 : 0xFFFF_FFF0L;
            TimestampedDataList list = randomList(random, (int) channel, start);
            byte[] encoded = list.toByteArray();
            byte[] block = Lz4Block.compress(encoded, 0, encoded.length);
            long end = start + random.nextInt(100) * 1_000_000L;
            lists.add(list);
            chunks.add(new StoredChunk(start, end, new long[] {channel}, encoded.length, block, 0, block.length));
            start = end + 1 + random.nextInt(1000);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ChunkStreamWriter writer = new ChunkStreamWriter(body);
        for (StoredChunk chunk : chunks) {
            writer.write(chunk);
        }

        List<DecodedChunk<TimestampedDataList>> decoded = ChunkedWireDecoder.timestamped(body.toByteArray());

        assertThat(decoded).hasSize(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(decoded.get(i).startTime()).isEqualTo(chunks.get(i).startTime());
            assertThat(decoded.get(i).endTime()).isEqualTo(chunks.get(i).endTime());
            assertThat(decoded.get(i).channelIds()).containsExactly(chunks.get(i).channelIds()[0]);
            assertThat(decoded.get(i).compression()).isEqualTo(1);
            assertThat(decoded.get(i).list()).isEqualTo(lists.get(i));
        }
    }

    private static TimestampedDataList randomList(Random random, int channel, long start) {
        TimestampedDataList.Builder list = TimestampedDataList.newBuilder();
        for (int burst = 0; burst < 1 + random.nextInt(4); burst++) {
            TimestampedData.Builder data = TimestampedData.newBuilder().setChannelId(channel)
                    .setStartTimestamp(start + burst * 1_000_000L).setTimestampDeltasScale(1000).addTimestampDeltas(0);
            int samples = 1 + random.nextInt(128);
            for (int s = 1; s < samples; s++) {
                data.addTimestampDeltas(1 + random.nextInt(3));
            }
            byte[] buffer = new byte[samples * 8];
            for (int b = 0; b < buffer.length; b++) {
                buffer[b] = (byte) (b % 8 < 6 ? random.nextInt(4) : 0x40);
            }
            list.addTimestampedData(data.setBuffer(ByteString.copyFrom(buffer)));
        }
        return list.build();
    }
}
