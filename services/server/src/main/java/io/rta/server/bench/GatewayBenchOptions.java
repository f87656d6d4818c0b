package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta bench gateway}; the server's options are accepted too and configure the embedded one (the
 * gateway in the same JVM runs with its defaults, pointed at that server).
 */
public final class GatewayBenchOptions {

    public static final OptionDef SAMPLES = OptionDef.of("Samples", "1000000000",
            "Periodic 16-bit samples to write (in total over the data identities), in bursts of 100 per channel; every "
                    + "read pass reads them all: enough that a timed pass straight from the data route takes at least "
                    + "0.5 s (~0.2 bytes per sample of the sine on the wire; 1.2 G samples/s measured on a loaded "
                    + "2-core machine).");
    public static final OptionDef STREAMS = OptionDef.of("Streams", "4",
            "Data identities, written by one WriteDataStream call each; every figure reads them all at once, one "
                    + "request each.");
    public static final OptionDef PASSES = OptionDef.of("Passes", "5",
            "Timed read passes per figure, after one untimed pass that decodes and checks every sample.");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(BenchOptions.HTTP_URL, BenchOptions.GRPC_ADDRESS,
            BenchOptions.JSON, SAMPLES, STREAMS, DataBenchOptions.CHANNELS, PASSES, DataBenchOptions.SIGNAL,
            DataBenchOptions.FLUSH_MIB);

    /** Every option accepted: the benchmark's, then the server's. */
    public static final List<OptionDef> ALL = Stream.concat(OWN.stream(), ServerOptions.ALL.stream()).toList();

    private GatewayBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
