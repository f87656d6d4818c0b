package io.rta.server.bench;

import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.Authenticator;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench auth}: what bearer-token auth costs the reads ATLAS makes. One data directory, loaded once
 * (sessions through gRPC, periodic telemetry), served in rounds by an embedded server restarted on it: first with auth
 * off, then with {@code EnableAuth} against an OpenID Connect issuer in this JVM ({@link BenchIssuer}), every request
 * carrying the same token (verified once, then remembered until it expires). Each phase times the session queries of
 * {@code bench sessions} (p99) and the data reads of {@code bench gateway}'s direct route (samples/s, chunk headers
 * only, after one pass that checks every sample); each figure is the median of its rounds, and auth on is compared
 * with auth off. A phase with auth on first checks that a request without the token is refused (401), so it cannot
 * measure an open server by mistake.
 */
public final class AuthBench {

    /** Issue 14: with auth on, query p99 and data read throughput within 5% of auth off. */
    static final BenchReport.Target P99_RATIO_TARGET = BenchReport.Target.atMost(1.05, "x auth off");
    static final BenchReport.Target READ_RATIO_TARGET = BenchReport.Target.atLeast(0.95, "x auth off");

    private static final Duration WRITABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(30);
    private static final double SETTLED_CORES = 0.2;
    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);
    private static final String READ = "data read, headers only";
    private static final Logger LOG = LoggerFactory.getLogger(AuthBench.class);

    private final Progress steps;
    private final PrintStream progress;
    private final BenchReport report = Machine.describe(new BenchReport("bench auth"));
    /** Per figure (a query's p99 in ms, the read's samples/s), per mode: one value per round. */
    private final Map<String, Map<Boolean, List<Double>>> figures = new LinkedHashMap<>();
    /** Whether the phase running records its figures (not in the warm-up round). */
    private boolean recording;

    private AuthBench(Progress steps) {
        this.steps = steps;
        this.progress = steps.statusStream();
    }

    /**
     * Runs the benchmark with {@code args} (see {@link AuthBenchOptions}), prints the report to {@code out} and
     * progress to {@code progress}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when a step failed
     * @throws IllegalArgumentException for bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = AuthBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench auth", options);
        BenchOutput output = BenchOutput.of(options);
        AuthBench bench = new AuthBench(Progress.to(progress));
        bench.run(options);
        return output.publish(bench.report, out, progress);
    }

    private void run(Options options) throws Exception {
        int rounds = BenchOptions.atLeast(options, AuthBenchOptions.ROUNDS, 1);
        int sessions = BenchOptions.atLeast(options, BenchOptions.SESSIONS, 1);
        int concurrency = BenchOptions.atLeast(options, BenchOptions.CONCURRENCY, 1);
        int queries = BenchOptions.atLeast(options, BenchOptions.QUERIES, 1);
        int warmup = BenchOptions.atLeast(options, BenchOptions.WARMUP, 0);
        GatewayBench.Plan plan = GatewayBench.Plan.of(options, AuthBenchOptions.SAMPLES);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        int details = BenchOptions.atLeast(options, BenchOptions.DETAILS, 1);
        int folders = BenchOptions.atLeast(options, BenchOptions.FOLDERS, 1);
        BenchData data = new BenchData(runId, details, folders);
        List<String> dataIdentities = new ArrayList<>();
        for (int s = 0; s < plan.streams(); s++) {
            dataIdentities.add("bench-" + runId + "-data-" + s);
        }
        List<String> readPaths = dataIdentities.stream().map(identity -> "/rta/v2/data/" + identity + "/periodic/"
                + plan.channelsExpression(GatewayBench.Way.DIRECT)).toList();
        report.options(options).fact("server", "embedded all-in-one in this JVM, restarted on the same data for "
                        + "every phase (same ports), each phase after the process settled")
                .fact("auth on", "EnableAuth with Auth:Authority = an OpenID Connect issuer in this JVM (discovery + "
                        + "JWKS, RS256), Auth:Audience " + BenchIssuer.AUDIENCE + "; one token for every request, "
                        + "so the server verifies it once and remembers it until it expires")
                .fact("data", String.format(Locale.ROOT, "%,d sessions x %d details in %d folders; %d data "
                                + "identities x %d channels x %,d periodic uint16 samples at 1 kHz", sessions,
                        details, folders, plan.streams(), plan.channels(), plan.samplesPerChannel()))
                .fact("rounds", String.format(Locale.ROOT, "an unrecorded warm-up round (auth off, auth on), then %d "
                        + "recorded rounds (off-on, on-off, ...); per phase %d measured "
                        + "requests per query after %d warm-up, sequential, HTTP/1.1 keep-alive; %d timed read "
                        + "passes after one checked pass", rounds, queries, warmup, plan.passes()))
                .fact("load before", Machine.loadAverage());
        Path dataPath = Files.createTempDirectory("rta-bench-auth-");
        BenchTarget.Ports ports = BenchTarget.Ports.free();
        try (BenchIssuer issuer = BenchIssuer.start()) {
            String bearer = issuer.bearer(Duration.ofHours(12));
            checkCost(issuer);
            Map<OptionDef, String> authOn = Map.of(AuthSettings.ENABLE_AUTH, "true",
                    AuthSettings.AUTHORITY, issuer.issuer(), AuthSettings.AUDIENCE, BenchIssuer.AUDIENCE);
            boolean loaded = false;
            // round 0 is a warm-up of both modes, not recorded: right after the load the server still compacts and
            // compiles (the first measured phase ran 2-8 times slower than later ones of the same mode)
            for (int round = 0; round <= rounds; round++) {
                // ABBA: off-on, on-off, ...: a drift over the run (compactions, JIT, the machine) weighs on both
                // the load runs in the first phase, auth off; then off-on, on-off, ...
                boolean onFirst = round > 0 && round % 2 == 0;
                for (boolean auth : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    String phase = (round == 0 ? "warm-up" : "round " + round) + ", auth " + (auth ? "on" : "off");
                    steps.phase(phase + ": starting the server ...");
                    BenchTarget target = report.attemptResult(phase + ": server start", () -> BenchTarget.restartable(
                            options, dataPath, ports, auth ? authOn : Map.of()));
                    if (target == null) {
                        return;
                    }
                    try (target) {
                        if (!loaded) {
                            if (!load(target, data, sessions, concurrency, plan, dataIdentities)) {
                                return;
                            }
                            loaded = true;
                        }
                        recording = round > 0;
                        if (!measure(phase, target, auth ? bearer : null, data, warmup, queries, plan, readPaths)) {
                            return;
                        }
                    }
                }
            }
            report.fact("issuer key fetches", issuer.keyFetches() + " (one per auth-on start: the keys are cached)");
        } finally {
            steps.done();
            BenchTarget.deleteRecursively(dataPath);
        }
        summarize();
        report.fact("load after", Machine.loadAverage());
    }

    /**
     * What the server's token check costs, timed on an {@link Authenticator} of the same settings in this JVM: the
     * first token (discovery, key fetch, RS256 signature), another new token (signature and claims only), and a token
     * checked before (remembered: what every request but a client's first costs).
     */
    private void checkCost(BenchIssuer issuer) throws Exception {
        Authenticator check = Authenticator.of(new AuthSettings(true, List.of(new AuthSettings.Issuer(
                AuthSettings.DEFAULT_ISSUER, URI.create(issuer.issuer()), BenchIssuer.AUDIENCE)),
                Duration.ofSeconds(30), "rta.write", "rta.internal"));
        String first = issuer.bearer(Duration.ofHours(1));
        long start = System.nanoTime();
        check.authenticate(first);
        long firstNanos = System.nanoTime() - start;
        int fresh = 200;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < fresh; i++) {
            tokens.add(issuer.bearer(Duration.ofHours(1).plusSeconds(i)));
        }
        start = System.nanoTime();
        for (String token : tokens) {
            check.authenticate(token);
        }
        long freshNanos = (System.nanoTime() - start) / fresh;
        int remembered = 1_000_000;
        start = System.nanoTime();
        for (int i = 0; i < remembered; i++) {
            check.authenticate(first);
        }
        long rememberedNanos = (System.nanoTime() - start) / remembered;
        report.row("token check, first token (discovery, keys, RS256)", firstNanos / 1e6, "ms", null)
                .row("token check, a new token (RS256 signature, claims)", freshNanos / 1e3, "us", null)
                .row("token check, a remembered token", rememberedNanos / 1e3, "us", null);
    }

    /** The sessions and the telemetry, written once (auth off) for every phase to read. */
    private boolean load(BenchTarget target, BenchData data, int sessions, int concurrency, GatewayBench.Plan plan,
                         List<String> dataIdentities) throws InterruptedException {
        SessionIngest ingest = new SessionIngest(target.channels(SessionIngest.connections(concurrency)), data,
                concurrency, progress);
        steps.phase(String.format(Locale.ROOT, "loading %,d sessions and %,d samples (untimed set-up) ...", sessions,
                plan.samplesPerChannel() * plan.channels() * plan.streams()));
        return report.attempt("load", () -> {
            ingest.awaitWritable(WRITABLE_TIMEOUT);
            ingest.createFolders();
            ingest.load(ingest.prepare(0, sessions));
            new DataWriteLoad(target.channel(), plan.flushBytes(), progress)
                    .write("write periodic uint16", dataIdentities, plan.sequences(), WRITE_TIMEOUT);
        });
    }

    /** One phase: the queries' p99s and the read's samples/s, each into {@link #figures}. */
    private boolean measure(String phase, BenchTarget target, String bearer, BenchData data, int warmup, int queries,
                            GatewayBench.Plan plan, List<String> readPaths) throws InterruptedException {
        boolean auth = bearer != null;
        if (auth && !report.attempt(phase + ": refuses a request without a token", () -> requireRefused(target))) {
            return false;
        }
        steps.phase(phase + ": waiting for the server to settle ...");
        Machine.awaitQuiet(SETTLED_CORES, SETTLE_MAX);
        SessionQueries rest = new SessionQueries(target.httpUrl(), bearer);
        for (SessionQueries.Scenario scenario : rest.scenarios(data)) {
            steps.phase(phase + ": timing " + scenario.name() + " ...");
            Latencies latencies = report.attemptResult(phase + ": " + scenario.name(),
                    () -> rest.measure(scenario, warmup, queries));
            if (latencies == null) {
                return false;
            }
            record(scenario.name() + " p99", auth, latencies.percentileMillis(99));
        }
        DataReadLoad reader = new DataReadLoad(target.httpUrl(), bearer);
        DataReadLoad.Expected expected = plan.expected(GatewayBench.Way.DIRECT);
        steps.phase(phase + ": reading the telemetry, one checked pass then " + plan.passes() + " timed ...");
        DataReadLoad.Result read = report.attemptResult(phase + ": " + READ, () -> {
            reader.readPeriodic(readPaths, expected, DataReadLoad.Depth.SAMPLES);
            DataReadLoad.Result total = null;
            for (int pass = 0; pass < plan.passes(); pass++) {
                DataReadLoad.Result result = reader.readPeriodic(readPaths, expected, DataReadLoad.Depth.HEADERS);
                total = total == null ? result : total.plus(result);
            }
            return total;
        });
        if (read == null) {
            return false;
        }
        record(READ, auth, read.samplesPerSecond());
        return true;
    }

    /** With auth on, a request without a token must be refused: otherwise the phase would time an open server. */
    private static void requireRefused(BenchTarget target) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(target.httpUrl() + "/rta/v2/sessions")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 401) {
            throw new IllegalStateException("the server with EnableAuth answered a request without a token with "
                    + answer.statusCode() + ", not 401");
        }
    }

    private void record(String figure, boolean auth, double value) {
        if (!recording) {
            return;
        }
        figures.computeIfAbsent(figure, f -> new LinkedHashMap<>()).computeIfAbsent(auth, a -> new ArrayList<>())
                .add(value);
    }

    /** Per figure: the medians with auth off and on, each round's values, and on / off against the target. */
    private void summarize() {
        figures.forEach((figure, byMode) -> {
            List<Double> off = byMode.getOrDefault(false, List.of());
            List<Double> on = byMode.getOrDefault(true, List.of());
            if (off.isEmpty() || on.isEmpty()) {
                return;
            }
            boolean read = figure.equals(READ);
            String unit = read ? "samples/s" : "ms";
            double offMedian = median(off);
            double onMedian = median(on);
            report.row(figure + ", auth off", read ? Math.rint(offMedian) : offMedian, unit, null)
                    .row(figure + ", auth on", read ? Math.rint(onMedian) : onMedian, unit, null)
                    .row(figure + ", auth on / off", onMedian / offMedian, "x auth off",
                            read ? READ_RATIO_TARGET : P99_RATIO_TARGET)
                    .fact(figure + " by round", "off " + format(off, read) + "; on " + format(on, read));
        });
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values, boolean read) {
        return String.join(", ", values.stream().map(value -> read
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value)).toList());
    }
}
