package io.rta.service.chunks;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One channel's samples of the current window, encoded as one timestamped chunk when the window closes. Values are
 * kept as doubles and written in the channel's {@link SampleType} (double unless said otherwise).
 */
public final class SampleBuffer {

    private final long channelId;
    private final SampleType type;
    private long[] times = new long[256];
    private double[] values = new double[256];
    private int size;

    public SampleBuffer(long channelId) {
        this(channelId, SampleType.DOUBLE);
    }

    public SampleBuffer(long channelId, SampleType type) {
        this.channelId = channelId;
        this.type = type;
    }

    public long channelId() {
        return channelId;
    }

    public int size() {
        return size;
    }

    public void add(long time, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    /** The buffered samples as a chunk ({@code TimestampedDataList}, LZ4); empties the buffer. */
    public StoredChunk take() {
        TimestampedDataList.Builder list = TimestampedDataList.newBuilder();
        for (int from = 0; from < size; from += ChunkLimits.RESULT_SAMPLES) {
            list.addTimestampedData(result(from, Math.min(size, from + ChunkLimits.RESULT_SAMPLES)));
        }
        byte[] encoded = list.build().toByteArray();
        byte[] block = Lz4Block.compress(encoded, 0, encoded.length);
        StoredChunk chunk = new StoredChunk(times[0], times[size - 1], new long[] {channelId}, encoded.length, block,
                0, block.length);
        size = 0;
        return chunk;
    }

    /** Samples {@code [from, to)}: deltas scaled by their greatest common divisor, so regular data packs small. */
    private TimestampedData result(int from, int to) {
        long scale = 0;
        for (int i = from + 1; i < to; i++) {
            scale = gcd(scale, times[i] - times[i - 1]);
        }
        scale = Math.max(scale, 1);
        TimestampedData.Builder result = TimestampedData.newBuilder().setChannelId((int) channelId)
                .setStartTimestamp(times[from]).setTimestampDeltasScale(scale).addTimestampDeltas(0);
        for (int i = from + 1; i < to; i++) {
            result.addTimestampDeltas((times[i] - times[i - 1]) / scale);
        }
        ByteBuffer buffer = ByteBuffer.allocate(type.bytes() * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            type.put(buffer, values[i]);
        }
        ByteString bytes = UnsafeByteOperations.unsafeWrap(buffer.array());
        return result.setBuffer(bytes).build();
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }
}
