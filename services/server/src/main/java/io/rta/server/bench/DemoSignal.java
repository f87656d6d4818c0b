package io.rta.server.bench;

import com.google.protobuf.ByteString;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The periodic benchmark's samples: 16-bit unsigned little-endian values of a sine wave around 32,768 with a period of
 * exactly {@value #PERIOD} samples and an amplitude of {@value #AMPLITUDE}, channel {@code c} shifted by {@code c}
 * samples; the {@code noisy} variant adds uniform noise of up to {@value #NOISE} LSB either way.
 */
final class DemoSignal {

    static final int PERIOD = 1_000;
    static final int CENTER = 32_768;
    static final int AMPLITUDE = 10_000;
    static final int NOISE = 4;
    static final String SINE = "sine";
    static final String NOISY = "noisy";

    private final boolean noisy;
    private final int[] wave = new int[PERIOD];

    private DemoSignal(boolean noisy) {
        this.noisy = noisy;
        for (int i = 0; i < PERIOD; i++) {
            wave[i] = CENTER + (int) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * i / PERIOD));
        }
    }

    /** The signal named {@value #SINE} or {@value #NOISY}, or an error naming the option. */
    static DemoSignal named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case SINE -> new DemoSignal(false);
            case NOISY -> new DemoSignal(true);
            default -> throw new IllegalArgumentException("Option " + DataBenchOptions.SIGNAL.name() + " = '" + name
                    + "' must be " + SINE + " or " + NOISY);
        };
    }

    boolean isNoisy() {
        return noisy;
    }

    /** Sample {@code index} (counting from the channel's first) of channel {@code channel}. */
    int sample(int channel, long index, SplittableRandom random) {
        int value = wave[(int) ((index + channel) % PERIOD)];
        if (noisy) {
            value += random.nextInt(-NOISE, NOISE + 1);
        }
        return value;
    }

    /** {@code count} consecutive samples of a channel from {@code firstIndex}, as a PeriodicData buffer. */
    ByteString burst(int channel, long firstIndex, int count, SplittableRandom random) {
        byte[] buffer = new byte[count * Short.BYTES];
        for (int i = 0; i < count; i++) {
            int value = sample(channel, firstIndex + i, random);
            buffer[2 * i] = (byte) value;
            buffer[2 * i + 1] = (byte) (value >>> 8);
        }
        return ByteString.copyFrom(buffer);
    }

    /** What the report says about the signal. */
    String description() {
        return String.format(Locale.ROOT, "%s: uint16 LE sine around %,d, amplitude %,d, period %,d samples, channel "
                        + "c shifted by c samples%s", noisy ? NOISY : SINE, CENTER, AMPLITUDE, PERIOD,
                noisy ? String.format(Locale.ROOT, ", plus uniform noise of +-%d LSB", NOISE) : "");
    }
}
