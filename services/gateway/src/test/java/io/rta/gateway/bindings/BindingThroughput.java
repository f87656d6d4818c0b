package io.rta.gateway.bindings;

import io.rta.gateway.bindings.Wire.Chunk;
import io.rta.proto.model.data.PeriodicDataList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Micro-benchmark of the transforms on periodic data (no assertions; run by hand:
 * {@code java -cp <test classpath> io.rta.gateway.bindings.BindingThroughput [rounds]}). Prints samples per second for
 * a time shift + channel remap, and the same with a window that cuts each channel's first and last chunk sample by
 * sample (samples counted before clipping). A relay is a plain copy, measured end to end by the gateway bench.
 */
public final class BindingThroughput {

    private static final int CHANNELS = 50;
    private static final int CHUNKS_PER_CHANNEL = 40;
    private static final int RESULTS_PER_CHUNK = 16;
    private static final int SAMPLES_PER_RESULT = 128;
    private static final int WIDTH = 2;
    private static final long INTERVAL = 1_000_000L;

    private BindingThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        byte[] body = Wire.stream(chunks());
        long samples = (long) CHANNELS * CHUNKS_PER_CHANNEL * RESULTS_PER_CHUNK * SAMPLES_PER_RESULT;
        long chunkSpan = RESULTS_PER_CHUNK * SAMPLES_PER_RESULT * INTERVAL;
        DataRequest request = new DataRequest("periodic", "0-", null, null);
        DataBinding shifted = new DataBinding("s", "q", 0, null, null, 300_000_000L,
                List.of(new ChannelBinding(0, 1000, 1000 + CHANNELS - 1)));
        // shifted and remapped, and a window that cuts the first and last chunk of every channel in the middle
        DataBinding clipped = new DataBinding("s", "q", 0, chunkSpan / 2 + 300_000_000L,
                chunkSpan * CHUNKS_PER_CHANNEL - chunkSpan / 2 + 300_000_000L, 300_000_000L,
                List.of(new ChannelBinding(0, 1000, 1000 + CHANNELS - 1)));
        System.out.printf(Locale.ROOT, "%d MB of chunks, %d samples per run%n", body.length >> 20, samples);
        for (int round = 0; round < rounds; round++) {
            System.out.printf(Locale.ROOT, "shift+remap %.0f M samples/s, shift+remap+clip %.0f M samples/s%n",
                    rate(request, shifted, body, samples), rate(request, clipped, body, samples));
        }
    }

    /** Millions of samples per second through {@link BindingResponses#write}. */
    private static double rate(DataRequest request, DataBinding binding, byte[] body, long samples)
            throws IOException {
        List<UpstreamRead> reads = BindingPlanner.plan(request, List.of(binding));
        long began = System.nanoTime();
        BindingResponses.write(request, List.of(new UpstreamAnswer(reads.get(0), new ByteArrayInputStream(body))),
                OutputStream.nullOutputStream());
        return samples / ((System.nanoTime() - began) / 1e9) / 1e6;
    }

    private static List<Chunk> chunks() {
        SplittableRandom random = new SplittableRandom(7);
        List<Chunk> chunks = new ArrayList<>();
        for (long channel = 0; channel < CHANNELS; channel++) {
            long t = 0;
            for (int c = 0; c < CHUNKS_PER_CHANNEL; c++) {
                PeriodicDataList.Builder list = PeriodicDataList.newBuilder();
                long start = t;
                for (int r = 0; r < RESULTS_PER_CHUNK; r++) {
                    byte[] buffer = new byte[SAMPLES_PER_RESULT * WIDTH];
                    // a slowly varying signal, compressible like telemetry
                    int value = random.nextInt(1000);
                    for (int i = 0; i < SAMPLES_PER_RESULT; i++) {
                        value += random.nextInt(3) - 1;
                        buffer[WIDTH * i] = (byte) value;
                        buffer[WIDTH * i + 1] = (byte) (value >> 8);
                    }
                    list.addPeriodicData(Wire.periodic(channel, t, INTERVAL, buffer, SAMPLES_PER_RESULT));
                    t += SAMPLES_PER_RESULT * INTERVAL;
                }
                chunks.add(new Chunk(start, t - INTERVAL, new long[] {channel}, list.build()));
            }
        }
        return chunks;
    }
}
