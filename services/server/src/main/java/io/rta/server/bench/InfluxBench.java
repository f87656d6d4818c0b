package io.rta.server.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rta.influx.InfluxDataServer;
import io.rta.influx.InfluxOptions;
import io.rta.influx.InfluxProcess;
import io.rta.influx.query.InfluxQl;
import io.rta.influx.query.InfluxTarget;
import io.rta.influx.store.InfluxClient;
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
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench influx}: what the Influx data service adds over InfluxDB's own time for a full read. It writes
 * double samples into InfluxDB (a local {@code influxd} started for the run, or {@code InfluxUri}), stores their
 * schema mapping in an embedded server (or a running one) through gRPC, and starts the Influx data service in this
 * JVM. Then, in rounds whose order alternates, it times the same InfluxQL {@code SELECT} sent straight to InfluxDB
 * (chunked, its JSON tokenised just enough to count the values) and the adapter's read of the same channels and range
 * through its HTTP route (every chunk unpacked and parsed, its samples counted). Interleaving lets whatever the
 * machine does meanwhile weigh on both: on a shared 2-core machine, separate phases varied far more than the 25% to
 * be resolved.
 */
public final class InfluxBench {

    /** Issue 15: the adapter adds at most 25% over the store's own time. */
    static final BenchReport.Target RATIO_TARGET = BenchReport.Target.atMost(1.25, "x direct");
    /** The schema mappings' data source (the adapter's {@code DataSource}). */
    static final String SOURCE = "influx-bench";
    static final String MEASUREMENT = "bench";
    static final String RETENTION_POLICY = "autogen";
    /**
     * The data's first point, on a whole 100 s (and so on the adapter's 4 s windows at 1 kHz). The adapter rounds a
     * read out to whole windows anyway: it asks for a little more time than the direct statement, for the same points.
     */
    static final long START_NANOS = 1_700_000_000L * 1_000_000_000L;

    private static final String SAMPLES_PER_SECOND = "samples/s";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = LoggerFactory.getLogger(InfluxBench.class);

    private final Progress steps;
    private final BenchReport report = Machine.describe(new BenchReport("bench influx"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Basic auth from {@code user:password@} in {@code InfluxUri}, as the adapter sends it; empty without. */
    private String influxAuthorization = "";

    private InfluxBench(Progress steps) {
        this.steps = steps;
    }

    /**
     * Runs the benchmark with {@code args} (see {@link InfluxBenchOptions}), prints the report to {@code out} and
     * progress to {@code progress}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when a step failed
     * @throws IllegalArgumentException for bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = InfluxBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench influx", options);
        BenchOutput output = BenchOutput.of(options);
        Plan plan = Plan.of(options);
        InfluxBench bench = new InfluxBench(Progress.to(progress));
        bench.run(options, plan);
        return output.publish(bench.report, out, progress);
    }

    /** What is written and read: {@code points} points of {@code fields} doubles, one every {@code intervalNanos}. */
    record Plan(long points, int fields, long intervalNanos, int batchPoints, int passes, String influxUri) {

        static Plan of(Options options) {
            int fields = BenchOptions.atLeast(options, InfluxBenchOptions.FIELDS, 1);
            long samples = options.getLong(InfluxBenchOptions.SAMPLES);
            if (samples < 1) {
                throw new IllegalArgumentException("Option " + InfluxBenchOptions.SAMPLES.name() + " = " + samples
                        + " must be at least 1");
            }
            int rate = BenchOptions.atLeast(options, InfluxBenchOptions.SAMPLE_RATE, 1);
            if (rate > 1_000_000) {
                throw new IllegalArgumentException("Option " + InfluxBenchOptions.SAMPLE_RATE.name() + " = " + rate
                        + " must be at most 1000000");
            }
            String influxUri = options.getString(InfluxBenchOptions.INFLUX_URI).trim();
            if (!influxUri.isEmpty()) {
                URI uri = URI.create(influxUri);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("Option " + InfluxBenchOptions.INFLUX_URI.name() + " = '"
                            + influxUri + "' must be an http:// or https:// URI with a host");
                }
                influxUri = influxUri.endsWith("/") ? influxUri : influxUri + "/";
            }
            return new Plan((samples + fields - 1) / fields, fields, 1_000_000_000L / rate,
                    BenchOptions.atLeast(options, InfluxBenchOptions.BATCH_POINTS, 1),
                    BenchOptions.atLeast(options, InfluxBenchOptions.PASSES, 1), influxUri);
        }

        long samples() {
            return points * fields;
        }

        /** The first point's time; the read range is [{@link #fromNanos}, {@link #toNanos}). */
        long fromNanos() {
            return START_NANOS;
        }

        long toNanos() {
            return START_NANOS + points * intervalNanos;
        }

        /** The adapter's {@code MaxFrequency}: the data's rate, so its windows and query splits fit the data. */
        long maxFrequency() {
            return Math.max(1, Math.round(1e9 / intervalNanos));
        }

        List<String> fieldNames() {
            List<String> names = new ArrayList<>(fields);
            for (int f = 0; f < fields; f++) {
                names.add("f" + f);
            }
            return names;
        }

        /** Channels 0 to fields - 1: field {@code f<n>} is channel n. */
        String channelsExpression() {
            return fields == 1 ? "0" : "0-" + (fields - 1);
        }

        /** The data identity: InfluxQL filtering this run's series. */
        static String identity(String runId) {
            return "run='" + runId + "'";
        }

        /** Line protocol of points {@code first} to {@code first + count - 1} of the run's series. */
        String lines(String runId, long first, long count) {
            StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, count * (24 + 20L * fields)));
            for (long i = first; i < first + count; i++) {
                out.append(MEASUREMENT).append(",run=").append(runId).append(' ');
                for (int f = 0; f < fields; f++) {
                    out.append(f == 0 ? "" : ",").append('f').append(f).append('=').append(value(i, f));
                }
                out.append(' ').append(START_NANOS + i * intervalNanos).append('\n');
            }
            return out.toString();
        }

