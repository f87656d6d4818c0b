package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta bench files}; the server's options are accepted too and configure the embedded one (it
 * serves the schema mappings; the file data service in the same JVM runs with its defaults, pointed at it).
 */
public final class FileBenchOptions {

    public static final OptionDef SAMPLES = OptionDef.of("Samples", "8000000",
            "Double samples in the Parquet file, over Fields columns (rounded up to whole rows); every read pass "
                    + "reads them all.");
    public static final OptionDef FIELDS = OptionDef.of("Fields", "4",
            "Double columns per row (one channel each), all read by every pass.");
    public static final OptionDef SAMPLE_RATE = OptionDef.of("SampleRate", "1000",
            "Rows per second of data time (Hz), 1 to 1000000; also the file data service's MaxFrequency.");
    public static final OptionDef PASSES = OptionDef.of("Passes", "9",
            "Timed rounds, after the Warmup rounds; each round reads everything once "
                    + "with a bare DuckDB scan and once through the file data service, the order alternating every "
                    + "round; the figures are medians over the rounds.");

    public static final OptionDef WARMUP = OptionDef.of("Warmup", "3",
            "Untimed rounds first, at least 1 (each checked like the timed ones): the JVM compiles the service's read "
                    + "path over the first few, which ran 2-3 times slower than the rest when only one was untimed.");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(BenchOptions.HTTP_URL, BenchOptions.GRPC_ADDRESS,
            BenchOptions.JSON, SAMPLES, FIELDS, SAMPLE_RATE, PASSES, WARMUP);

    /** Every option accepted: the benchmark's, then the server's. */
    public static final List<OptionDef> ALL = Stream.concat(OWN.stream(), ServerOptions.ALL.stream()).toList();

    private FileBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
