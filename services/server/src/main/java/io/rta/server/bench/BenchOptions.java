package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/** Options of {@code ./rta bench sessions}; the server's options are accepted too and configure the embedded one. */
public final class BenchOptions {

    public static final OptionDef HTTP_URL = OptionDef.of("HttpUrl", "",
            "REST base URL of a running server, e.g. http://host:8080; empty starts an embedded server for the run.");
    public static final OptionDef GRPC_ADDRESS = OptionDef.of("GrpcAddress", "",
            "gRPC host:port of a running server (with HttpUrl).");
    public static final OptionDef SESSIONS = OptionDef.of("Sessions", "100000", "Sessions to load.");
    public static final OptionDef WARMUP_SESSIONS = OptionDef.of("WarmupSessions", "100000",
            "Sessions written and deleted again, untimed, per warm-up round before the timed load (a long-running "
                    + "server is warm); the first round's rate is the cold-server figure.");
    public static final OptionDef WARMUP_ROUNDS = OptionDef.of("WarmupRounds", "6",
            "Most warm-up rounds of WarmupSessions each before the timed load, and most warm-up rounds of the "
                    + "queries (2 s of every query in turn) before they are timed. With an embedded server each stops "
                    + "early once the just-in-time compilers used under a tenth of a core over a round.");
    public static final OptionDef DETAILS = OptionDef.of("Details", "10", "Typed details per session.");
    public static final OptionDef CONCURRENCY = OptionDef.of("Concurrency", "1024",
            "Most gRPC writes in flight: each is acknowledged only once the server's view shows it, so throughput "
                    + "is about Concurrency / write latency (at 512 a warm server was latency-bound with a third of "
                    + "its CPU idle).");
    public static final OptionDef QUERIES = OptionDef.of("Queries", "200", "Measured requests per query scenario.");
    public static final OptionDef WARMUP = OptionDef.of("Warmup", "20",
            "Unmeasured requests per query scenario before the measured ones.");
    public static final OptionDef FOLDERS = OptionDef.of("Folders", "20",
            "Folders the sessions are spread over; the folder filter selects one of them.");

    public static final OptionDef JSON = OptionDef.of("Json", "",
            "Also write the results as JSON (every row: label, value, unit, target, verdict, error; and the machine "
                    + "and run facts): --Json alone writes them to stdout and the table to stderr; --Json <file> "
                    + "writes them to that file.");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(HTTP_URL, GRPC_ADDRESS, JSON, SESSIONS, WARMUP_SESSIONS,
            WARMUP_ROUNDS, DETAILS, CONCURRENCY, QUERIES, WARMUP, FOLDERS);

    /** Every option accepted: the benchmark's, then the server's. */
    public static final List<OptionDef> ALL = Stream.concat(OWN.stream(), ServerOptions.ALL.stream()).toList();

    private BenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }

    /** The option's value as an int of at least {@code min}, or an error naming the option and the rule. */
    static int atLeast(Options options, OptionDef def, int min) {
        int value = options.getInt(def);
        if (value < min) {
            throw new IllegalArgumentException("Option " + def.name() + " = " + value + " must be at least " + min);
        }
        return value;
    }
}