        /** A double with a fraction (not an integer InfluxDB would store more cheaply), varying along the data. */
        static double value(long point, int field) {
            return (point % 10_000) * 0.125 + field + 0.5;
        }

        /** The schema mapping of the run's series: field {@code f<n>} to channel n, doubles. */
        SchemaMapping mapping(String database) {
            SchemaMapping.Builder mapping = SchemaMapping.newBuilder().putProperties("dialect", "influxql")
                    .putProperties("database", database).putProperties("retention_policy", RETENTION_POLICY)
                    .putProperties("measurement", MEASUREMENT);
            List<String> names = fieldNames();
            for (int f = 0; f < fields; f++) {
                mapping.addFieldMappings(FieldMapping.newBuilder().setSourceField(names.get(f)).setTargetChannel(f)
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64));
            }
            return mapping.build();
        }

        /** The statement the adapter makes of a read of every channel over the whole range, sent directly. */
        String select(String database, String runId) {
            return InfluxQl.select(fieldNames(), new InfluxTarget(database, RETENTION_POLICY, MEASUREMENT),
                    identity(runId), fromNanos(), toNanos());
        }
    }

    private void run(Options options, Plan plan) throws Exception {
        String runId = "b" + UUID.randomUUID().toString().substring(0, 8);
        String database = "rta_bench_" + runId;
        report.options(options)
                .fact("data", String.format(Locale.ROOT, "%,d points x %d double fields = %,d samples, one series, "
                                + "at %,d Hz (%.0f s of data), written as line protocol in requests of %,d points",
                        plan.points(), plan.fields(), plan.samples(), plan.maxFrequency(),
                        plan.points() * plan.intervalNanos() / 1e9, plan.batchPoints()))
                .fact("reads", String.format(Locale.ROOT, "%d timed rounds after one checked round; each reads "
                        + "every sample directly (GET /query, chunked=true, chunk_size=%d, epoch=ns, the JSON "
                        + "tokenised to count values) and through the adapter (its HTTP route, every chunk "
                        + "unpacked and parsed to count samples), the order alternating every round", plan.passes(),
                        InfluxClient.CHUNK_SIZE))
                .fact("load before", Machine.loadAverage());
        InfluxProcess local = null;
        BenchTarget target = null;
        InfluxDataServer adapter = null;
        try {
            steps.phase(plan.influxUri().isEmpty() ? "starting a server and a local influxd ..."
                    : "starting a server ...");
            target = report.attemptResult("server start", () -> BenchTarget.open(options));
            if (target == null) {
                return;
            }
            String influxUri = plan.influxUri();
            if (influxUri.isEmpty()) {
                local = report.attemptResult("influxd start", InfluxProcess::start);
                if (local == null) {
                    return;
                }
                influxUri = local.uri();
                report.fact("influxdb", "a local /usr/bin/influxd started for the run (" + influxUri + ")");
            } else {
                report.fact("influxdb", influxUri.replaceAll("//[^@/]*@", "//") + " (database " + database
                        + " left there)");
            }
            URI influx = URI.create(influxUri);
            if (influx.getRawUserInfo() != null) {
                influxAuthorization = "Basic " + Base64.getEncoder().encodeToString(URLDecoder.decode(
                        influx.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            }
            if (!write(influx, database, runId, plan)) {
                return;
            }
            BenchTarget server = target;
            steps.phase("storing the schema mapping and starting the Influx data service ...");
            adapter = report.attemptResult("schema mapping and adapter start", () -> {
                SchemaMappingStoreGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource(SOURCE)
                                .setDataIdentity(Plan.identity(runId)).setSchemaMapping(plan.mapping(database))
                                .build());
                return InfluxDataServer.start(adapterOptions(plan, server, influx));
            });
            if (adapter == null) {
                return;
            }
            URI direct = influx.resolve("query?db=" + encode(database) + "&rp=" + RETENTION_POLICY
                    + "&epoch=ns&chunked=true&chunk_size=" + InfluxClient.CHUNK_SIZE + "&q="
                    + encode(plan.select(database, runId)));
            URI adapted = URI.create("http://127.0.0.1:" + adapter.httpPort() + "/rta/v2/data/"
                    + encode(Plan.identity(runId)) + "/timestamped/" + plan.channelsExpression() + "?start="
                    + plan.fromNanos() + "&end=" + (plan.toNanos() - 1));
            reads(plan, direct, adapted, local);
        } finally {
            steps.done();
            if (adapter != null) {
                adapter.close();
            }
            if (local != null) {
                local.close();
            }
            if (target != null) {
                target.close();
            }
        }
        report.fact("load after", Machine.loadAverage());
    }

    /** The adapter in this JVM: the server's schema mappings, the benchmark's InfluxDB, the data's rate. */
    private static Options adapterOptions(Plan plan, BenchTarget server, URI influx) {
        return Options.load(InfluxOptions.ALL, new String[] {
            "--" + InfluxOptions.HTTP_PORT.name(), Integer.toString(FreePorts.next()),
            "--" + InfluxOptions.DATA_SOURCE.name(), SOURCE,
            "--" + InfluxOptions.SCHEMA_MAPPING_GRPC_URI.name(), "http://" + server.grpcAddress() + "/",
            "--" + InfluxOptions.INFLUX_URI.name(), influx.toString(),
            // /health is 1.8's; /ping answers on every 1.x
            "--" + InfluxOptions.INFLUX_HEALTH_CHECK_PATH.name(), "/ping",
            "--" + InfluxOptions.MAX_FREQUENCY.name(), Long.toString(plan.maxFrequency())});
    }

    /** Creates the database and writes every point, one request at a time; a row of samples/s. */
    private boolean write(URI influx, String database, String runId, Plan plan) throws InterruptedException {
        steps.phase(String.format(Locale.ROOT, "writing %,d samples to InfluxDB ...", plan.samples()));
        return report.attempt("write", () -> {
            post(influx.resolve("query?q=" + encode("CREATE DATABASE \"" + database + "\"")), "");
            URI write = influx.resolve("write?precision=ns&db=" + encode(database));
            long start = System.nanoTime();
            for (long first = 0; first < plan.points(); first += plan.batchPoints()) {
                long count = Math.min(plan.batchPoints(), plan.points() - first);
                post(write, plan.lines(runId, first, count));
                long written = (first + count) * plan.fields();
                steps.status(String.format(Locale.ROOT, "  written %,d of %,d samples (%,.0f samples/s)", written,
                        plan.samples(), written / ((System.nanoTime() - start) / 1e9)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.row("write, line protocol", Math.rint(plan.samples() / seconds), SAMPLES_PER_SECOND, null)
                    .fact("write", String.format(Locale.ROOT, "%,d samples in %.1f s", plan.samples(), seconds));
        });
    }

    /** One checked round, then the timed rounds, interleaved; rows of both rates and their ratio. */
    private void reads(Plan plan, URI direct, URI adapted, InfluxProcess local) throws InterruptedException {
        steps.phase("one untimed round, counts checked ...");
        if (!report.attempt("checked round", () -> {
            check("direct read", countDirect(direct), plan);
            check("adapter read", countAdapted(adapted), plan);
        })) {
            return;
        }
        steps.phase(plan.passes() + " timed rounds, direct and adapter interleaved ...");
        LongSupplier influxCpu = local == null ? RoundTimes.NO_PROCESS : local::cpuNanos;
        RoundTimes directTimes = new RoundTimes("influxd", influxCpu);
        RoundTimes adapterTimes = new RoundTimes("influxd", influxCpu);
        if (!report.attempt("timed rounds", () -> {
            for (int pass = 0; pass < plan.passes(); pass++) {
                boolean directFirst = pass % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == directFirst) {
                        directTimes.time(() -> check("direct read", countDirect(direct), plan));
                    } else {
                        adapterTimes.time(() -> check("adapter read", countAdapted(adapted), plan));
                    }
                }
                steps.status(String.format(Locale.ROOT, "  round %d of %d: direct %.2f s, adapter %.2f s",
                        pass + 1, plan.passes(), directTimes.last(), adapterTimes.last()));
            }
        })) {
            return;
        }
        List<Double> ratios = RoundTimes.ratios(directTimes.seconds(), adapterTimes.seconds());
        // medians, not sums: one pass the machine's other work stalls (1.8 s against 0.1-0.15 s, seen at load 14)
        // would otherwise decide the figure; each round's ratio compares two reads made under the same conditions
        report.row("read, direct from InfluxDB", Math.rint(plan.samples() / directTimes.median()),
                        SAMPLES_PER_SECOND, null)
                .row("read, through the adapter", Math.rint(plan.samples() / adapterTimes.median()),
                        SAMPLES_PER_SECOND, null)
                .row("read, adapter time / direct time (median of rounds)",
                        RoundTimes.median(ratios), "x direct", RATIO_TARGET)
                .fact("read passes, direct", directTimes.describe())
                .fact("read passes, adapter", adapterTimes.describe())
                .fact("read ratio per round", RoundTimes.describe(ratios)
                        + String.format(Locale.ROOT, "; of the summed times %.2f",
                        adapterTimes.totalSeconds() / directTimes.totalSeconds()));
    }

    private static void check(String what, long samples, Plan plan) {
        if (samples != plan.samples()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the %s counted %,d samples; %,d were "
                    + "written", what, samples, plan.samples()));
        }
    }

    /** The same statement straight to InfluxDB: the body read to its end, its values counted. */
    private long countDirect(URI query) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(toInflux(query).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            requireOk("InfluxDB", answer.statusCode(), body);
            return countValues(body);
        }
    }

    /**
     * The adapter's route: every chunk read with the server's {@link ChunkStreamReader}, unpacked and parsed, its
     * samples counted (the values not walked, as the direct read does not convert its numbers).
     */
    private long countAdapted(URI read) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(read).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = new BufferedInputStream(answer.body(), 64 * 1024)) {
            requireOk("the adapter", answer.statusCode(), body);
            return DataReadLoad.countTimestamped(new ChunkStreamReader(body));
        }
    }

    /**
     * The values (not the times, not nulls) in InfluxDB's chunked JSON answer: the tokens are walked, the numbers
     * not converted, as little as a client can do and still see every sample.
     *
     * @throws IOException when the answer carries an {@code "error"} (InfluxDB refused the query or failed part-way)
     */
    static long countValues(InputStream body) throws IOException {
        long samples = 0;
        try (JsonParser json = JSON.createParser(body)) {
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = json.currentName();
                if (name.equals("error")) {
                    json.nextToken();
                    throw new IOException("InfluxDB answered with an error: " + json.getText());
                }
                if (name.equals("values")) {
                    samples += countRows(json);
                }
            }
        }
        return samples;
    }

    /** The rows {@code [time, value, ...]} of one series chunk, each value but null counted. */
    private static long countRows(JsonParser json) throws IOException {
        if (json.nextToken() != JsonToken.START_ARRAY) {
            throw new IOException("InfluxDB's \"values\" is not an array");
        }
        long samples = 0;
        while (json.nextToken() == JsonToken.START_ARRAY) {
            json.nextToken(); // the time
            for (JsonToken value = json.nextToken(); value != JsonToken.END_ARRAY; value = json.nextToken()) {
                if (value == null) {
                    throw new IOException("InfluxDB's answer broke off in a row");
                }
                if (value != JsonToken.VALUE_NULL) {
                    samples++;
                }
            }
        }
        return samples;
    }

    private void post(URI uri, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(toInflux(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2 || answer.body().contains("\"error\"")) {
            throw new IOException("InfluxDB answered " + uri.getPath() + " with " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    private HttpRequest.Builder toInflux(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        return influxAuthorization.isEmpty() ? request : request.header("Authorization", influxAuthorization);
    }

    private static void requireOk(String who, int status, InputStream body) throws IOException {
        if (status != 200) {
            String message = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            throw new IOException(who + " answered " + status + ": " + message);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
