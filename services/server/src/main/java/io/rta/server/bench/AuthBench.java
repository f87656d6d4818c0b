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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench auth}: what bearer-token auth costs the reads ATLAS makes. Two embedded all-in-one servers run
 * side by side in this JVM, loaded with the same sessions (through gRPC) and periodic telemetry: one with auth off,
 * one with {@code EnableAuth} against an OpenID Connect issuer in this JVM ({@link BenchIssuer}), every request to it
 * carrying the same token (verified once, then remembered until it expires). The session queries of
 * {@code bench sessions} and the data reads of {@code bench gateway}'s direct route are timed on both **interleaved**
 * (a batch on one, a batch on the other, in alternating order), so whatever the machine does meanwhile weighs on both:
 * timing the two in separate phases, on a shared 2-core machine, varied a same-mode p99 by 2-8 times from phase to
 * phase, far more than the 5% to be resolved. The server with auth on first must refuse a request without the token
 * (401), so an open server is never timed by mistake. The token check itself is also timed on an
 * {@link Authenticator} in this JVM.
 */
public final class AuthBench {

    /** Issue 14: with auth on, query p99 and data read throughput within 5% of auth off. */
    static final BenchReport.Target P99_RATIO_TARGET = BenchReport.Target.atMost(1.05, "x auth off");
    static final BenchReport.Target READ_RATIO_TARGET = BenchReport.Target.atLeast(0.95, "x auth off");
    /** Requests per turn: one server answers this many, then the other. */
    static final int BATCH = 10;
    /**
     * Blocks a query's requests are cut into, in order, for a second reading of the same requests: each block's p99
     * compared between the servers, and the median of those ratios (one block hit by a burst of the machine's other
     * work counts once). Shown next to the whole run's p99 ratio, which the target is read on.
     */
    static final int BLOCKS = 20;

    private static final Duration WRITABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration SETTLE_MAX = Duration.ofSeconds(60);
    private static final String READ = "data read, headers only";
    private static final Logger LOG = LoggerFactory.getLogger(AuthBench.class);

    private final Progress steps;
    private final PrintStream progress;
    private final BenchReport report = Machine.describe(new BenchReport("bench auth"));

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

    /** One of the two servers, with what its requests carry. */
    private record Side(String name, BenchTarget target, String bearer) {
    }

