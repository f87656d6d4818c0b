package io.rta.service.chunks;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One channel's samples of the current window, encoded as one timestamped chunk when the window closes. Values are
 * kept as doubles and written in the channel's {@link SampleType} (double unless said otherwise).
 */
public final class SampleBuffer {

    /** Regular samples' scaled deltas on the wire: a varint 1 each. */
    private static final byte[] ONES = ones(ChunkLimits.RESULT_SAMPLES);

    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final long channelId;
    /** One result's double values, as written. */
    private final byte[] doubles = new byte[ChunkLimits.RESULT_SAMPLES * Long.BYTES];
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

    /**
     * Adds the samples of rows {@code [from, to)} that have a value ({@code present} null: all of them), at most
     * {@code max} of them: a batch at a time, copied in bulk when every row has one.
     *
     * @return the first row not looked at: {@code to}, or less when {@code max} samples were added first
     */
    public int addAll(long[] times, double[] values, boolean[] present, int from, int to, int max) {
        if (present == null) {
            int count = Math.min(to - from, max);
            room(count);
            System.arraycopy(times, from, this.times, size, count);
            System.arraycopy(values, from, this.values, size, count);
            size += count;
            return from + count;
        }
        room(Math.min(to - from, max));
        int row = from;
        int added = 0;
        for (; row < to && added < max; row++) {
            if (present[row]) {
                this.times[size] = times[row];
                this.values[size] = values[row];
                size++;
                added++;
            }
        }
        return row;
    }

    /** Room for {@code count} more samples. */
    private void room(int count) {
        if (size + count > times.length) {
            int length = Math.max(size + count, times.length * 2);
            times = Arrays.copyOf(times, length);
            values = Arrays.copyOf(values, length);
        }
    }

    /**
     * The buffered samples as a chunk ({@code TimestampedDataList}, LZ4); empties the buffer. The list is written
     * straight to its wire form, byte for byte what the generated message classes write ({@code SampleBufferTest}
     * compares them): building messages first cost a third of a file read's request thread.
     */
    public StoredChunk take() {
        return take(null);
    }

