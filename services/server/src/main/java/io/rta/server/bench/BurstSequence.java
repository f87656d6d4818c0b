package io.rta.server.bench;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data messages of one benchmark stream: bursts of {@value #BURST} samples per channel at 1 kHz on the session's
 * synthetic time axis, channel after channel for each burst period (as a logger sends them). Periodic bursts carry
 * the {@link DemoSignal}; timestamped bursts carry doubles (a sine of the same period) with deltas of 1 ms.
 */
final class BurstSequence {

    /** Samples per data message. */
    static final int BURST = 100;
    static final long INTERVAL_NANOS = 1_000_000;
    /** Where every session's data starts: a fixed time, so runs are comparable. */
    static final long START_NANOS = Instant.parse("2024-03-01T09:00:00Z").getEpochSecond() * 1_000_000_000L;

    /** The two kinds the benchmark writes. */
    enum Kind { PERIODIC, TIMESTAMPED }

    private static final List<Long> DELTAS = deltas();

    private final Kind kind;
    private final DemoSignal signal;
    private final int channels;
    private final int burstsPerChannel;
    private final SplittableRandom random;
    /** Bursts of a noiseless signal depend only on (first sample + channel) mod period: built once each. */
    private final ByteString[] cache = new ByteString[DemoSignal.PERIOD];
    private int burst;
    private int channel;

    BurstSequence(Kind kind, DemoSignal signal, int channels, int burstsPerChannel, long seed) {
        this.kind = kind;
        this.signal = signal;
        this.channels = channels;
        this.burstsPerChannel = burstsPerChannel;
        this.random = new SplittableRandom(seed);
    }

    long samples() {
        return (long) channels * burstsPerChannel * BURST;
    }

    boolean hasNext() {
        return burst < burstsPerChannel;
    }

    /** The next data message. */
    WriteDataStreamMessage next() {
        long firstIndex = (long) burst * BURST;
        long start = START_NANOS + firstIndex * INTERVAL_NANOS;
        WriteDataStreamMessage message = kind == Kind.PERIODIC
                ? WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder()
                        .setChannelId(channel).setStartTimestamp(start).setInterval(INTERVAL_NANOS).setSamples(BURST)
                        .setBuffer(periodicBuffer(firstIndex))).build()
                : WriteDataStreamMessage.newBuilder().setTimestampedData(TimestampedData.newBuilder()
                        .setChannelId(channel).setStartTimestamp(start).setTimestampDeltasScale(INTERVAL_NANOS)
                        .addAllTimestampDeltas(DELTAS).setBuffer(doublesBuffer(firstIndex))).build();
        if (++channel == channels) {
            channel = 0;
            burst++;
        }
        return message;
    }

    private ByteString periodicBuffer(long firstIndex) {
        if (signal.isNoisy()) {
            return signal.burst(channel, firstIndex, BURST, random);
        }
        int phase = (int) ((firstIndex + channel) % DemoSignal.PERIOD);
        if (cache[phase] == null) {
            cache[phase] = signal.burst(channel, firstIndex, BURST, random);
        }
        return cache[phase];
    }

    private ByteString doublesBuffer(long firstIndex) {
        int phase = (int) ((firstIndex + channel) % DemoSignal.PERIOD);
        if (cache[phase] == null) {
            byte[] buffer = new byte[BURST * Double.BYTES];
            for (int i = 0; i < BURST; i++) {
                long bits = Double.doubleToLongBits(Math.sin(2 * Math.PI * (phase + i) / DemoSignal.PERIOD));
                for (int b = 0; b < Double.BYTES; b++) {
                    buffer[i * Double.BYTES + b] = (byte) (bits >>> (8 * b));
                }
            }
            cache[phase] = ByteString.copyFrom(buffer);
        }
        return cache[phase];
    }

    private static List<Long> deltas() {
        List<Long> deltas = new ArrayList<>(Collections.nCopies(BURST, 1L));
        deltas.set(0, 0L);
        return List.copyOf(deltas);
    }
}
