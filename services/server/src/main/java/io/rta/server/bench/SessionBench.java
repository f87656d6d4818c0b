package io.rta.server.bench;

import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.server.ServerOptions;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench sessions}: loads sessions through gRPC, then times the REST queries ATLAS makes while browsing
 * them, and prints each figure against its target. It measures; it does not assert: a missed target is a result
 * (MISS), and so is a failure of the server under test (a failed write, a wrong answer): a FAILED row with the
 * error, the run's other figures still printed, and a non-zero exit code.
 */
public final class SessionBench {

    /** Issue 12: a warm server acknowledges at least 10,000 sessions/s, a cold one (the warm-up) 5,000/s. */
    static final BenchReport.Target INGEST_TARGET = BenchReport.Target.atLeast(10_000, "sessions/s");
    static final BenchReport.Target COLD_INGEST_TARGET = BenchReport.Target.atLeast(5_000, "sessions/s");

    private static final Duration WRITABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SessionBench.class);

    private final Progress steps;
    /** For the load generators' own status lines. */
    private final PrintStream progress;

    private SessionBench(Progress steps) {
        this.steps = steps;
        this.progress = steps.statusStream();
    }

    /**
     * Runs the benchmark with {@code args} (see {@link BenchOptions}), prints the report to {@code out} and progress
     * to {@code progress}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when a step failed
     * @throws IllegalArgumentException for bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = BenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench sessions", options);
        BenchOutput output = BenchOutput.of(options);
        BenchReport report = new SessionBench(Progress.to(progress)).run(options);
        return output.publish(report, out, progress);
    }

    private BenchReport run(Options options) throws Exception {
        int sessions = BenchOptions.atLeast(options, BenchOptions.SESSIONS, 1);
        int warmupSessions = BenchOptions.atLeast(options, BenchOptions.WARMUP_SESSIONS, 0);
        int details = BenchOptions.atLeast(options, BenchOptions.DETAILS, 1);
        int folders = BenchOptions.atLeast(options, BenchOptions.FOLDERS, 1);
        int concurrency = BenchOptions.atLeast(options, BenchOptions.CONCURRENCY, 1);
        int queries = BenchOptions.atLeast(options, BenchOptions.QUERIES, 1);
        int warmup = BenchOptions.atLeast(options, BenchOptions.WARMUP, 0);
        BenchData data = new BenchData(UUID.randomUUID().toString().substring(0, 6), details, folders);

        BenchReport report = Machine.describe(new BenchReport("bench sessions")).options(options);
        steps.phase(options.getString(BenchOptions.HTTP_URL).isBlank()
                ? "starting an embedded server ..." : "connecting to " + options.getString(BenchOptions.HTTP_URL));
        BenchTarget opened = report.attemptResult("server start", () -> BenchTarget.open(options));
        if (opened == null) {
            return report;
        }
        try (BenchTarget target = opened) {
            targetFacts(report, target, options)
                    .fact("data", String.format(Locale.ROOT, "%,d sessions x %d details in %d folders, "
                            + "%d writes in flight over %d gRPC connections; before them %,d written and deleted "
                            + "untimed (warm-up)", sessions, details, folders, concurrency,
                            SessionIngest.connections(concurrency), warmupSessions))
                    .fact("queries", String.format(Locale.ROOT, "%d measured per scenario after %d warm-up, "
                            + "sequential, HTTP/1.1 keep-alive", queries, warmup))
                    .fact("load before", Machine.loadAverage());
            if (ingest(report, target, data, sessions, warmupSessions, concurrency)) {
                query(report, target, data, warmup, queries);
            } else {
                report.fact("queries", "not run: the sessions were not loaded");
            }
            report.fact("load after", Machine.loadAverage());
        }
        steps.done();
        return report;
    }

    /**
     * Loads the timed sessions after a warm-up: as many other sessions written and deleted again, so the figure is
     * that of a server whose code is compiled (just-in-time compilation of broker, Streams, gRPC and server code
     * takes about a core for the first minute of load) and whose views hold only the timed sessions afterwards. The
     * warm-up's own rate is reported too, as the cold-server figure. A failed warm-up is reported and the timed load
     * runs all the same. CPU figures exclude building the requests (done before each load starts). With an embedded
     * server, the heap used after a full collection is measured before and after the timed load: what the loaded
     * sessions cost the server in memory.
     *
     * @return whether the timed sessions were loaded
     */
    private boolean ingest(BenchReport report, BenchTarget target, BenchData data, int sessions, int warmupSessions,
                           int concurrency) throws InterruptedException {
        SessionIngest ingest = new SessionIngest(target.channels(SessionIngest.connections(concurrency)), data,
                concurrency, progress);
        steps.phase("waiting for the server to accept writes ...");
        if (!report.attempt("server accepts writes", () -> {
            ingest.awaitWritable(WRITABLE_TIMEOUT);
            ingest.createFolders();
        })) {
            return false;
        }
        if (warmupSessions > 0) {
            steps.phase(String.format(Locale.ROOT, "warming up: %,d sessions written and then deleted (untimed) ...",
                    warmupSessions));
            report.attempt("warm-up ingest (cold server)", () -> {
                SessionIngest.Result warm = ingest.load(ingest.prepare(sessions, warmupSessions));
                ingest.delete(sessions, warmupSessions);
                report.row("warm-up ingest (cold server)", Math.rint(warm.sessionsPerSecond()), "sessions/s",
                        COLD_INGEST_TARGET);
                cpuFact(report, "warm-up ingest cpu", target, warm.cpuNanos(), warmupSessions);
            });
            // the warm-up's deletes leave compactions (store, changelog and topic tombstones) that are not the load's
            settle(report, target, "settled after the warm-up", "the timed load");
        }
        steps.phase(String.format(Locale.ROOT, "loading %,d sessions through gRPC at %s ...", sessions,
                target.grpcAddress()));
        CreateOrUpdateSessionRequest[] requests = ingest.prepare(0, sessions);
        long heapBefore = target.isEmbedded() ? usedHeapAfterGc() : -1;
        SessionIngest.Result result = report.attemptResult("ingest", () -> ingest.load(requests));
        if (result == null) {
            return false;
        }
        report.row("ingest", Math.rint(result.sessionsPerSecond()), "sessions/s", INGEST_TARGET)
                .row("ingest, second half", Math.rint(result.secondHalfSessionsPerSecond()), "sessions/s", null)
                .row("write acknowledged p50", result.writeLatencies().percentileMillis(50), "ms", null)
                .row("write acknowledged p99", result.writeLatencies().percentileMillis(99), "ms", null)
                .row("write acknowledged p999", result.writeLatencies().percentileMillis(99.9), "ms", null)
                .row("write acknowledged max", result.writeLatencies().maxMillis(), "ms", null);
        report.fact("ingest time", String.format(Locale.ROOT, "%.1f s", result.elapsedNanos() / 1e9));
        cpuFact(report, "ingest cpu", target, result.cpuNanos(), sessions);
        if (result.cpuNanos() >= 0) {
            report.row("ingest cpu per session", Math.rint(result.cpuNanos() / 1e3 / sessions), "us", null)
                    .row("ingest cpu per session, second half",
                            Math.rint(result.secondHalfCpuNanos() / 1e3 / (sessions - sessions / 2)), "us", null);
        }
        if (heapBefore >= 0) {
            long heapAfter = usedHeapAfterGc();
            report.row("heap used after GC, sessions loaded", Math.rint(heapAfter / (1024.0 * 1024)), "MiB", null)
                    .row("heap per session", Math.rint((heapAfter - heapBefore) / (double) sessions), "bytes",
                            null);
        }
        return true;
    }

    private static void cpuFact(BenchReport report, String name, BenchTarget target, long cpuNanos, int sessions) {
        if (cpuNanos >= 0) {
            report.fact(name, String.format(Locale.ROOT, "%.1f s of this process (%s), %.0f us per session",
                    cpuNanos / 1e9, target.isEmbedded() ? "client and server" : "client only",
                    cpuNanos / 1e3 / sessions));
        }
    }

    /**
     * The heap in use after a full collection (twice, so objects freed by finalization-like cleanups go too). The
     * bench client's own share is small: its requests are built and dropped per load.
     */
    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void query(BenchReport report, BenchTarget target, BenchData data, int warmup, int queries)
            throws Exception {
        // the queries time a server at rest, not one still compacting and compiling after the load
        settle(report, target, "settled", "the queries");
        SessionQueries rest = new SessionQueries(target.httpUrl());
        for (SessionQueries.Scenario scenario : rest.scenarios(data)) {
            steps.phase("timing " + scenario.name() + " (" + scenario.request().method() + " "
                    + scenario.request().uri() + ") ...");
            report.attempt(scenario.name(), () -> report.latencies(scenario.name(),
                    rest.measure(scenario, warmup, queries), scenario.p99Target()));
        }
    }

    /** With an embedded server: waits until it is at rest, and says how long that took. */
    private void settle(BenchReport report, BenchTarget target, String fact, String next)
            throws InterruptedException {
        if (target.isEmbedded()) {
            Machine.settle(report, steps, fact, next, SETTLE_MAX);
        }
    }

    private static BenchReport targetFacts(BenchReport report, BenchTarget target, Options options) {
        if (!target.isEmbedded()) {
            return report.fact("server", "running server at " + target.httpUrl() + ", gRPC " + target.grpcAddress());
        }
        return report.fact("server", String.format(Locale.ROOT, "embedded all-in-one in this JVM (broker, "
                        + "registry child process, streams, views, HTTP, gRPC): %s=%s %s=%s %s=%s",
                ServerOptions.COMMIT_INTERVAL.name(), options.getString(ServerOptions.COMMIT_INTERVAL),
                ServerOptions.STREAM_THREADS.name(), options.getString(ServerOptions.STREAM_THREADS),
                RtaOptions.PARTITIONS.name(), options.getString(RtaOptions.PARTITIONS)));
    }
}
