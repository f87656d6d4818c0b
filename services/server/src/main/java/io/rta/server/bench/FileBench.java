package io.rta.server.bench;

import io.rta.files.FileDataServer;
import io.rta.files.FileOptions;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import io.rta.service.net.FreePorts;
import io.rta.topology.data.codec.ChunkStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench files}: the file data service's read throughput from Parquet double columns next to a bare
 * DuckDB scan of the same columns. It writes a Parquet file of a time column and {@code Fields} double columns with
 * DuckDB, stores its schema mapping in an embedded server (or a running one) through gRPC, and starts the file data
 * service in this JVM twice: with its cache off (the timed reads: every pass reads the file) and on (a repeated
 * read, for context). Then, in rounds whose order alternates, it times a bare DuckDB scan of the same columns in this
 * JVM (JDBC, streamed, every value fetched) and the service's read of every channel through its HTTP route (every
 * chunk unpacked and walked by {@link SampleWalk}, every value read). Both sides' counts and value sums are checked
 * against what was written, every pass.
 */
public final class FileBench {

    /** Issue 15: through the service at least half the bare scan's rate ... */
    static final BenchReport.Target RATIO_TARGET = BenchReport.Target.atLeast(0.5, "x bare");
    /** ... and at least 20 M samples/s. */
    static final BenchReport.Target RATE_TARGET = BenchReport.Target.atLeast(20_000_000, "samples/s");
    /** The schema mappings' data source (the service's {@code DataSource}). */
    static final String SOURCE = "files-bench";
    static final String FILE = "bench.parquet";
    /** The data's first row, on a whole 100 s (and so on the service's windows). */
    static final long START_NANOS = 1_700_000_000L * 1_000_000_000L;

    private static final String SAMPLES_PER_SECOND = "samples/s";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(FileBench.class);

    private final Progress steps;
    private final BenchReport report = Machine.describe(new BenchReport("bench files"));

    private FileBench(Progress steps) {
        this.steps = steps;
    }

    /**
     * Runs the benchmark with {@code args} (see {@link FileBenchOptions}), prints the report to {@code out} and
     * progress to {@code progress}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when a step failed
     * @throws IllegalArgumentException for bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = FileBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench files", options);
        BenchOutput output = BenchOutput.of(options);
        Plan plan = Plan.of(options);
        FileBench bench = new FileBench(Progress.to(progress));
        bench.run(options, plan);
        return output.publish(bench.report, out, progress);
    }

    /** What is written and read: {@code rows} rows of {@code fields} doubles, one every {@code intervalNanos}. */
    record Plan(long rows, int fields, long intervalNanos, int passes, int warmups) {

        static Plan of(Options options) {
            int fields = BenchOptions.atLeast(options, FileBenchOptions.FIELDS, 1);
            long samples = options.getLong(FileBenchOptions.SAMPLES);
            if (samples < 1) {
                throw new IllegalArgumentException("Option " + FileBenchOptions.SAMPLES.name() + " = " + samples
                        + " must be at least 1");
            }
            int rate = BenchOptions.atLeast(options, FileBenchOptions.SAMPLE_RATE, 1);
            if (rate > 1_000_000) {
                throw new IllegalArgumentException("Option " + FileBenchOptions.SAMPLE_RATE.name() + " = " + rate
                        + " must be at most 1000000");
            }
            return new Plan((samples + fields - 1) / fields, fields, 1_000_000_000L / rate,
                    BenchOptions.atLeast(options, FileBenchOptions.PASSES, 1),
                    BenchOptions.atLeast(options, FileBenchOptions.WARMUP, 1));
        }

        long samples() {
            return rows * fields;
        }

        long toNanos() {
            return START_NANOS + rows * intervalNanos;
        }

        /** The service's {@code MaxFrequency}: the data's rate, so its windows fit the data. */
        long maxFrequency() {
            return Math.max(1, Math.round(1e9 / intervalNanos));
        }

        /** Channels 0 to fields - 1: column {@code f<n>} is channel n. */
        String channelsExpression() {
            return fields == 1 ? "0" : "0-" + (fields - 1);
        }

