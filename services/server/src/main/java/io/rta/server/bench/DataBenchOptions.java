package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/** Options of {@code ./rta bench data}; the server's options are accepted too and configure the embedded one. */
public final class DataBenchOptions {

    public static final OptionDef SAMPLES = OptionDef.of("Samples", "60000000",
            "Periodic 16-bit samples to write (in total over the streams), in bursts of 100 per channel.");
    public static final OptionDef TIMESTAMPED_SAMPLES = OptionDef.of("TimestampedSamples", "10000000",
            "Timestamped double samples to write (in total over the streams), in bursts of 100 per channel.");
    public static final OptionDef STREAMS = OptionDef.of("Streams", "4",
            "Concurrent WriteDataStream calls, one session each (the reads use one request per session).");
    public static final OptionDef CHANNELS = OptionDef.of("Channels", "100", "Channels per session.");
    public static final OptionDef SIGNAL = OptionDef.of("Signal", DemoSignal.SINE,
            "Periodic samples: 'sine' (the demo signal) or 'noisy' (the sine plus a few LSB of uniform noise).");
    public static final OptionDef FLUSH_MIB = OptionDef.of("FlushMiB", "8",
            "A stream sends a flush marker after every this many MiB of messages (and one at the end).");

    public static final OptionDef WARMUP_SAMPLES = OptionDef.of("WarmupSamples", "100000000",
            "Periodic samples written (to sessions of their own, untimed) before the timed writes, so the figures "
                    + "are of a warmed-up JVM, as a long-running server is.");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(BenchOptions.HTTP_URL, BenchOptions.GRPC_ADDRESS,
            BenchOptions.JSON, SAMPLES, TIMESTAMPED_SAMPLES, WARMUP_SAMPLES, STREAMS, CHANNELS, SIGNAL, FLUSH_MIB);

    /** Every option accepted: the benchmark's, then the server's. */
    public static final List<OptionDef> ALL = Stream.concat(OWN.stream(), ServerOptions.ALL.stream()).toList();

    private DataBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
