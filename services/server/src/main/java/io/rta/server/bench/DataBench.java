package io.rta.server.bench;

import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.server.KafkaSettings;
import io.rta.server.ServerOptions;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.topology.Topics;
import io.rta.topology.data.ChunkTopology;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench data}: the throughput of a plain Kafka producer for the telemetry records (the baseline), of
 * writes through gRPC until flushed, of REST reads (chunk headers only, and every sample decoded), and the bytes the
 * chunk view stores per sample, each against its target. Like {@link SessionBench} it measures, it does not assert:
 * a missed target is a result, and so is a failure of the server under test (a failed write, a wrong sample count):
 * a FAILED row with the error; the steps that do not need the failed one still run, and the exit code is non-zero.
 */
public final class DataBench {

    static final BenchReport.Target WRITE_TARGET = BenchReport.Target.atLeast(10_000_000, "samples/s");
    static final BenchReport.Target READ_TARGET = BenchReport.Target.atLeast(200_000_000, "samples/s");
    static final BenchReport.Target STORED_TARGET = BenchReport.Target.atMost(1.5, "bytes/sample");

    private static final Duration WRITABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(30);
    /** Timed read passes per figure: one pass takes a fraction of a second. */
    private static final int READ_PASSES = 5;
    private static final String SAMPLES_PER_SECOND = "samples/s";
    private static final String MEGABYTES_PER_SECOND = "MB/s";
    private static final String BYTES_PER_SAMPLE = "bytes/sample";

    private static final Logger LOG = LoggerFactory.getLogger(DataBench.class);
    private boolean splitCpu;

    private final Progress steps;
    /** For the load generators' own status lines. */
    private final PrintStream progress;
    private final BenchReport report = Machine.describe(new BenchReport("bench data"));

    private DataBench(Progress steps) {
        this.steps = steps;
        this.progress = steps.statusStream();
    }

