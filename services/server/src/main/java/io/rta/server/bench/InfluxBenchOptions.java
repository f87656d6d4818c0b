package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta bench influx}; the server's options are accepted too and configure the embedded one (it
 * serves the schema mappings; the Influx data service in the same JVM runs with its defaults, pointed at it).
 */
public final class InfluxBenchOptions {

    public static final OptionDef INFLUX_URI = OptionDef.of("InfluxUri", "",
            "InfluxDB 1.x to benchmark, e.g. http://host:8086/ (user:password@ in it is sent as basic auth; the "
                    + "run creates a database of its own there and leaves it); empty starts a local /usr/bin/influxd "
                    + "on free ports with its own temporary directories, deleted after the run.");
    public static final OptionDef SAMPLES = OptionDef.of("Samples", "4000000",
            "Double samples to write, over Fields fields of one series (rounded up to whole points); every read "
                    + "pass reads them all.");
    public static final OptionDef FIELDS = OptionDef.of("Fields", "4",
            "Fields per point (one channel each), all read by every pass.");
    public static final OptionDef SAMPLE_RATE = OptionDef.of("SampleRate", "1000",
            "Points per second of data time (Hz), 1 to 1000000; also the Influx data service's MaxFrequency.");
    public static final OptionDef BATCH_POINTS = OptionDef.of("BatchPoints", "5000",
            "Points per write request (line protocol, ns precision).");
    public static final OptionDef PASSES = OptionDef.of("Passes", "9",
            "Timed rounds, after one untimed round that checks the counts; each round reads everything once "
                    + "directly from InfluxDB and once through the adapter, the order alternating every round; the "
                    + "figures are medians over the rounds.");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(BenchOptions.HTTP_URL, BenchOptions.GRPC_ADDRESS,
            BenchOptions.JSON, INFLUX_URI, SAMPLES, FIELDS, SAMPLE_RATE, BATCH_POINTS, PASSES);

    /** Every option accepted: the benchmark's, then the server's. */
    public static final List<OptionDef> ALL = Stream.concat(OWN.stream(), ServerOptions.ALL.stream()).toList();

    private InfluxBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
