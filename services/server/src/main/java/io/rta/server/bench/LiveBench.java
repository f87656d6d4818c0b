package io.rta.server.bench;

import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench live}: a live session ingested through gRPC at a steady rate while many WebSocket clients follow
 * it, each subscribed to its own block of channels. Prints ingest-to-client latency (p50/p99/max over every burst
 * every client received while measuring), delivered samples per second, and whether every client kept up (received
 * what was sent on its channels and was not closed). Like the other benchmarks it measures, it does not assert.
 */
public final class LiveBench {

    static final BenchReport.Target LATENCY_TARGET = BenchReport.Target.atMost(100, "ms");
    static final BenchReport.Target BEHIND_TARGET = BenchReport.Target.atMost(0, "clients");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** After the ingest stops, how long clients get to receive the rest before counting. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final int OPEN = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LiveBench.class);

    private final Progress steps;
    private final PrintStream progress;
    private final BenchReport report = Machine.describe(new BenchReport("bench live"));

    private LiveBench(Progress steps) {
        this.steps = steps;
        this.progress = steps.statusStream();
    }

    /**
     * Runs the benchmark with {@code args} (see {@link LiveBenchOptions}); figures to {@code out}.
     *
     * @return 0 once the figures are printed, whether or not they meet their targets; 1 when the run failed
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = LiveBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench live", options);
        BenchOutput output = BenchOutput.of(options);
        LiveBench bench = new LiveBench(Progress.to(progress));
        bench.run(options);
        return output.publish(bench.report, out, progress);
    }

    private void run(Options options) throws Exception {
        int clients = BenchOptions.atLeast(options, LiveBenchOptions.CLIENTS, 1);
        int clientChannels = BenchOptions.atLeast(options, LiveBenchOptions.CLIENT_CHANNELS, 1);
        int channels = BenchOptions.atLeast(options, LiveBenchOptions.CHANNELS, 1);
        int rate = BenchOptions.atLeast(options, LiveBenchOptions.RATE, 1);
        int burstSamples = BenchOptions.atLeast(options, LiveBenchOptions.BURST_SAMPLES, 1);
        int seconds = BenchOptions.atLeast(options, LiveBenchOptions.SECONDS, 1);
        int warmup = BenchOptions.atLeast(options, LiveBenchOptions.WARMUP_SECONDS, 0);
        if (clientChannels > channels) {
            throw new IllegalArgumentException("Option " + LiveBenchOptions.CLIENT_CHANNELS.name() + " = "
                    + clientChannels + " is more than " + LiveBenchOptions.CHANNELS.name() + " = " + channels);
        }
        String identity = "live-bench-" + UUID.randomUUID().toString().substring(0, 8);
        report.options(options);
        steps.phase(options.getString(BenchOptions.HTTP_URL).isBlank()
                ? "starting an embedded server ..." : "connecting to " + options.getString(BenchOptions.HTTP_URL));
        BenchTarget opened = report.attemptResult("server start", () -> BenchTarget.open(options));
        if (opened == null) {
            return;
        }
        try (BenchTarget target = opened) {
            report.attempt("live run", () -> measure(target, identity, clients, clientChannels, channels, rate,
                    burstSamples, seconds, warmup));
        } finally {
            steps.done();
        }
    }

    private void measure(BenchTarget target, String identity, int clients, int clientChannels, int channels,
                         int rate, int burstSamples, int seconds, int warmup) throws Exception {
        report.fact("server", target.isEmbedded()
                ? "embedded all-in-one in this JVM (broker, registry child process, streams, HTTP, gRPC, the "
                + "ingest and every WebSocket client)" : "running server at " + target.httpUrl());
        report.fact("load", String.format(Locale.ROOT, "%,d samples/s periodic uint16 over %,d channels through "
                        + "one WriteDataStream, bursts of %d samples; %d clients x %d channels; %d s warm-up, "
                        + "%d s measured", rate, channels, burstSamples, clients, clientChannels, warmup,
                seconds));
        report.fact("load before", Machine.loadAverage());
        new SessionIngest(List.of(target.channel()), new BenchData(identity, 1, 1), 1, progress)
                .awaitWritable(Duration.ofMinutes(2));
        openSession(target, identity);

        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(target.httpUrl().replaceFirst("^http", "ws") + "/rta/v2/sessions/" + identity
                + "/stream");
        List<LiveClient> live = new ArrayList<>();
        steps.phase("connecting " + clients + " WebSocket clients to " + uri + " ...");
        for (int i = 0; i < clients; i++) {
            int[] subscribed = new int[clientChannels];
            for (int c = 0; c < clientChannels; c++) {
                subscribed[c] = (i * clientChannels + c) % channels;
            }
            LiveClient client = new LiveClient(subscribed);
            client.connect(http, uri, CONNECT_TIMEOUT);
            client.subscribe();
            live.add(client);
        }

        LiveIngest ingest = new LiveIngest(target.channel(), identity, channels, rate, burstSamples);
        Thread ingestThread = new Thread(ingest, "live-bench-ingest");
        ingestThread.start();
        steps.phase("ingesting, " + warmup + " s warm-up ...");
        TimeUnit.SECONDS.sleep(warmup);
        live.forEach(LiveClient::startMeasuring);
        long cpuBefore = Machine.processCpuNanos();
        long measureStart = System.nanoTime();
        long sentAtStart = ingest.samplesSent();
        for (int s = 0; s < seconds; s += 5) {
            TimeUnit.SECONDS.sleep(Math.min(5, seconds - s));
            progress.println(String.format(Locale.ROOT, "%d s measured, %,d samples ingested, %,d "
                    + "delivered, worst latency of the last 5 s %.0f ms", Math.min(seconds, s + 5),
                    ingest.samplesSent() - sentAtStart, live.stream().mapToLong(LiveClient::measuredSamples).sum(),
                    live.stream().mapToLong(LiveClient::takeWindowWorstNanos).max().orElse(0) / 1e6));
        }
        live.forEach(LiveClient::stopMeasuring);
        long measureNanos = System.nanoTime() - measureStart;
        long ingestedMeasured = ingest.samplesSent() - sentAtStart;
        long cpu = Machine.processCpuNanos() - cpuBefore;
        ingest.stop();
        ingestThread.join();
        ingest.awaitFlushed(Duration.ofMinutes(2));
        long sentTotal = ingest.samplesSent();
        steps.phase("ingest stopped; letting clients receive the rest ...");
        Expected expected = new Expected(sentTotal / burstSamples, channels, burstSamples);
        awaitDelivered(live, expected);

        report(live, expected, sentTotal, ingestedMeasured, measureNanos, ingest, cpu);
        live.forEach(LiveClient::close);
        report.fact("load after", Machine.loadAverage());
    }

    private void openSession(BenchTarget target, String identity) {
        SessionStoreGrpc.newBlockingStub(target.channel()).withDeadlineAfter(1, TimeUnit.MINUTES)
                .createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                        .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                                .setIdentifier("Live benchmark " + identity)
                                .setTimestamp(OffsetDateTime.now(ZoneOffset.UTC).toString())
                                .setState(OPEN))
                        .build());
    }

    /** What each channel was sent: channels take turns, so the first {@code bursts % channels} had one more. */
    private record Expected(long bursts, int channels, int burstSamples) {
        long samples(LiveClient client) {
            long total = 0;
            for (int channel : client.channels()) {
                total += (bursts / channels + (channel < bursts % channels ? 1 : 0)) * burstSamples;
            }
            return total;
        }
    }

    /** Waits until every open client has what was sent on its channels, or {@link #DRAIN} passed. */
    private static void awaitDelivered(List<LiveClient> live, Expected expected) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (LiveClient client : live) {
                all &= client.closeReason() != null || client.samples() >= expected.samples(client);
            }
            if (all) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private void report(List<LiveClient> live, Expected expectedSamples, long sentTotal, long ingestedMeasured,
                        long measureNanos, LiveIngest ingest, long cpu) {
        Latencies all = new Latencies();
        long delivered = 0;
        int behind = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            LiveClient client = live.get(i);
            all.addAll(client.latencies());
            delivered += client.measuredSamples();
            long expected = expectedSamples.samples(client);
            if (client.closeReason() != null || client.samples() < expected) {
                behind++;
                if (problems.size() < 5) {
                    problems.add(String.format(Locale.ROOT, "client %d: %s, %,d of %,d samples", i,
                            client.closeReason() == null ? "open" : "closed " + client.closeReason(),
                            client.samples(), expected));
                }
            }
        }
        double seconds = measureNanos / 1e9;
        report.row("ingest rate", Math.rint(ingestedMeasured / seconds), "samples/s", null)
                .row("ingest-to-client latency p50", all.count() == 0 ? Double.NaN : all.percentileMillis(50), "ms",
                        null)
                .row("ingest-to-client latency p99", all.count() == 0 ? Double.NaN : all.percentileMillis(99), "ms",
                        LATENCY_TARGET)
                .row("ingest-to-client latency p999", all.count() == 0 ? Double.NaN : all.percentileMillis(99.9),
                        "ms", null)
                .row("ingest-to-client latency max", all.count() == 0 ? Double.NaN : all.maxMillis(),
                        "ms", null)
                .row("delivered to all clients", Math.rint(delivered / seconds), "samples/s", null)
                .row("clients behind or closed", behind, "clients", BEHIND_TARGET);
        int cores = Runtime.getRuntime().availableProcessors();
        report.fact("measured", String.format(Locale.ROOT, "%,d bursts received while measuring, %.1f s; the pacing "
                        + "loop fell at most %.1f ms behind its schedule; %,d samples sent in all%s", all.count(),
                seconds, ingest.worstLateNanos() / 1e6, sentTotal, cpu < 0 ? "" : String.format(Locale.ROOT,
                        "; this process used %.0f%% of %d cores", 100.0 * cpu / measureNanos / cores, cores)));
        if (!problems.isEmpty()) {
            report.fact("behind", String.join("; ", problems));
        }
    }
}