    private void run(Options options) throws Exception {
        int sessions = BenchOptions.atLeast(options, BenchOptions.SESSIONS, 1);
        int concurrency = BenchOptions.atLeast(options, BenchOptions.CONCURRENCY, 1);
        int queries = BenchOptions.atLeast(options, AuthBenchOptions.QUERIES, 1);
        int warmup = BenchOptions.atLeast(options, AuthBenchOptions.WARMUP, 0);
        int details = BenchOptions.atLeast(options, BenchOptions.DETAILS, 1);
        int folders = BenchOptions.atLeast(options, BenchOptions.FOLDERS, 1);
        GatewayBench.Plan plan = GatewayBench.Plan.of(options, AuthBenchOptions.SAMPLES, AuthBenchOptions.PASSES);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        BenchData data = new BenchData(runId, details, folders);
        List<String> dataIdentities = new ArrayList<>();
        for (int s = 0; s < plan.streams(); s++) {
            dataIdentities.add("bench-" + runId + "-data-" + s);
        }
        List<String> readPaths = dataIdentities.stream().map(identity -> "/rta/v2/data/" + identity + "/periodic/"
                + plan.channelsExpression(GatewayBench.Way.DIRECT)).toList();
        report.options(options).fact("servers", "two embedded all-in-one servers in this JVM, each with its own "
                        + "broker and registry, loaded with the same data and restarted (one with auth on; with --Swap, "
                        + "timed again after both are restarted with the roles swapped); timed side "
                        + "by side, interleaved in turns of " + BATCH + " requests (or one read pass), the order alternating every turn")
                .fact("auth on", "EnableAuth with Auth:Authority = an OpenID Connect issuer in this JVM (discovery + "
                        + "JWKS, RS256), Auth:Audience " + BenchIssuer.AUDIENCE + "; one token for every request, "
                        + "so the server verifies it once and remembers it until it expires")
                .fact("data", String.format(Locale.ROOT, "%,d sessions x %d details in %d folders; %d data "
                                + "identities x %d channels x %,d periodic uint16 samples at 1 kHz; on each server",
                        sessions, details, folders, plan.streams(), plan.channels(), plan.samplesPerChannel()))
                .fact("queries", String.format(Locale.ROOT, "%,d measured requests per query and server after %d "
                        + "warm-up, sequential, HTTP/1.1 keep-alive; %d timed read passes per server after one "
                        + "checked pass", queries, warmup, plan.passes()))
                .fact("load before", Machine.loadAverage());
        Path offData = Files.createTempDirectory("rta-bench-auth-off-");
        Path onData = Files.createTempDirectory("rta-bench-auth-on-");
        BenchTarget.Ports onPorts = BenchTarget.Ports.free();
        BenchTarget off = null;
        BenchTarget on = null;
        try (BenchIssuer issuer = BenchIssuer.start()) {
            checkCost(issuer);
            boolean control = options.getBoolean(AuthBenchOptions.CONTROL);
            if (control) {
                report.fact("control run", "the server named 'auth on' runs with auth off; its requests carry the "
                        + "same token (which it ignores), so 'auth on / off' shows what the set-up and the header's "
                        + "bytes alone differ by: the rest of a real run's difference is the server's auth work");
            }
            String bearer = issuer.bearer(Duration.ofHours(12));
            Map<OptionDef, String> authOn = control ? Map.of() : Map.of(AuthSettings.ENABLE_AUTH, "true",
                    AuthSettings.AUTHORITY, issuer.issuer(), AuthSettings.AUDIENCE, BenchIssuer.AUDIENCE);
            // both are loaded with auth off (the load's clients carry no token) and restarted, one with auth on: the
            // two then serve alike from stores reopened from disk (an unrestarted one read 14% faster from its caches)
            BenchTarget.Ports offPorts = BenchTarget.Ports.free();
            for (String name : new String[] {"auth off", "auth on"}) {
                Path dataPath = name.equals("auth off") ? offData : onData;
                BenchTarget.Ports ports = name.equals("auth off") ? offPorts : onPorts;
                steps.phase(name + ": starting a server and loading it ...");
                BenchTarget loading = report.attemptResult("server start, " + name, () -> BenchTarget.restartable(
                        options, dataPath, ports, Map.of()));
                if (loading == null) {
                    return;
                }
                try (loading) {
                    if (!load(loading, name, data, sessions, concurrency, plan, dataIdentities)) {
                        return;
                    }
                }
            }
            // With --Swap the pair is timed twice, auth moved from one server to the other in between, so each role
            // is measured on both servers and a difference between the two servers themselves cancels out.
            int phases = options.getBoolean(AuthBenchOptions.SWAP) ? 2 : 1;
            Path[] paths = {offData, onData};
            BenchTarget.Ports[] ports = {offPorts, onPorts};
            Timed timed = new Timed();
            for (int phase = 0; phase < phases; phase++) {
                int offIndex = phase;
                int onIndex = 1 - phase;
                if (phase > 0) {
                    steps.phase("swapping the roles: restarting both servers, auth now on the other one ...");
                    off.close();
                    off = null;
                    on.close();
                    on = null;
                }
                String[] server = {"server A", "server B"};
                String offName = phases == 1 ? "auth off" : "auth off (" + server[offIndex] + ")";
                String onName = phases == 1 ? "auth on" : "auth on (" + server[onIndex] + ")";
                // the start order swapped too (in the first phase auth off starts first, in the second auth on): a
                // server started second could otherwise be the slower one in both phases
                if (phase == 0) {
                    off = report.attemptResult("server start, " + offName, () -> BenchTarget.restartable(options,
                            paths[offIndex], ports[offIndex], Map.of()));
                }
                on = off == null && phase == 0 ? null : report.attemptResult("server start, " + onName,
                        () -> BenchTarget.restartable(options, paths[onIndex], ports[onIndex], authOn));
                if (phase > 0 && on != null) {
                    off = report.attemptResult("server start, " + offName, () -> BenchTarget.restartable(options,
                            paths[offIndex], ports[offIndex], Map.of()));
                }
                if (off == null) {
                    return;
                }
                BenchTarget secured = on;
                if (secured == null || (!control && !report.attempt(onName + ": refuses a request without a token",
                        () -> requireRefused(secured)))) {
                    return;
                }
                Machine.settle(report, steps, phases == 1 ? "settled" : "settled, phase " + (phase + 1),
                        "the timed requests (both servers)", SETTLE_MAX);
                Side[] sides = {new Side("auth off", off, null), new Side("auth on", on, bearer)};
                if (!queries(sides, data, warmup, Math.max(1, queries / phases), timed)
                        || !reads(sides, plan, readPaths, Math.max(1, plan.passes() / phases), timed)) {
                    return;
                }
            }
            report(timed, phases);
            report.fact("issuer key fetches", issuer.keyFetches() + " (the server with auth on caches the keys)");
        } finally {
            steps.done();
            for (BenchTarget target : new BenchTarget[] {off, on}) {
                if (target != null) {
                    target.close();
                }
            }
            BenchTarget.deleteRecursively(offData);
            BenchTarget.deleteRecursively(onData);
        }
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
        // as a request brings it: a new String each time (its hash not yet computed), less making that String
        byte[] header = first.getBytes(StandardCharsets.ISO_8859_1);
        long sink = 0;
        start = System.nanoTime();
        for (int i = 0; i < remembered; i++) {
            sink += new String(header, StandardCharsets.ISO_8859_1).length();
        }
        long copyNanos = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < remembered; i++) {
            sink += check.authenticate(new String(header, StandardCharsets.ISO_8859_1)).scopes().size();
        }
        long requestNanos = Math.max(0, System.nanoTime() - start - copyNanos) / remembered;
        LOG.debug("checksum {}", sink);
        report.row("token check, first token (discovery, keys, RS256)", firstNanos / 1e6, "ms", null)
                .row("token check, a new token (RS256 signature, claims)", freshNanos / 1e3, "us", null)
                .row("token check, a remembered token", rememberedNanos / 1e3, "us", null)
                .row("token check, a remembered token in a new header String", requestNanos / 1e3, "us", null);
    }

    /** The sessions and the telemetry, written to one server with auth off. */
    private boolean load(BenchTarget target, String name, BenchData data, int sessions, int concurrency,
                         GatewayBench.Plan plan, List<String> dataIdentities) throws InterruptedException {
        SessionIngest ingest = new SessionIngest(target.channels(SessionIngest.connections(concurrency)), data,
                concurrency, progress);
        steps.phase(String.format(Locale.ROOT, "%s: loading %,d sessions and %,d samples (untimed set-up) ...", name,
                sessions, plan.samplesPerChannel() * plan.channels() * plan.streams()));
        return report.attempt("load, " + name, () -> {
            ingest.awaitWritable(WRITABLE_TIMEOUT);
            ingest.createFolders();
            ingest.load(ingest.prepare(0, sessions));
            new DataWriteLoad(target.channel(), plan.flushBytes(), progress)
                    .write("write periodic uint16", dataIdentities, plan.sequences(), WRITE_TIMEOUT);
        });
    }

    /** What the timed phases measured, per role (0 auth off, 1 auth on), summed over the phases. */
    private static final class Timed {
        /** Per query scenario, in order: [role][block], the last block holding the whole run. */
        final Map<String, Latencies[][]> queries = new java.util.LinkedHashMap<>();
        final List<List<Double>> passMillis = List.of(new ArrayList<>(), new ArrayList<>());
        final DataReadLoad.Result[] reads = new DataReadLoad.Result[2];
    }

    /**
     * Every query scenario on both servers, interleaved, added to {@code timed}: each role's requests in
     * {@link #BLOCKS} blocks and in all.
     *
     * @return false when a scenario failed (its row says why)
     */
    private boolean queries(Side[] sides, BenchData data, int warmup, int queries, Timed timed)
            throws InterruptedException {
        SessionQueries[] rest = new SessionQueries[sides.length];
        List<List<SessionQueries.Scenario>> scenarios = new ArrayList<>();
        for (int s = 0; s < sides.length; s++) {
            rest[s] = new SessionQueries(sides[s].target().httpUrl(), sides[s].bearer());
            scenarios.add(rest[s].scenarios(data));
        }
        for (int k = 0; k < scenarios.get(0).size(); k++) {
            String name = scenarios.get(0).get(k).name();
            steps.phase("timing " + name + " on both servers, interleaved ...");
            int scenario = k;
            Latencies[][] latencies = timed.queries.computeIfAbsent(name, key -> {
                Latencies[][] result = new Latencies[sides.length][BLOCKS + 1];
                for (Latencies[] side : result) {
                    for (int b = 0; b <= BLOCKS; b++) {
                        side[b] = new Latencies();
                    }
                }
                return result;
            });
            boolean measured = report.attempt(name, () -> {
                for (int s = 0; s < sides.length; s++) {
                    for (int i = 0; i < warmup; i++) {
                        rest[s].send(scenarios.get(s).get(scenario));
                    }
                }
                for (int done = 0, turn = 0; done < queries; done += BATCH, turn++) {
                    int block = (int) ((long) done * BLOCKS / queries);
                    for (int t = 0; t < sides.length; t++) {
                        int s = (t + turn) % sides.length;
                        for (int i = 0; i < Math.min(BATCH, queries - done); i++) {
                            long nanos = rest[s].send(scenarios.get(s).get(scenario));
                            latencies[s][block].record(nanos);
                            latencies[s][BLOCKS].record(nanos);
                        }
                    }
                }
            });
            if (!measured) {
                return false;
            }
        }
        return true;
    }

    /** The rows of what the phases measured: per scenario each role's p99 and their ratio; the read's rates. */
    private void report(Timed timed, int phases) {
        if (phases > 1) {
            report.fact("roles swapped", "each figure sums two phases: server A with auth off and B with auth on (A "
                    + "started first), then both restarted with the roles and the start order swapped (B off, A on, "
                    + "A started first); each phase took half the requests and passes");
        }
        timed.queries.forEach((name, latencies) -> {
            Latencies off = latencies[0][BLOCKS];
            Latencies on = latencies[1][BLOCKS];
            List<Double> blockRatios = new ArrayList<>();
            for (int b = 0; b < BLOCKS; b++) {
                if (latencies[0][b].count() > 0 && latencies[1][b].count() > 0) {
                    blockRatios.add(latencies[1][b].percentileMillis(99) / latencies[0][b].percentileMillis(99));
                }
            }
            report.row(name + " p99, auth off", off.percentileMillis(99), "ms", null)
                    .row(name + " p99, auth on", on.percentileMillis(99), "ms", null)
                    .row(name + " p99, auth on / off", on.percentileMillis(99) / off.percentileMillis(99),
                            "x auth off", P99_RATIO_TARGET)
                    .row(name + " p99, auth on / off (median of " + blockRatios.size() + " blocks)",
                            RoundTimes.median(blockRatios), "x auth off", null)
                    .fact(name + " p99 ratio per block", RoundTimes.describe(blockRatios))
                    .fact(name + " p50", String.format(Locale.ROOT, "auth off %.3f ms, auth on %.3f ms",
                            off.percentileMillis(50), on.percentileMillis(50)));
        });
        if (timed.reads[0] == null || timed.reads[1] == null) {
            return;
        }
        String[] roles = {"auth off", "auth on"};
        for (int s = 0; s < roles.length; s++) {
            report.fact(READ + " passes, " + roles[s], passes(timed.passMillis.get(s)));
        }
        double offRate = timed.reads[0].samplesPerSecond();
        double onRate = timed.reads[1].samplesPerSecond();
        report.row(READ + ", auth off", Math.rint(offRate), "samples/s", null)
                .row(READ + ", auth on", Math.rint(onRate), "samples/s", null)
                .row(READ + ", auth on / off", onRate / offRate, "x auth off", READ_RATIO_TARGET);
    }

    /**
     * The telemetry read from both servers, added to {@code timed}: a checked pass each, then {@code passes} timed
     * passes each in alternating order.
     *
     * @return false when the read failed (its row says why)
     */
    private boolean reads(Side[] sides, GatewayBench.Plan plan, List<String> readPaths, int passes, Timed timed)
            throws InterruptedException {
        steps.phase("reading the telemetry from both servers: a checked pass each, then " + passes
                + " timed passes each, interleaved ...");
        DataReadLoad.Expected expected = plan.expected(GatewayBench.Way.DIRECT);
        return report.attempt(READ, () -> {
            DataReadLoad[] readers = new DataReadLoad[sides.length];
            for (int s = 0; s < sides.length; s++) {
                readers[s] = new DataReadLoad(sides[s].target().httpUrl(), sides[s].bearer());
                readers[s].readPeriodic(readPaths, expected, DataReadLoad.Depth.SAMPLES);
            }
            for (int pass = 0; pass < passes; pass++) {
                for (int t = 0; t < sides.length; t++) {
                    int s = (t + pass) % sides.length;
                    DataReadLoad.Result read = readers[s].readPeriodic(readPaths, expected,
                            DataReadLoad.Depth.HEADERS);
                    timed.passMillis.get(s).add(read.elapsedNanos() / 1e6);
                    timed.reads[s] = timed.reads[s] == null ? read : timed.reads[s].plus(read);
                }
            }
        });
    }

    /** Pass times, fastest first, and their median: a uniform slowdown and a few slow passes read differently. */
    static String passes(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "median %.1f ms; ms:",
                sorted.get(sorted.size() / 2)));
        for (double ms : sorted) {
            out.append(String.format(Locale.ROOT, " %.1f", ms));
        }
        return out.toString();
    }

    /** With auth on, a request without a token must be refused: otherwise an open server would be timed. */
    private static void requireRefused(BenchTarget target) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(target.httpUrl() + "/rta/v2/sessions")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 401) {
            throw new IllegalStateException("the server with EnableAuth answered a request without a token with "
                    + answer.statusCode() + ", not 401");
        }
    }
}
