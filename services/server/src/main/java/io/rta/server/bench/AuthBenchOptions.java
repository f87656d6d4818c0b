package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta bench auth}; the server's options are accepted too and configure the embedded one (auth
 * options but those the benchmark sets for its server with auth on).
 */
public final class AuthBenchOptions {

    public static final OptionDef CONTROL = OptionDef.of("Control", "false",
            "A control run: the second server starts with auth off too; its requests still carry the token (ignored), "
                    + "so the figures 'auth on / off' show what the set-up (two servers, load order) and the header's "
                    + "bytes alone differ by.");
    public static final OptionDef SWAP = OptionDef.of("Swap", "true",
            "Time the pair twice, the roles swapped in between (both servers restarted, auth on the other one), so "
                    + "each role is measured on both servers and a difference between the two servers themselves "
                    + "cancels out; each phase takes half of --Queries and --Passes. false: one phase.");
    public static final OptionDef SAMPLES = OptionDef.of("Samples", "200000000",
            "Periodic 16-bit samples written to each server (in total over the data identities) and read by every "
                    + "timed pass.");

    /*
     * A 5% difference is what this benchmark must resolve, on a shared, noisy machine: more requests and passes than
     * the other benchmarks take by default (a read pass takes ~0.1 s: 20 passes varied the ratio by 10%; a p99 of 5,000
     * requests is their 50 slowest, which the machine's other work decides as much as the server; of 60,000, their
     * 600 slowest).
     */
    public static final OptionDef QUERIES = OptionDef.of("Queries", "60000",
            "Measured requests per query scenario and server.");
    public static final OptionDef WARMUP = OptionDef.of("Warmup", "1000",
            "Unmeasured requests per query scenario and server before the measured ones.");
    public static final OptionDef PASSES = OptionDef.of("Passes", "200",
            "Timed read passes per server (each reads every sample once).");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(BenchOptions.JSON, CONTROL, SWAP, BenchOptions.SESSIONS,
            BenchOptions.DETAILS, BenchOptions.FOLDERS, BenchOptions.CONCURRENCY, QUERIES, WARMUP,
            SAMPLES, GatewayBenchOptions.STREAMS, DataBenchOptions.CHANNELS, PASSES, DataBenchOptions.SIGNAL,
            DataBenchOptions.FLUSH_MIB);

    /** Every option accepted: the benchmark's, then the server's. */
    public static final List<OptionDef> ALL = Stream.concat(OWN.stream(), ServerOptions.ALL.stream()).toList();

    private AuthBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