        /** The columns selected, time first: {@code "time", "f0", ...} quoted. */
        String columns() {
            StringBuilder columns = new StringBuilder("\"time\"");
            for (int f = 0; f < fields; f++) {
                columns.append(", \"f").append(f).append('"');
            }
            return columns.toString();
        }

        /**
         * DuckDB's statement writing the file: ns times, doubles with a fraction varying along the data (as
         * {@code bench influx} writes them), in time order, DuckDB's default row groups.
         */
        String copy(Path file) {
            StringBuilder select = new StringBuilder("SELECT ").append(START_NANOS).append(" + i * ")
                    .append(intervalNanos).append(" AS \"time\"");
            for (int f = 0; f < fields; f++) {
                // DOUBLE: without the cast DuckDB would store the arithmetic as DECIMAL
                select.append(", CAST((i % 10000) * 0.125 + ").append(f).append(" + 0.5 AS DOUBLE) AS \"f")
                        .append(f).append('"');
            }
            return "COPY (" + select + " FROM range(" + rows + ") t(i)) TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT PARQUET)";
        }

        /** The value of column {@code field} in row {@code row}, as {@link #copy} writes it. */
        static double value(long row, int field) {
            return (row % 10_000) * 0.125 + field + 0.5;
        }

        /** The sum of every value written. */
        double valueSum() {
            double sum = 0;
            for (long row = 0; row < Math.min(rows, 10_000); row++) {
                long times = rows / 10_000 + (row < rows % 10_000 ? 1 : 0);
                for (int f = 0; f < fields; f++) {
                    sum += times * value(row, f);
                }
            }
            return sum;
        }

