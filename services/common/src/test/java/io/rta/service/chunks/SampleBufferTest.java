package io.rta.service.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleBufferTest {

    @Test
    void shouldWriteExactlyTheBytesOfTheGeneratedMessagesForEveryTypeAndShape() throws Exception {
        Random random = new Random(15);
        for (int run = 0; run < 400; run++) {
            SampleType type = SampleType.values()[run % SampleType.values().length];
            long channel = run % 7 == 0 ? 0 : random.nextInt(Integer.MAX_VALUE) + (run % 5 == 0 ? 3_000_000_000L : 0);
            int samples = 1 + random.nextInt(run % 3 == 0 ? 5 : 600);
            long time = run % 11 == 0 ? 0 : random.nextLong() >> 2;
            long step = 1 + random.nextInt(run % 2 == 0 ? 1_000_000 : 7);
            SampleBuffer buffer = new SampleBuffer(channel, type);
            long[] times = new long[samples];
            double[] values = new double[samples];
            for (int i = 0; i < samples; i++) {
                times[i] = time;
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> Double.NaN;
                    case 1 -> random.nextDouble() * 1e12 - 5e11;
                    case 2 -> -0.0;
                    default -> random.nextGaussian() * 300;
                };
                buffer.add(times[i], values[i]);
                // every fourth run regular (each delta the scale: written as ones), the others with gaps and repeats
                time += run % 4 == 3 || random.nextInt(4) != 0 ? step : step * random.nextInt(50);
            }
            StoredChunk chunk = buffer.take();
            byte[] unpacked = new byte[chunk.unpackedLength()];
            Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(), unpacked, 0,
                    unpacked.length);
            assertThat(unpacked).as("run %d: %s, channel %d, %d samples", run, type, channel, samples)
                    .isEqualTo(reference(channel, type, times, values).toByteArray());
            assertThat(chunk.startTime()).isEqualTo(times[0]);
            assertThat(chunk.endTime()).isEqualTo(times[samples - 1]);
            assertThat(buffer.size()).isZero();
        }
    }

    @Test
    void shouldAddABatchAsSampleBySampleAddsWouldStoppingAtTheLimit() {
        Random random = new Random(16);
        for (int run = 0; run < 200; run++) {
            int rows = 1 + random.nextInt(3000);
            long[] times = new long[rows];
            double[] values = new double[rows];
            boolean[] present = new boolean[rows];
            for (int r = 0; r < rows; r++) {
                times[r] = 1_000L * r + (r > 0 && random.nextInt(9) == 0 ? 0 : 5);
                values[r] = random.nextGaussian();
                present[r] = random.nextInt(4) != 0;
            }
            boolean gaps = run % 2 == 0;
            int from = random.nextInt(rows);
            int max = 1 + random.nextInt(rows);
            SampleBuffer batch = new SampleBuffer(3);
            SampleBuffer single = new SampleBuffer(3);
            int added = 0;
            int expectedNext = from;
            while (expectedNext < rows && added < max) {
                if (!gaps || present[expectedNext]) {
                    single.add(times[expectedNext], values[expectedNext]);
                    added++;
                }
                expectedNext++;
            }

            int next = batch.addAll(times, values, gaps ? present : null, from, rows, max);

            assertThat(next).as("run %d", run).isEqualTo(expectedNext);
            assertThat(batch.size()).isEqualTo(single.size());
            if (single.size() > 0) {
                StoredChunk expected = single.take();
                StoredChunk actual = batch.take();
                assertThat(actual.startTime()).isEqualTo(expected.startTime());
                assertThat(actual.endTime()).isEqualTo(expected.endTime());
                assertThat(actual.unpackedLength()).isEqualTo(expected.unpackedLength());
                assertThat(ByteBuffer.wrap(actual.payload(), actual.payloadOffset(), actual.payloadLength()))
                        .isEqualTo(ByteBuffer.wrap(expected.payload(), expected.payloadOffset(),
                                expected.payloadLength()));
            }
        }
    }

    /** The list as the generated message classes build it: results of 128, deltas scaled by their gcd. */
    private static TimestampedDataList reference(long channel, SampleType type, long[] times, double[] values) {
        TimestampedDataList.Builder list = TimestampedDataList.newBuilder();
        for (int from = 0; from < times.length; from += ChunkLimits.RESULT_SAMPLES) {
            int to = Math.min(times.length, from + ChunkLimits.RESULT_SAMPLES);
            long scale = 0;
            for (int i = from + 1; i < to; i++) {
                scale = gcd(scale, times[i] - times[i - 1]);
            }
            scale = Math.max(scale, 1);
            TimestampedData.Builder result = TimestampedData.newBuilder().setChannelId((int) channel)
                    .setStartTimestamp(times[from]).setTimestampDeltasScale(scale).addTimestampDeltas(0);
            for (int i = from + 1; i < to; i++) {
                result.addTimestampDeltas((times[i] - times[i - 1]) / scale);
            }
            ByteBuffer bytes = ByteBuffer.allocate(type.bytes() * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = from; i < to; i++) {
                put(bytes, type, values[i]);
            }
            list.addTimestampedData(result.setBuffer(ByteString.copyFrom(bytes.array())));
        }
        return list.build();
    }

    private static void put(ByteBuffer buffer, SampleType type, double value) {
        switch (type) {
            case DOUBLE -> buffer.putDouble(value);
            case FLOAT32 -> buffer.putFloat((float) value);
            default -> {
                long integer = Double.isNaN(value) ? 0 : Math.round(value);
                long min = switch (type) {
                    case INT8 -> Byte.MIN_VALUE;
                    case INT16 -> Short.MIN_VALUE;
                    case INT32 -> Integer.MIN_VALUE;
                    default -> 0;
                };
                long max = switch (type) {
                    case UINT8 -> 255;
                    case INT8 -> Byte.MAX_VALUE;
                    case UINT16 -> 65_535;
                    case INT16 -> Short.MAX_VALUE;
                    case UINT32 -> 4_294_967_295L;
                    default -> Integer.MAX_VALUE;
                };
                integer = Math.max(min, Math.min(max, integer));
                switch (type.bytes()) {
                    case 1 -> buffer.put((byte) integer);
                    case 2 -> buffer.putShort((short) integer);
                    default -> buffer.putInt((int) integer);
                }
            }
        }
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