    /**
     * {@link #take()} with the caller's {@link Scratch} arrays for the encoding and the compression, so only the
     * chunk's own block is allocated.
     */
    public StoredChunk take(Scratch scratch) {
        int results = (size + ChunkLimits.RESULT_SAMPLES - 1) / ChunkLimits.RESULT_SAMPLES;
        long[] scales = new long[results];
        boolean[] regular = new boolean[results];
        int[] deltaBytes = new int[results];
        int[] resultBytes = new int[results];
        int total = 0;
        for (int r = 0; r < results; r++) {
            int from = r * ChunkLimits.RESULT_SAMPLES;
            int to = Math.min(size, from + ChunkLimits.RESULT_SAMPLES);
            long step = evenStep(from, to);
            regular[r] = step > 0;
            scales[r] = regular[r] ? step : scale(from, to);
            deltaBytes[r] = regular[r] ? to - from : deltaBytes(from, to, scales[r]);
            resultBytes[r] = resultBytes(from, to, scales[r], deltaBytes[r]);
            total += 1 + CodedOutputStream.computeUInt32SizeNoTag(resultBytes[r]) + resultBytes[r];
        }
        byte[] encoded = scratch == null ? new byte[total] : scratch.encoded(total);
        CodedOutputStream out = CodedOutputStream.newInstance(encoded, 0, total);
        try {
            for (int r = 0; r < results; r++) {
                int from = r * ChunkLimits.RESULT_SAMPLES;
                out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(resultBytes[r]);
                writeResult(out, from, Math.min(size, from + ChunkLimits.RESULT_SAMPLES), scales[r], regular[r],
                        deltaBytes[r]);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("a chunk's size was miscounted", e);
        }
        byte[] block;
        if (scratch == null) {
            block = Lz4Block.compress(encoded, 0, total);
        } else {
            byte[] room = scratch.block(Lz4Block.maxCompressedLength(total));
            block = Arrays.copyOf(room, Lz4Block.compress(encoded, 0, total, room, 0));
        }
        StoredChunk chunk = new StoredChunk(times[0], times[size - 1], new long[] {channelId}, total, block, 0,
                block.length);
        size = 0;
        return chunk;
    }

    /**
     * The one delta of samples {@code [from, to)} when they are evenly spaced (a result of one sample counts as
     * even, with step 1), else 0: such a result's scale is that step and each of its deltas the one byte 1, with no
     * gcd (a division a sample) to work out.
     */
    private long evenStep(int from, int to) {
        if (to - from < 2) {
            return 1;
        }
        long step = times[from + 1] - times[from];
        if (step <= 0) {
            return 0;
        }
        for (int i = from + 2; i < to; i++) {
            if (times[i] - times[i - 1] != step) {
                return 0;
            }
        }
        return step;
    }

    /** Arrays {@link #take(Scratch)} reuses: one per thread taking chunks (they are not shared), grown as needed. */
    public static final class Scratch {
        private byte[] encoded = new byte[0];
        private byte[] block = new byte[0];

        byte[] encoded(int length) {
            if (encoded.length < length) {
                encoded = new byte[Math.max(length, encoded.length * 2)];
            }
            return encoded;
        }

        byte[] block(int length) {
            if (block.length < length) {
                block = new byte[Math.max(length, block.length * 2)];
            }
            return block;
        }
    }

    /** The greatest common divisor of the deltas of samples {@code [from, to)}, so regular data packs small. */
    private long scale(int from, int to) {
        long scale = 0;
        for (int i = from + 1; i < to; i++) {
            scale = gcd(scale, times[i] - times[i - 1]);
        }
        return Math.max(scale, 1);
    }

    /** Bytes of the packed deltas (the first is 0). */
    private int deltaBytes(int from, int to, long scale) {
        int bytes = 1;
        for (int i = from + 1; i < to; i++) {
            long delta = times[i] - times[i - 1];
            bytes += CodedOutputStream.computeInt64SizeNoTag(scale == 1 ? delta : delta / scale);
        }
        return bytes;
    }

    /** Bytes of a {@code TimestampedData} of samples {@code [from, to)}; proto3 leaves out fields at their default. */
    private int resultBytes(int from, int to, long scale, int deltaBytes) {
        int bytes = (channelId == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag((int) channelId))
                + (times[from] == 0 ? 0 : 1 + Long.BYTES)
                + 1 + CodedOutputStream.computeInt64SizeNoTag(scale)
                + 1 + CodedOutputStream.computeUInt32SizeNoTag(deltaBytes) + deltaBytes;
        int buffer = type.bytes() * (to - from);
        return bytes + 1 + CodedOutputStream.computeUInt32SizeNoTag(buffer) + buffer;
    }

    /** A {@code TimestampedData} of samples {@code [from, to)}, in field order. */
    private void writeResult(CodedOutputStream out, int from, int to, long scale, boolean regular, int deltaBytes)
            throws IOException {
        if (channelId != 0) {
            out.writeUInt32(1, (int) channelId);
        }
        if (times[from] != 0) {
            out.writeSFixed64(2, times[from]);
        }
        out.writeInt64(3, scale);
        out.writeTag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(deltaBytes);
        out.writeInt64NoTag(0);
        if (regular) {
            out.writeRawBytes(ONES, 0, to - from - 1);
        } else {
            for (int i = from + 1; i < to; i++) {
                long delta = times[i] - times[i - 1];
                out.writeInt64NoTag(scale == 1 ? delta : delta / scale);
            }
        }
        out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(type.bytes() * (to - from));
        if (type == SampleType.DOUBLE) {
            // the common case in one copy: the values laid out little-endian in a scratch array first
            for (int i = from; i < to; i++) {
                LITTLE_ENDIAN_LONGS.set(doubles, (i - from) * Long.BYTES, Double.doubleToRawLongBits(values[i]));
            }
            out.writeRawBytes(doubles, 0, (to - from) * Long.BYTES);
        } else {
            for (int i = from; i < to; i++) {
                type.write(out, values[i]);
            }
        }
    }

    private static byte[] ones(int count) {
        byte[] ones = new byte[count];
        Arrays.fill(ones, (byte) 1);
        return ones;
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