    /**
     * Runs the benchmark with {@code args} (see {@link DataBenchOptions}), prints the report to {@code out} and
     * progress to {@code progress}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when a step failed
     * @throws IllegalArgumentException for bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = DataBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench data", options);
        BenchOutput output = BenchOutput.of(options);
        DataBench bench = new DataBench(Progress.to(progress));
        bench.run(options);
        return output.publish(bench.report, out, progress);
    }

    /** The benchmark's shape, from the options (checked before anything starts). */
    record Plan(int streams, int channels, int periodicBursts, int timestampedBursts, int warmupBursts,
                DemoSignal signal, long flushBytes) {

        static Plan of(Options options) {
            int streams = BenchOptions.atLeast(options, DataBenchOptions.STREAMS, 1);
            int channels = BenchOptions.atLeast(options, DataBenchOptions.CHANNELS, 1);
            long periodic = options.getLong(DataBenchOptions.SAMPLES);
            long timestamped = options.getLong(DataBenchOptions.TIMESTAMPED_SAMPLES);
            long warmup = options.getLong(DataBenchOptions.WARMUP_SAMPLES);
            if (warmup < 0) {
                throw new IllegalArgumentException("Option " + DataBenchOptions.WARMUP_SAMPLES.name() + " = "
                        + warmup + " must be at least 0");
            }
            if (periodic < 1 || timestamped < 0) {
                throw new IllegalArgumentException("Options " + DataBenchOptions.SAMPLES.name() + " = " + periodic
                        + " and " + DataBenchOptions.TIMESTAMPED_SAMPLES.name() + " = " + timestamped
                        + " must be at least 1 and 0");
            }
            long flushMiB = BenchOptions.atLeast(options, DataBenchOptions.FLUSH_MIB, 1);
            return new Plan(streams, channels, burstsPerChannel(periodic, streams, channels),
                    burstsPerChannel(timestamped, streams, channels), burstsPerChannel(warmup, streams, channels),
                    DemoSignal.named(options.getString(DataBenchOptions.SIGNAL)), flushMiB * 1024 * 1024);
        }

        /** Whole bursts per channel, rounded up so at least the samples asked for are written. */
        static int burstsPerChannel(long samples, int streams, int channels) {
            long perBurstRound = (long) streams * channels * BurstSequence.BURST;
            long bursts = (samples + perBurstRound - 1) / perBurstRound;
            if (bursts > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(samples + " samples are too many for " + streams + " streams of "
                        + channels + " channels");
            }
            return (int) bursts;
        }

        long samplesPerSession(int bursts) {
            return (long) channels * bursts * BurstSequence.BURST;
        }

        List<BurstSequence> sequences(BurstSequence.Kind kind) {
            return sequences(kind, kind == BurstSequence.Kind.PERIODIC ? periodicBursts : timestampedBursts);
        }

        List<BurstSequence> sequences(BurstSequence.Kind kind, int bursts) {
            List<BurstSequence> sequences = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                sequences.add(new BurstSequence(kind, signal, channels, bursts, s));
            }
            return sequences;
        }
    }

    private void run(Options options) throws Exception {
        Plan plan = Plan.of(options);
        report.options(options);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        BenchData sessions = new BenchData(runId, 1, 1);
        List<String> periodicSessions = identities(sessions, 0, plan.streams());
        List<String> timestampedSessions = identities(sessions, plan.streams(), plan.streams());
        List<String> warmupSessions = identities(sessions, 2 * plan.streams(), plan.streams());

        steps.phase(options.getString(BenchOptions.HTTP_URL).isBlank()
                ? "starting an embedded server ..." : "connecting to " + options.getString(BenchOptions.HTTP_URL));
        BenchTarget opened = report.attemptResult("server start", () -> BenchTarget.open(options));
        if (opened == null) {
            return;
        }
        try (BenchTarget target = opened) {
            // the CPU split by thread names means something only when the server runs in this JVM
            splitCpu = target.isEmbedded() && CpuSplit.isSupported();
            serverFact(target, options);
            dataFacts(plan);
            report.fact("load before", Machine.loadAverage());
            steps.phase("waiting for the server to accept writes ...");
            if (!report.attempt("server accepts writes", () -> {
                new SessionIngest(List.of(target.channel()), sessions, 1, progress).awaitWritable(WRITABLE_TIMEOUT);
                createSessions(target, sessions, 3 * plan.streams());
            })) {
                return;
            }
            KafkaAccess kafka = KafkaAccess.of(target, options);

            report.attempt("kafka baseline", () -> baseline(kafka, options, plan, periodicSessions));
            DataWriteLoad writer = new DataWriteLoad(target.channel(), plan.flushBytes(), progress);
            boolean warm = plan.warmupBursts() == 0;
            if (!warm) {
                steps.phase("warming up: writing " + plan.samplesPerSession(plan.warmupBursts()) * plan.streams()
                        + " periodic samples, untimed ...");
                warm = report.attempt("warm-up write (cold server)", () -> writer.write("warm-up", warmupSessions,
                        plan.sequences(BurstSequence.Kind.PERIODIC, plan.warmupBursts()), WRITE_TIMEOUT));
            }
            DataWriteLoad.Result periodic = report.attemptResult("write periodic uint16", () -> write(writer,
                    "write periodic uint16", periodicSessions, plan.sequences(BurstSequence.Kind.PERIODIC),
                    WRITE_TARGET));
            if (periodic != null && warm) {
                // the store and topics hold the warm-up's periodic samples too (the same signal)
                long stored = periodic.samples() + plan.streams() * plan.samplesPerSession(plan.warmupBursts());
                report.attempt("stored periodic", () -> storage(target, kafka, stored));
            }
            boolean timestamped = plan.timestampedBursts() > 0 && report.attempt("write timestamped double",
                    () -> write(writer, "write timestamped double", timestampedSessions,
                            plan.sequences(BurstSequence.Kind.TIMESTAMPED), null));
            DataReadLoad reader = new DataReadLoad(target.httpUrl());
            if (periodic != null) {
                report.attempt("read periodic", () -> read(reader, "read periodic", BurstSequence.Kind.PERIODIC,
                        periodicSessions, plan.samplesPerSession(plan.periodicBursts())));
            }
            if (timestamped) {
                report.attempt("read timestamped", () -> read(reader, "read timestamped",
                        BurstSequence.Kind.TIMESTAMPED, timestampedSessions,
                        plan.samplesPerSession(plan.timestampedBursts())));
            }
            report.fact("load after", Machine.loadAverage());
        } finally {
            steps.done();
        }
    }

    private static List<String> identities(BenchData sessions, int first, int count) {
        List<String> identities = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            identities.add(sessions.identity(i));
        }
        return identities;
    }

    /** Reads answer only for sessions that exist, so every data identity is a session. */
    private void createSessions(BenchTarget target, BenchData sessions, int count) {
        SessionStoreGrpc.SessionStoreBlockingStub stub = SessionStoreGrpc.newBlockingStub(target.channel());
        for (int i = 0; i < count; i++) {
            stub.withDeadlineAfter(2, TimeUnit.MINUTES).createOrUpdateSession(sessions.request(i));
        }
    }

    private void baseline(KafkaAccess kafka, Options options, Plan plan, List<String> identities) throws Exception {
        if (!kafka.isKnown()) {
            report.fact("kafka baseline", "skipped: set BootstrapServers and RegistryUrl to the running server's");
            return;
        }
        Topics topics = kafka.topics();
        KafkaBaseline.Result result = new KafkaBaseline(kafka.clientConfig(), progress).run(topics.telemetry(),
                topics.prefix() + "bench-baseline-" + UUID.randomUUID().toString().substring(0, 6),
                options.getInt(RtaOptions.PARTITIONS), (short) options.getInt(RtaOptions.REPLICATION_FACTOR),
                identities, plan.sequences(BurstSequence.Kind.PERIODIC));
        report.row("kafka baseline (periodic records)", Math.rint(result.recordsPerSecond()), "records/s", null)
                .row("kafka baseline", result.megabytesPerSecond(), MEGABYTES_PER_SECOND, null)
                .row("kafka baseline", Math.rint(result.samplesPerSecond()), SAMPLES_PER_SECOND, null)
                .fact("kafka baseline", String.format(Locale.ROOT, "%,d TelemetryBatch records of %,d bytes on "
                                + "average (Avro), plain KafkaProducer as EventProducer (acks=all, idempotent, lz4, "
                                + "linger 2 ms), %.1f s", result.records(), result.bytes() / result.records(),
                        result.elapsedNanos() / 1e9));
    }

    private DataWriteLoad.Result write(DataWriteLoad writer, String name, List<String> identities,
                                       List<BurstSequence> sequences, BenchReport.Target target)
            throws InterruptedException {
        steps.phase(name + ": " + identities.size() + " streams ...");
        long cpuBefore = Machine.processCpuNanos();
        CpuSplit.Snapshot threadsBefore = splitCpu ? CpuSplit.snapshot() : null;
        DataWriteLoad.Result result = writer.write(name, identities, sequences, WRITE_TIMEOUT);
        CpuSplit.Snapshot threadsAfter = splitCpu ? CpuSplit.snapshot() : null;
        long cpu = Machine.processCpuNanos() - cpuBefore;
        report.row(name, Math.rint(result.samplesPerSecond()), SAMPLES_PER_SECOND, target)
                .row(name + " (gRPC messages)", result.megabytesPerSecond(), MEGABYTES_PER_SECOND, null);
        report.fact(name, String.format(Locale.ROOT, "%,d samples in %,d messages (%,d bytes), %,d flush markers, "
                        + "%.1f s%s", result.samples(), result.messages(), result.bytes(), result.flushes(),
                result.elapsedNanos() / 1e9, cpuFact(cpu, result.elapsedNanos())));
        if (threadsBefore != null && target != null) {
            CpuSplit.report(report, name, CpuSplit.between(threadsBefore, threadsAfter), result.samples());
            report.fact(name + ": busiest other threads", CpuSplit.busiest(threadsBefore, threadsAfter,
                    CpuSplit.Component.OTHER, 5));
        }
        return result;
    }

    private void read(DataReadLoad reader, String name, BurstSequence.Kind kind, List<String> identities,
                      long samplesPerSession) throws Exception {
        steps.phase(name + ": warming up (one untimed pass, every sample decoded) ...");
        reader.read(kind, identities, samplesPerSession, DataReadLoad.Depth.SAMPLES);
        for (DataReadLoad.Depth depth : DataReadLoad.Depth.values()) {
            String figure = name + (depth == DataReadLoad.Depth.HEADERS ? ", headers only" : ", samples decoded");
            steps.phase(figure + " ...");
            long cpuBefore = Machine.processCpuNanos();
            DataReadLoad.Result result = reader.read(kind, identities, samplesPerSession, depth);
            for (int pass = 1; pass < READ_PASSES; pass++) {
                result = result.plus(reader.read(kind, identities, samplesPerSession, depth));
            }
            long cpu = Machine.processCpuNanos() - cpuBefore;
            BenchReport.Target target = kind == BurstSequence.Kind.PERIODIC && depth == DataReadLoad.Depth.HEADERS
                    ? READ_TARGET : null;
            report.row(figure, Math.rint(result.samplesPerSecond()), SAMPLES_PER_SECOND, target)
                    .row(figure + " (response bytes)", result.megabytesPerSecond(), MEGABYTES_PER_SECOND, null)
                    .fact(figure, String.format(Locale.ROOT, "%,d chunks, %,d bytes, %.2f s%s", result.chunks(),
                            result.bytes(), result.elapsedNanos() / 1e9, cpuFact(cpu, result.elapsedNanos())));
        }
    }

    /**
     * Bytes per periodic sample where they are stored, right after the periodic write's final flush: the chunk store
     * (its live keys and values, replayed from its changelog; RocksDB files as a fact, since memtables are flushed
     * to them only now and then), the changelog topic itself, and the raw telemetry topic for context.
     */
    private void storage(BenchTarget target, KafkaAccess kafka, long samples) throws Exception {
        Path stateDir = target.streamsStateDir();
        if (stateDir != null) {
            StorageFacts.StoreSize files = StorageFacts.storeSize(stateDir, ChunkTopology.CHUNK_STORE);
            report.fact("chunk store files", String.format(Locale.ROOT, "%,d bytes of RocksDB SST files, %,d bytes "
                    + "in all (memtables not yet flushed are not in them)", files.sstBytes(), files.totalBytes()));
        }
        if (!kafka.isKnown()) {
            report.fact("storage", "unknown: set BootstrapServers and RegistryUrl to the running server's");
            return;
        }
        steps.phase("measuring what is stored ...");
        Topics topics = kafka.topics();
        String changelogTopic = topics.applicationId() + "-" + ChunkTopology.CHUNK_STORE + "-changelog";
        long live = StorageFacts.liveBytes(kafka.clientConfig(), changelogTopic);
        long changelog = StorageFacts.topicBytes(kafka.clientConfig(), changelogTopic);
        long telemetry = StorageFacts.topicBytes(kafka.clientConfig(), topics.telemetry().name());
        report.row("stored periodic: chunk store (live keys + values)", live / (double) samples, BYTES_PER_SAMPLE,
                        null)
                .row("stored periodic: chunk changelog topic", changelog / (double) samples, BYTES_PER_SAMPLE, null)
                .row("stored periodic: chunk store + changelog", (live + changelog) / (double) samples,
                        BYTES_PER_SAMPLE, STORED_TARGET)
                .row("stored periodic: telemetry topic (raw input)", telemetry / (double) samples, BYTES_PER_SAMPLE,
                        null)
                .fact("storage", String.format(Locale.ROOT, "chunk store %,d bytes live, changelog %s %,d bytes "
                        + "(before log compaction), %s %,d bytes", live, changelogTopic, changelog,
                        topics.telemetry().name(), telemetry));
    }

    private String cpuFact(long cpuNanos, long elapsedNanos) {
        if (cpuNanos < 0) {
            return "";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "; this process used %.1f s CPU (%.0f%% of %d cores)", cpuNanos / 1e9,
                100.0 * cpuNanos / elapsedNanos / cores, cores);
    }

    private void serverFact(BenchTarget target, Options options) {
        if (!target.isEmbedded()) {
            report.fact("server", "running server at " + target.httpUrl() + ", gRPC " + target.grpcAddress());
            return;
        }
        report.fact("server", String.format(Locale.ROOT, "embedded all-in-one in this JVM (broker, registry child "
                        + "process, streams, HTTP, gRPC, and the benchmark's clients): %s=%s %s=%s %s=%s",
                ServerOptions.COMMIT_INTERVAL.name(), options.getString(ServerOptions.COMMIT_INTERVAL),
                ServerOptions.STREAM_THREADS.name(), options.getString(ServerOptions.STREAM_THREADS),
                RtaOptions.PARTITIONS.name(), options.getString(RtaOptions.PARTITIONS)));
    }

    private void dataFacts(Plan plan) {
        report.fact("signal", plan.signal().description())
                .fact("data", String.format(Locale.ROOT, "%d streams (one session each) x %d channels, 1 kHz per "
                                + "channel, bursts of %d samples (one message each), consecutive on the session time "
                                + "axis; periodic: %,d samples (%,d s of data), timestamped doubles: %,d samples; "
                                + "written first, untimed, to other sessions: %,d periodic samples (warm-up)",
                        plan.streams(), plan.channels(), BurstSequence.BURST,
                        plan.streams() * plan.samplesPerSession(plan.periodicBursts()),
                        plan.periodicBursts() * (long) BurstSequence.BURST / 1000,
                        plan.streams() * plan.samplesPerSession(plan.timestampedBursts()),
                        plan.streams() * plan.samplesPerSession(plan.warmupBursts())))
                .fact("flow", String.format(Locale.ROOT, "gRPC flow control (send while isReady), a flush marker "
                        + "every %,d MiB per stream and one at the end; write time = first message to last final "
                        + "flush echoed; reads: one GET .../data/<kind>/0- per session, all at once, after one "
                        + "untimed pass, then " + READ_PASSES + " timed passes per figure", plan.flushBytes() / (1024 * 1024)));
    }

    /**
     * How the benchmark reaches the server's Kafka and registry: the embedded server's, or the options'; its clients
     * get the options' {@code Kafka:*} properties as the server's do (a secured cluster).
     */
    private record KafkaAccess(String bootstrapServers, String registryUrl, String prefix, Options options) {

        static KafkaAccess of(BenchTarget target, Options options) {
            String prefix = options.getString(RtaOptions.TOPIC_PREFIX);
            return target.isEmbedded()
                    ? new KafkaAccess(target.bootstrapServers(), target.registryUrl(), prefix, options)
                    : new KafkaAccess(options.getString(RtaOptions.BOOTSTRAP_SERVERS),
                    options.getString(RtaOptions.REGISTRY_URL), prefix, options);
        }

        Map<String, Object> clientConfig() {
            return KafkaSettings.common(bootstrapServers, options);
        }

        boolean isKnown() {
            return !bootstrapServers.isBlank() && !registryUrl.isBlank();
        }

        Topics topics() {
            return Topics.create(prefix, new CcompatRegistryClient(registryUrl));
        }
    }
}
