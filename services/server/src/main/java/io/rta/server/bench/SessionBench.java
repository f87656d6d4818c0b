package io.rta.server.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.server.ServerOptions;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
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
    private static final String MAX_HEAP_FREE_RATIO = "MaxHeapFreeRatio";
    /**
     * The warm-up ends after a round in which the just-in-time compilers used less than this share of a core (an
     * embedded server, where it can be measured). One round of 100,000 sessions left them at 0.2-0.3 of a core during
     * the timed load (a quarter of the process's CPU); the rounds after it take it down to a few hundredths.
     */
    private static final double WARM_COMPILING_CORES = 0.1;
    /** How long each warm-up round of the queries sends them ({@link #warmUpQueries}). */
    private static final Duration QUERY_WARMUP_ROUND = Duration.ofSeconds(2);

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
        int warmupRounds = BenchOptions.atLeast(options, BenchOptions.WARMUP_ROUNDS, 1);
        if ((long) sessions + (long) warmupSessions * warmupRounds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Sessions (%d) + WarmupSessions (%d) x "
                    + "WarmupRounds (%d) must stay below 2^31: every session has a number of its own", sessions,
                    warmupSessions, warmupRounds));
        }
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
                            + "%d writes in flight over %d gRPC connections; before them up to %d round(s) of %,d "
                            + "written and deleted untimed (warm-up)", sessions, details, folders, concurrency,
                            SessionIngest.connections(concurrency), warmupSessions > 0 ? warmupRounds : 0,
                            warmupSessions))
                    .fact("queries", String.format(Locale.ROOT, "%d measured per scenario after %d warm-up, "
                            + "sequential, HTTP/1.1 keep-alive; before them up to %d round(s) of %d s of every "
                            + "scenario in turn (warm-up)", queries, warmup, warmupRounds,
                            QUERY_WARMUP_ROUND.toSeconds()))
                    .fact("load before", Machine.loadAverage());
            if (ingest(report, target, data, sessions, new Warmup(warmupSessions, warmupRounds), concurrency)) {
                query(report, target, data, warmupRounds, warmup, queries);
            } else {
                report.fact("queries", "not run: the sessions were not loaded");
            }
            report.fact("load after", Machine.loadAverage());
        }
        steps.done();
        return report;
    }

    /** Warm-up rounds of {@code sessions} each: written, then deleted again. */
    private record Warmup(int sessions, int rounds) {
    }

    /**
     * Loads the timed sessions after a warm-up: rounds of other sessions written and deleted again, so the figure is
     * that of a server whose code is compiled and whose views hold only the timed sessions afterwards. Just-in-time
     * compilation of broker, Kafka Streams, gRPC and server code keeps the compiler busy well past the first round
     * (measured: a quarter of the process's CPU during a load timed after one round of 100,000 sessions), which a
     * long-running server has long finished; each round's compiler CPU is reported, and the rounds end once it is
     * small ({@link #WARM_COMPILING_CORES}). Growing the heap is a start-up cost of the same kind, so the collections
     * that measure it must not shrink it ({@link #usedHeapAfterGc()}). The first round's rate is
     * reported as the cold-server figure. A failed warm-up is reported and the timed load runs all the same. CPU
     * figures exclude building the requests (done before each load starts). With an embedded server, the heap used
     * after a full collection is measured before and after the timed load: what the loaded sessions cost the server
     * in memory.
     *
     * @return whether the timed sessions were loaded
     */
    private boolean ingest(BenchReport report, BenchTarget target, BenchData data, int sessions, Warmup warmup,
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
        if (warmup.sessions() > 0) {
            for (int round = 1; round <= warmup.rounds(); round++) {
                double compilingCores = warmupRound(report, target, ingest, sessions + (round - 1) * warmup.sessions(),
                        warmup, round);
                if (round > 1 && compilingCores >= 0 && compilingCores < WARM_COMPILING_CORES) {
                    break;
                }
            }
            // the warm-up's deletes leave compactions (store, changelog and topic tombstones) that are not the load's
            settle(report, target, "settled after the warm-up", "the timed load");
        }
        steps.phase(String.format(Locale.ROOT, "loading %,d sessions through gRPC at %s ...", sessions,
                target.grpcAddress()));
        CreateOrUpdateSessionRequest[] requests = ingest.prepare(0, sessions);
        long heapBefore = target.isEmbedded() ? usedHeapAfterGc() : -1;
        long compilingBefore = Machine.compilerCpuNanos();
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
        compilingFact(report, "ingest jit", target, compilingBefore, result.elapsedNanos());
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

    /**
     * One warm-up round: {@code warmup.sessions()} sessions from {@code first} on, written and deleted again.
     *
     * @return the share of a core the just-in-time compilers used during its load; -1 when not known (a remote
     *         server, a platform that does not tell, a failed round)
     */
    private double warmupRound(BenchReport report, BenchTarget target, SessionIngest ingest, int first, Warmup warmup,
                               int round) throws InterruptedException {
        steps.phase(String.format(Locale.ROOT, "warming up, round %d of %d: %,d sessions written and then deleted "
                + "(untimed) ...", round, warmup.rounds(), warmup.sessions()));
        String name = round == 1 ? "warm-up ingest (cold server)" : "warm-up round " + round;
        double[] compilingCores = {-1};
        report.attempt(name, () -> {
            long compilingBefore = Machine.compilerCpuNanos();
            SessionIngest.Result warm = ingest.load(ingest.prepare(first, warmup.sessions()));
            ingest.delete(first, warmup.sessions());
            if (round == 1) {
                report.row(name, Math.rint(warm.sessionsPerSecond()), "sessions/s", COLD_INGEST_TARGET);
                cpuFact(report, "warm-up ingest cpu", target, warm.cpuNanos(), warmup.sessions());
            } else {
                report.fact(name, String.format(Locale.ROOT, "%,.0f sessions/s", warm.sessionsPerSecond()));
            }
            compilingCores[0] = compilingFact(report, "warm-up round " + round + " jit", target, compilingBefore,
                    warm.elapsedNanos());
        });
        return compilingCores[0];
    }

    /**
     * With an embedded server (same JVM): the CPU the just-in-time compilers used during a load of
     * {@code elapsedNanos}, which tells how far from compiled the server still is.
     *
     * @return that CPU as a share of a core; -1 when not known
     */
    private static double compilingFact(BenchReport report, String name, BenchTarget target, long compilingBefore,
                                        long elapsedNanos) {
        long compiling = Machine.compilerCpuNanos();
        if (!target.isEmbedded() || compilingBefore < 0 || compiling < 0 || elapsedNanos <= 0) {
            return -1;
        }
        double seconds = (compiling - compilingBefore) / 1e9;
        double cores = seconds / (elapsedNanos / 1e9);
        report.fact(name, String.format(Locale.ROOT, "%.1f s of CPU compiling in %.1f s of load (%.2f of a core)",
                seconds, elapsedNanos / 1e9, cores));
        return cores;
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
     * bench client's own share is small: its requests are built and dropped per load. The collections must not
     * shrink the heap: nothing does that to a running server, and the timed load would then pay for growing it again
     * (the kernel clearing every page of it anew: about a tenth of the process's CPU in that load, measured). So the
     * heap's free-ratio bound is lifted while they run, where the JVM allows it.
     */
    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String maxFreeRatio = null;
        try {
            maxFreeRatio = hotSpot.getVMOption(MAX_HEAP_FREE_RATIO).getValue();
            hotSpot.setVMOption(MAX_HEAP_FREE_RATIO, "100");
        } catch (RuntimeException notThisJvm) {
            LOG.debug("the heap's free ratio cannot be set: the full collections may shrink the heap", notThisJvm);
        }
        try {
            System.gc();
            System.gc();
            return memory.getHeapMemoryUsage().getUsed();
        } finally {
            if (maxFreeRatio != null) {
                hotSpot.setVMOption(MAX_HEAP_FREE_RATIO, maxFreeRatio);
            }
        }
    }

    private void query(BenchReport report, BenchTarget target, BenchData data, int warmupRounds, int warmup,
                       int queries) throws Exception {
        // the queries time a server at rest, not one still compacting and compiling after the load
        settle(report, target, "settled", "the queries");
        SessionQueries rest = new SessionQueries(target.httpUrl());
        List<SessionQueries.Scenario> scenarios = rest.scenarios(data);
        report.attempt("query warm-up", () -> warmUpQueries(report, target, rest, scenarios, warmupRounds));
        for (SessionQueries.Scenario scenario : scenarios) {
            steps.phase("timing " + scenario.name() + " (" + scenario.request().method() + " "
                    + scenario.request().uri() + ") ...");
            report.attempt(scenario.name(), () -> report.latencies(scenario.name(),
                    rest.measure(scenario, warmup, queries), scenario.p99Target()));
        }
    }

    /**
     * Warm-up rounds of the queries before any is timed: each sends every scenario's request in turn for
     * {@link #QUERY_WARMUP_ROUND}. The read path (paging, sort indexes, query evaluation, JSON rendering) is code the
     * load never ran, and a fresh server compiles it while answering its first queries: measured, the JIT's compiler
     * threads took half of the process's CPU while the first scenario was timed, and that scenario's first requests
     * ran at two to four times its later latency. A long-running server has long compiled it, so the rounds go on
     * until the compilers used under {@link #WARM_COMPILING_CORES} of a core over a round (embedded server; against a
     * running server every round runs), at most {@code rounds}. The first round's p50 and slowest request of each
     * scenario are reported: with an embedded server, a fresh server's first queries.
     */
    private void warmUpQueries(BenchReport report, BenchTarget target, SessionQueries rest,
                               List<SessionQueries.Scenario> scenarios, int rounds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            steps.phase(String.format(Locale.ROOT, "warming up the queries, round %d of %d: every scenario in turn "
                    + "for %d s (untimed) ...", round, rounds, QUERY_WARMUP_ROUND.toSeconds()));
            long compilingBefore = Machine.compilerCpuNanos();
            long start = System.nanoTime();
            Map<String, Latencies> seen = rest.cycle(scenarios, QUERY_WARMUP_ROUND);
            long elapsed = System.nanoTime() - start;
            if (round == 1) {
                // a round holds tens of requests of each: a p99 of them would be their slowest
                StringJoiner figures = new StringJoiner(", ");
                seen.forEach((name, latencies) -> figures.add(String.format(Locale.ROOT, "%s p50 %.2f / max %.2f ms",
                        name, latencies.percentileMillis(50), latencies.maxMillis())));
                report.fact(target.isEmbedded() ? "queries, cold server" : "queries, first warm-up round",
                        figures + String.format(Locale.ROOT, " (%,d requests of each in the first warm-up round)",
                                seen.values().stream().mapToLong(Latencies::count).min().orElse(0)));
            }
            double compilingCores = compilingFact(report, "query warm-up round " + round + " jit", target,
                    compilingBefore, elapsed);
            if (compilingCores >= 0 && compilingCores < WARM_COMPILING_CORES) {
                return;
            }
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