        /** The schema mapping of the file: column {@code f<n>} to channel n, doubles, ns times in {@code time}. */
        SchemaMapping mapping() {
            SchemaMapping.Builder mapping = SchemaMapping.newBuilder().putProperties("time_column", "time")
                    .putProperties("time_unit", "ns");
            for (int f = 0; f < fields; f++) {
                mapping.addFieldMappings(FieldMapping.newBuilder().setSourceField("f" + f).setTargetChannel(f)
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64));
            }
            return mapping.build();
        }
    }

    private void run(Options options, Plan plan) throws Exception {
        Path root = Files.createTempDirectory("rta-bench-files-");
        Path file = root.resolve(FILE);
        report.options(options)
                .fact("data", String.format(Locale.ROOT, "%,d rows x %d double columns = %,d samples, ns times, "
                                + "at %,d Hz (%.0f s of data), one Parquet file written by DuckDB", plan.rows(),
                        plan.fields(), plan.samples(), plan.maxFrequency(), plan.rows() * plan.intervalNanos() / 1e9))
                .fact("reads", String.format(Locale.ROOT, "%d timed rounds after %d untimed ones; each reads every "
                        + "sample with a bare DuckDB scan in this JVM (SELECT time and the columns FROM read_parquet, "
                        + "streamed over JDBC, every value fetched) and through the file data service (CacheSize 0; "
                        + "its HTTP route; every chunk unpacked and walked on the wire, its samples counted and every "
                        + "value read), the order alternating every round; both sides sum the values they see and "
                        + "are checked against the values written", plan.passes(), plan.warmups()))
                .fact("load before", Machine.loadAverage());
        BenchTarget target = null;
        FileDataServer uncached = null;
        FileDataServer cached = null;
        Properties streaming = new Properties();
        streaming.setProperty("jdbc_stream_results", "true");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:", streaming)) {
            steps.phase("starting a server ...");
            target = report.attemptResult("server start", () -> BenchTarget.open(options));
            if (target == null) {
                return;
            }
            if (!write(duckdb, plan, file)) {
                return;
            }
            BenchTarget server = target;
            steps.phase("storing the schema mapping and starting the file data service ...");
            uncached = report.attemptResult("schema mapping and service start", () -> {
                SchemaMappingStoreGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource(SOURCE)
                                .setDataIdentity(FILE).setSchemaMapping(plan.mapping()).build());
                return FileDataServer.start(serviceOptions(plan, server, root, "0"));
            });
            if (uncached == null) {
                return;
            }
            cached = report.attemptResult("cached service start", () -> FileDataServer.start(
                    serviceOptions(plan, server, root, FileOptions.CACHE_SIZE.defaultValue())));
            if (cached == null) {
                return;
            }
            String scan = "SELECT " + plan.columns() + " FROM read_parquet('" + file.toString().replace("'", "''")
                    + "')";
            reads(plan, duckdb, scan, route(uncached, plan), route(cached, plan));
        } finally {
            steps.done();
            for (FileDataServer service : new FileDataServer[] {uncached, cached}) {
                if (service != null) {
                    service.close();
                }
            }
            if (target != null) {
                target.close();
            }
            BenchTarget.deleteRecursively(root);
        }
        report.fact("load after", Machine.loadAverage());
    }

    private static URI route(FileDataServer service, Plan plan) {
        return URI.create("http://127.0.0.1:" + service.httpPort() + "/rta/v2/data/" + FILE + "/timestamped/"
                + plan.channelsExpression() + "?start=" + START_NANOS + "&end=" + (plan.toNanos() - 1));
    }

    /** The service in this JVM: the server's schema mappings, the benchmark's root, the data's rate. */
    private static Options serviceOptions(Plan plan, BenchTarget server, Path root, String cacheSize) {
        return Options.load(FileOptions.ALL, new String[] {
            "--" + FileOptions.HTTP_PORT.name(), Integer.toString(FreePorts.next()),
            "--" + FileOptions.DATA_SOURCE.name(), SOURCE,
            "--" + FileOptions.ROOT.name(), root.toString(),
            "--" + FileOptions.SCHEMA_MAPPING_GRPC_URI.name(), "http://" + server.grpcAddress() + "/",
            "--" + FileOptions.MAX_FREQUENCY.name(), Long.toString(plan.maxFrequency()),
            "--" + FileOptions.CACHE_SIZE.name(), cacheSize});
    }

    /** Writes the Parquet file with DuckDB; a fact of its size and time. */
    private boolean write(Connection duckdb, Plan plan, Path file) throws InterruptedException {
        steps.phase(String.format(Locale.ROOT, "writing %,d samples to %s ...", plan.samples(), FILE));
        return report.attempt("write", () -> {
            long start = System.nanoTime();
            try (Statement statement = duckdb.createStatement()) {
                statement.execute(plan.copy(file));
            }
            report.fact("file", String.format(Locale.ROOT, "%,d bytes, written in %.1f s", Files.size(file),
                    (System.nanoTime() - start) / 1e9));
        });
    }

    /** The untimed rounds, then the timed rounds, interleaved; rows of both rates, their ratio and a cached read. */
    private void reads(Plan plan, Connection duckdb, String scan, URI uncached, URI cached)
            throws InterruptedException {
        steps.phase(plan.warmups() + " untimed rounds, counts checked ...");
        if (!report.attempt("untimed rounds", () -> {
            for (int round = 0; round < plan.warmups(); round++) {
                check("bare scan", scan(duckdb, scan, plan.fields()), plan);
                check("service read", read(uncached), plan);
                check("cached service read", read(cached), plan);
            }
        })) {
            return;
        }
        steps.phase(plan.passes() + " timed rounds, bare scan and service interleaved ...");
        RoundTimes bareTimes = new RoundTimes();
        RoundTimes serviceTimes = new RoundTimes();
        RoundTimes cachedTimes = new RoundTimes();
        if (!report.attempt("timed rounds", () -> {
            for (int pass = 0; pass < plan.passes(); pass++) {
                boolean bareFirst = pass % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == bareFirst) {
                        bareTimes.time(() -> check("bare scan", scan(duckdb, scan, plan.fields()), plan));
                    } else {
                        serviceTimes.time(() -> check("service read", read(uncached), plan));
                    }
                }
                cachedTimes.time(() -> check("cached service read", read(cached), plan));
                steps.status(String.format(Locale.ROOT, "  round %d of %d: bare %.2f s, service %.2f s, cached "
                        + "%.2f s", pass + 1, plan.passes(), bareTimes.last(), serviceTimes.last(), cachedTimes.last()));
            }
        })) {
            return;
        }
        // each round's ratio compares two reads made under the same conditions; medians, so one stall does not decide
        List<Double> ratios = RoundTimes.ratios(serviceTimes.seconds(), bareTimes.seconds());
        report.row("read, bare DuckDB scan", Math.rint(plan.samples() / bareTimes.median()), SAMPLES_PER_SECOND, null)
                .row("read, through the file data service", Math.rint(plan.samples() / serviceTimes.median()),
                        SAMPLES_PER_SECOND, RATE_TARGET)
                .row("read, service rate / bare scan rate (median of rounds)", RoundTimes.median(ratios), "x bare",
                        RATIO_TARGET)
                .row("read, repeated through the service's cache", Math.rint(plan.samples() / cachedTimes.median()),
                        SAMPLES_PER_SECOND, null)
                .fact("read passes, bare scan", bareTimes.describe())
                .fact("read passes, service", serviceTimes.describe())
                .fact("read passes, cached", cachedTimes.describe())
                .fact("read ratio per round", RoundTimes.describe(ratios) + String.format(Locale.ROOT,
                        "; of the summed times %.2f", bareTimes.totalSeconds() / serviceTimes.totalSeconds()));
    }

    /** What a read saw: samples, and the sum of their values. */
    record Seen(long samples, double sum) {
    }

    /** Every sample written was seen, with the values written (their sum, to a relative 1e-9: orders differ). */
    private static void check(String what, Seen seen, Plan plan) {
        if (seen.samples() != plan.samples()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the %s counted %,d samples; %,d were "
                    + "written", what, seen.samples(), plan.samples()));
        }
        double expected = plan.valueSum();
        if (Math.abs(seen.sum() - expected) > Math.abs(expected) * 1e-9) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the %s's values sum to %.6f; the values "
                    + "written sum to %.6f", what, seen.sum(), expected));
        }
    }

    /** The bare scan: every row streamed, its time and every value fetched, the non-null values counted and summed. */
    static Seen scan(Connection duckdb, String scan, int fields) throws SQLException {
        long samples = 0;
        double sum = 0;
        try (Statement statement = duckdb.createStatement()) {
            statement.setFetchSize(8192);
            try (ResultSet rows = statement.executeQuery(scan)) {
                while (rows.next()) {
                    rows.getLong(1);
                    for (int f = 0; f < fields; f++) {
                        double value = rows.getDouble(f + 2);
                        if (!rows.wasNull()) {
                            samples++;
                            sum += value;
                        }
                    }
                }
            }
        }
        return new Seen(samples, sum);
    }

    /**
     * The service's route: every chunk unpacked and walked, every sample counted and value summed. Read with the
     * JDK's blocking {@link HttpURLConnection} (keep-alive, as any client would): its body stream is a socket's,
     * where the JDK's {@code HttpClient} hands the body on through a queue of buffers and, measured on loopback, took
     * twice the CPU for the same bytes (57 MB: 0.22 s against 0.09 s) - the client's cost, not the service's.
     */
    private Seen read(URI read) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) read.toURL().openConnection();
        connection.setConnectTimeout((int) Duration.ofSeconds(10).toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        int status = connection.getResponseCode();
        if (status != 200) {
            InputStream error = connection.getErrorStream();
            String text = error == null ? "" : new String(error.readNBytes(4096), StandardCharsets.UTF_8);
            throw new IOException("the file data service answered " + status + ": " + text);
        }
        try (InputStream body = new BufferedInputStream(connection.getInputStream(), 64 * 1024)) {
            SampleWalk walk = new SampleWalk().walk(new ChunkStreamReader(body));
            if (body.read() != -1) {
                throw new IOException("the file data service's answer goes on after its last chunk");
            }
            return new Seen(walk.samples(), walk.sum());
        }
    }
}
