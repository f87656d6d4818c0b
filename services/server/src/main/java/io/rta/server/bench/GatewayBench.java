package io.rta.server.bench;

import com.google.protobuf.Int64Value;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DataChannelBinding;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench gateway}: fast-path reads (chunk headers only) of the same periodic telemetry straight from the
 * data route ({@code /rta/v2/data/{dataIdentity}/periodic/...}) and through a gateway in this JVM, for sessions bound
 * to that data untransformed (relayed byte for byte), with a time shift and a channel mapping (every chunk unpacked,
 * rewritten and packed again), and with clipping on top. Every answer is checked (samples, time span, channels), so
 * an error is never timed; a failed step is a FAILED row and the others still run, as in {@link DataBench}.
 */
public final class GatewayBench {

    /** Issue 13's targets: the relay close to a direct read, the transforms in absolute terms. */
    static final BenchReport.Target RATIO_TARGET = BenchReport.Target.atLeast(0.8, "x direct");
    static final BenchReport.Target SHIFTED_TARGET = BenchReport.Target.atLeast(100_000_000, "samples/s");
    static final BenchReport.Target CLIPPED_TARGET = BenchReport.Target.atLeast(50_000_000, "samples/s");

    /** The gateway's name for the embedded server as a data service. */
    static final String SOURCE = "store";
    /** Session time = data time + this (1 h). */
    static final long TIME_OFFSET_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Data channel 0 is this session channel. */
    static final int FIRST_SESSION_CHANNEL = 1000;

    private static final Duration WRITABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final String SAMPLES_PER_SECOND = "samples/s";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayBench.class);

    private final Progress steps;
    private final PrintStream progress;
    private final BenchReport report = Machine.describe(new BenchReport("bench gateway"));

    private GatewayBench(Progress steps) {
        this.steps = steps;
        this.progress = steps.statusStream();
    }

    /**
     * Runs the benchmark with {@code args} (see {@link GatewayBenchOptions}), prints the report to {@code out} and
     * progress to {@code progress}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when a step failed
     * @throws IllegalArgumentException for bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = GatewayBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench gateway", options);
        BenchOutput output = BenchOutput.of(options);
        Plan plan = Plan.of(options);
        GatewayBench bench = new GatewayBench(Progress.to(progress));
        bench.run(options, plan);
        return output.publish(bench.report, out, progress);
    }

    /** How a figure reads the data: straight from the data route, or through the gateway with a binding. */
    enum Way {
        DIRECT("direct (data route)", null),
        UNTRANSFORMED("via gateway, untransformed", null),
        SHIFTED("via gateway, shift + channel mapping", SHIFTED_TARGET),
        CLIPPED("via gateway, clipped", CLIPPED_TARGET);

        final String label;
        final BenchReport.Target target;

        Way(String label, BenchReport.Target target) {
            this.label = label;
            this.target = target;
        }

        boolean viaGateway() {
            return this != DIRECT;
        }
    }

    /** The benchmark's shape, from the options (checked before anything starts). */
    record Plan(int streams, int channels, int bursts, int passes, DemoSignal signal, long flushBytes) {

        static Plan of(Options options) {
            return of(options, GatewayBenchOptions.SAMPLES, GatewayBenchOptions.PASSES);
        }

        /** The plan with the samples and passes of these options (another benchmark's defaults). */
        static Plan of(Options options, OptionDef samplesOption, OptionDef passesOption) {
            int streams = BenchOptions.atLeast(options, GatewayBenchOptions.STREAMS, 1);
            int channels = BenchOptions.atLeast(options, DataBenchOptions.CHANNELS, 1);
            int passes = BenchOptions.atLeast(options, passesOption, 1);
            long samples = options.getLong(samplesOption);
            if (samples < 1) {
                throw new IllegalArgumentException("Option " + samplesOption.name() + " = " + samples
                        + " must be at least 1");
            }
            long flushMiB = BenchOptions.atLeast(options, DataBenchOptions.FLUSH_MIB, 1);
            return new Plan(streams, channels, DataBench.Plan.burstsPerChannel(samples, streams, channels), passes,
                    DemoSignal.named(options.getString(DataBenchOptions.SIGNAL)), flushMiB * 1024 * 1024);
        }

        /** Samples each channel of a data identity holds: 1 kHz from {@link BurstSequence#START_NANOS}. */
        long samplesPerChannel() {
            return (long) bursts * BurstSequence.BURST;
        }

        /** Samples cut off at each end by the clipped binding: inside the data, off any chunk boundary. */
        long clippedPerEnd() {
            return samplesPerChannel() / 10 + 3;
        }

        List<BurstSequence> sequences() {
            List<BurstSequence> sequences = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                sequences.add(new BurstSequence(BurstSequence.Kind.PERIODIC, signal, channels, bursts, s));
            }
            return sequences;
        }

        /** The data binding of {@code way}'s sessions onto {@code dataIdentity}; null for a direct read. */
        DataBinding binding(Way way, String dataIdentity) {
            if (way == Way.DIRECT) {
                return null;
            }
            DataBinding.Builder binding = DataBinding.newBuilder().setKey(DataBindingKey.newBuilder()
                    .setSource(SOURCE).setIdentity(dataIdentity));
            if (way == Way.UNTRANSFORMED) {
                return binding.build();
            }
            binding.setSessionTimeOffset(TIME_OFFSET_NANOS).addDataChannelBindings(DataChannelBinding.newBuilder()
                    .setFirstDataChannel(0).setFirstSessionChannel(FIRST_SESSION_CHANNEL)
                    .setLastSessionChannel(FIRST_SESSION_CHANNEL + channels - 1));
            if (way == Way.CLIPPED) {
                DataReadLoad.Expected window = expected(way);
                binding.setSessionStartTime(Int64Value.of(window.firstTime()))
                        .setSessionEndTime(Int64Value.of(window.lastTime()));
            }
            return binding.build();
        }

        /**
         * The channels expression {@code way} requests: every channel written, in the session's numbering (channel
         * ids are hexadecimal in a channels expression).
         */
        String channelsExpression(Way way) {
            int first = way == Way.SHIFTED || way == Way.CLIPPED ? FIRST_SESSION_CHANNEL : 0;
            return hex(first) + "-" + hex(first + channels - 1);
        }

        private static String hex(int channel) {
            return Integer.toHexString(channel).toUpperCase(Locale.ROOT);
        }

        /** What each answer of {@code way} must hold, in the time and channels of what it reads. */
        DataReadLoad.Expected expected(Way way) {
            boolean mapped = way == Way.SHIFTED || way == Way.CLIPPED;
            long offset = mapped ? TIME_OFFSET_NANOS : 0;
            long firstChannel = mapped ? FIRST_SESSION_CHANNEL : 0;
            long cut = way == Way.CLIPPED ? clippedPerEnd() : 0;
            long first = BurstSequence.START_NANOS + offset + cut * BurstSequence.INTERVAL_NANOS;
            long last = BurstSequence.START_NANOS + offset
                    + (samplesPerChannel() - 1 - cut) * BurstSequence.INTERVAL_NANOS;
            return new DataReadLoad.Expected((samplesPerChannel() - 2 * cut) * channels, first, last, firstChannel,
                    firstChannel + channels - 1, BurstSequence.INTERVAL_NANOS);
        }
    }

    private void run(Options options, Plan plan) throws Exception {
        report.options(options);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        BenchData sessions = new BenchData(runId, 1, 1);
        List<String> dataIdentities = new ArrayList<>();
        for (int s = 0; s < plan.streams(); s++) {
            dataIdentities.add("bench-" + runId + "-data-" + s);
        }
        steps.phase(options.getString(BenchOptions.HTTP_URL).isBlank()
                ? "starting an embedded server ..." : "connecting to " + options.getString(BenchOptions.HTTP_URL));
        BenchTarget opened = report.attemptResult("server start", () -> BenchTarget.open(options));
        if (opened == null) {
            return;
        }
        try (BenchTarget target = opened) {
            steps.phase("starting the gateway ...");
            GatewayServer gateway = report.attemptResult("gateway start", () -> startGateway(target.httpUrl()));
            if (gateway == null) {
                return;
            }
            try (gateway) {
                facts(target, plan);
                report.fact("load before", Machine.loadAverage());
                steps.phase("waiting for the server to accept writes ...");
                if (!report.attempt("server accepts writes", () -> new SessionIngest(List.of(target.channel()),
                        sessions, 1, progress).awaitWritable(WRITABLE_TIMEOUT))) {
                    return;
                }
                Map<Way, List<String>> paths = new EnumMap<>(Way.class);
                if (!report.attempt("write periodic uint16", () -> write(target, plan, dataIdentities))
                        || !report.attempt("create bound sessions", () -> paths.putAll(
                        createSessions(target, plan, sessions, dataIdentities)))) {
                    return;
                }
                long settled = Machine.awaitQuiet(0.2 * Runtime.getRuntime().availableProcessors(), SETTLE_TIMEOUT);
                report.fact("settled", settled < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f s after the write "
                        + "(process under 20%% of the cores over a second, at most %d s)", settled / 1e3,
                        SETTLE_TIMEOUT.toSeconds()));
                DataReadLoad direct = new DataReadLoad(target.httpUrl());
                DataReadLoad viaGateway = new DataReadLoad("http://127.0.0.1:" + gateway.httpPort());
                Map<Way, DataReadLoad.Result> results = new EnumMap<>(Way.class);
                for (Way way : Way.values()) {
                    DataReadLoad reader = way.viaGateway() ? viaGateway : direct;
                    DataReadLoad.Result result = report.attemptResult("read " + way.label,
                            () -> read(reader, way, paths.get(way), plan));
                    if (result != null) {
                        results.put(way, result);
                    }
                    if (way == Way.UNTRANSFORMED) {
                        ratio(results);
                    }
                }
                report.fact("load after", Machine.loadAverage());
            }
        } finally {
            steps.done();
        }
    }

    /**
     * A gateway in this JVM on a free port, in front of the server for sessions, configs and data source "store",
     * with nothing but these options (no environment, and an empty working directory: no config file).
     */
    private static GatewayServer startGateway(String serverUrl) throws Exception {
        String root = serverUrl + "/";
        Path empty = Files.createTempDirectory("rta-bench-gateway-");
        try {
            return GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
                "--HttpPort", Integer.toString(BenchTarget.freePort()), "--SessionServiceUri", root,
                "--ConfigServiceUri", root, "--DataServiceUris:" + SOURCE, root}, Map.of(), empty));
        } finally {
            Files.delete(empty);
        }
    }

    private void write(BenchTarget target, Plan plan, List<String> dataIdentities) throws InterruptedException {
        long samples = plan.samplesPerChannel() * plan.channels() * plan.streams();
        steps.phase(String.format(Locale.ROOT, "writing %,d periodic samples to %d data identities (untimed "
                + "set-up) ...", samples, plan.streams()));
        DataWriteLoad.Result result = new DataWriteLoad(target.channel(), plan.flushBytes(), progress)
                .write("write periodic uint16", dataIdentities, plan.sequences(), WRITE_TIMEOUT);
        report.fact("write (set-up)", String.format(Locale.ROOT, "%,d samples in %.1f s (%,.0f samples/s, flush "
                        + "echoed), on a cold server", result.samples(), result.elapsedNanos() / 1e9,
                result.samplesPerSecond()));
    }

    /**
     * One session per data identity and gateway way, bound to that identity by the way's binding; returns the paths
     * each way reads (the direct one by data identity).
     */
    private Map<Way, List<String>> createSessions(BenchTarget target, Plan plan, BenchData sessions,
                                                  List<String> dataIdentities) {
        steps.phase("creating " + 3 * dataIdentities.size() + " sessions with data bindings through gRPC ...");
        SessionStoreGrpc.SessionStoreBlockingStub stub = SessionStoreGrpc.newBlockingStub(target.channel());
        Map<Way, List<String>> paths = new EnumMap<>(Way.class);
        int index = 0;
        for (Way way : Way.values()) {
            List<String> wayPaths = new ArrayList<>();
            for (String dataIdentity : dataIdentities) {
                String data = "/periodic/" + plan.channelsExpression(way);
                if (!way.viaGateway()) {
                    wayPaths.add("/rta/v2/data/" + dataIdentity + data);
                    continue;
                }
                stub.withDeadlineAfter(2, TimeUnit.MINUTES).createOrUpdateSession(sessions.request(index).toBuilder()
                        .addUpdates(SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList
                                .newBuilder().addDataBindings(plan.binding(way, dataIdentity))))
                        .build());
                wayPaths.add("/rta/v2/sessions/" + sessions.identity(index) + "/data" + data);
                index++;
            }
            paths.put(way, wayPaths);
        }
        return paths;
    }

    /** One untimed pass decoding and checking every sample, then the timed passes reading chunk headers only. */
    private DataReadLoad.Result read(DataReadLoad reader, Way way, List<String> paths, Plan plan) throws Exception {
        DataReadLoad.Expected expected = plan.expected(way);
        steps.phase("read " + way.label + ": one untimed pass, every sample decoded and checked ...");
        reader.readPeriodic(paths, expected, DataReadLoad.Depth.SAMPLES);
        steps.phase("read " + way.label + ", headers only: " + plan.passes() + " timed passes ...");
        DataReadLoad.Result total = null;
        List<String> passes = new ArrayList<>();
        for (int pass = 0; pass < plan.passes(); pass++) {
            long cpuBefore = Machine.processCpuNanos();
            DataReadLoad.Result result = reader.readPeriodic(paths, expected, DataReadLoad.Depth.HEADERS);
            long cpu = Machine.processCpuNanos() - cpuBefore;
            passes.add(String.format(Locale.ROOT, "%.2f s%s", result.elapsedNanos() / 1e9,
                    cpu < 0 ? "" : String.format(Locale.ROOT, " (CPU %.2f s, %.0f%%)", cpu / 1e9,
                            100.0 * cpu / result.elapsedNanos() / Runtime.getRuntime().availableProcessors())));
            total = total == null ? result : total.plus(result);
        }
        report.row("read " + way.label, Math.rint(total.samplesPerSecond()), SAMPLES_PER_SECOND, way.target)
                .fact("read " + way.label, String.format(Locale.ROOT, "%,d samples, %,d chunks, %,d bytes per pass "
                                + "(%.0f MB/s); passes: %s", total.samples() / plan.passes(),
                        total.chunks() / plan.passes(), total.bytes() / plan.passes(), total.megabytesPerSecond(),
                        String.join(", ", passes)));
        return total;
    }

    /** The relay's throughput as a share of the direct read's, against its target. */
    private void ratio(Map<Way, DataReadLoad.Result> results) {
        DataReadLoad.Result direct = results.get(Way.DIRECT);
        DataReadLoad.Result relayed = results.get(Way.UNTRANSFORMED);
        if (direct != null && relayed != null) {
            report.row("via gateway, untransformed / direct", relayed.samplesPerSecond() / direct.samplesPerSecond(),
                    "x direct", RATIO_TARGET);
        }
    }

    private void facts(BenchTarget target, Plan plan) {
        report.fact("server", target.isEmbedded() ? "embedded all-in-one in this JVM (broker, registry child "
                        + "process, streams, HTTP, gRPC), also the gateway's session, config and data service"
                        : "running server at " + target.httpUrl() + ", also the gateway's session, config and data "
                        + "service")
                .fact("gateway", "in this JVM on its own port: SessionServiceUri, ConfigServiceUri and "
                        + "DataServiceUris:" + SOURCE + " = the server; other options default (BindingsCacheTime "
                        + GatewayOptions.BINDINGS_CACHE_TIME.documentedDefault() + " ms)")
                .fact("data", String.format(Locale.ROOT, "%d data identities x %d channels x %,d periodic uint16 "
                                + "samples at 1 kHz (%s), %,d samples in all; reads: one GET per data identity, "
                                + "all at once, one untimed pass decoding and checking every sample, then %d timed "
                                + "passes reading chunk headers only, each answer's samples, span and channels "
                                + "checked", plan.streams(), plan.channels(), plan.samplesPerChannel(),
                        plan.signal().description(), plan.samplesPerChannel() * plan.channels() * plan.streams(),
                        plan.passes()))
                .fact("bindings", String.format(Locale.ROOT, "untransformed: key only (relayed byte for byte); "
                                + "shift + channel mapping: session_time_offset %d ns, data channels 0-%d as session "
                                + "channels %d-%d (requested as %s); clipped: the same plus session_start/end_time cutting %,d samples "
                                + "off each end of every channel (%,d of %,d kept)", TIME_OFFSET_NANOS,
                        plan.channels() - 1, FIRST_SESSION_CHANNEL, FIRST_SESSION_CHANNEL + plan.channels() - 1,
                        plan.channelsExpression(Way.SHIFTED), plan.clippedPerEnd(), plan.samplesPerChannel() - 2 * plan.clippedPerEnd(),
                        plan.samplesPerChannel()));
    }
}
