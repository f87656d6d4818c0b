package io.rta.server.bench;

import io.rta.server.demo.Demo;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta bench viewer}: the browser viewer ({@code /ui/}) in a real headless Chromium against a server holding
 * the demo race. Times the first plot of its {@code Samples}-sample channel (each run a fresh page load: session,
 * config, the whole channel through the chunked data API, LZ4 and protobuf decoded in the page, min/max decimation,
 * uPlot), then follows a live session of {@code LiveChannels} channels at {@code LiveRate} with every channel plotted
 * and records the page's frame times (requestAnimationFrame intervals, and the time each frame spent redrawing).
 */
public final class ViewerBench {

    static final BenchReport.Target FIRST_PLOT_TARGET = BenchReport.Target.atMost(1000, "ms");
    /** 30 frames a second: smooth enough to follow a live session; the browser's own limit is 60. */
    static final BenchReport.Target FRAME_TARGET = BenchReport.Target.atMost(33.4, "ms");
    private static final Duration PLOT_TIMEOUT = Duration.ofSeconds(120);
    private static final int LIVE_WARMUP_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ViewerBench.class);

    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);

    private final Progress steps;
    private final PrintStream progress;
    private final BenchReport report = Machine.describe(new BenchReport("bench viewer"));

    private ViewerBench(Progress steps) {
        this.steps = steps;
        this.progress = steps.statusStream();
    }

    public static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = ViewerBenchOptions.load(args);
        EffectiveOptions.log(LOG, "bench viewer", options);
        BenchOutput output = BenchOutput.of(options);
        ViewerBench bench = new ViewerBench(Progress.to(progress));
        bench.run(options);
        return output.publish(bench.report, out, progress);
    }

    private void run(Options options) throws Exception {
        report.options(options);
        String workers = options.getString(ViewerBenchOptions.WORKERS).strip();
        if (!workers.matches("on|off|[1-8]")) {
            throw new IllegalArgumentException("--Workers must be 'on', 'off' or a count from 1 to 8, not '" + workers
                    + "'");
        }
        steps.phase(options.getString(BenchOptions.HTTP_URL).isBlank()
                ? "starting an embedded server ..." : "connecting to " + options.getString(BenchOptions.HTTP_URL));
        BenchTarget opened = report.attemptResult("server start", () -> BenchTarget.open(options));
        if (opened == null) {
            return;
        }
        try (BenchTarget target = opened) {
            report.fact("server", target.isEmbedded() ? "embedded all-in-one in this JVM (broker, registry child "
                    + "process, streams, HTTP, gRPC, the demo writer); Chromium and its driver are processes of their "
                    + "own on the same machine" : "running server at " + target.httpUrl());
            report.fact("load before", Machine.loadAverage());
            String prefix = "viewer-bench-" + UUID.randomUUID().toString().substring(0, 8);
            int liveSeconds = BenchOptions.atLeast(options, ViewerBenchOptions.LIVE_SECONDS, 1);
            Demo demo = Demo.over(target.channel(), progress, "--Prefix", prefix,
                    "--Samples", options.getString(ViewerBenchOptions.SAMPLES), "--Sessions", "0",
                    "--LiveChannels", options.getString(ViewerBenchOptions.LIVE_CHANNELS),
                    "--LiveRate", options.getString(ViewerBenchOptions.LIVE_RATE),
                    "--LiveSeconds", Integer.toString(liveSeconds + LIVE_WARMUP_SECONDS + 30));
            steps.phase("writing the demo race (" + options.getString(ViewerBenchOptions.SAMPLES)
                    + " samples on its speed channel) ...");
            if (!report.attempt("demo race written", demo::writeRecorded)) {
                return;
            }
            if (target.isEmbedded()) {
                // as a user opens a recorded session: on a server at rest, not while it still folds the race
                Machine.settle(report, steps, "settled", "the first plots", SETTLE_MAX);
            }
            String screenshots = options.getString(ViewerBenchOptions.SCREENSHOTS).strip();
            steps.phase("starting headless Chromium ...");
            try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
                String ui = target.httpUrl() + "/ui/";
                report.fact("browser", String.valueOf(browser.script("return navigator.userAgent")));
                browser.driver().get(ui);
                browser.script("localStorage.setItem('rta.viewer.workers', arguments[0])", workers);
                report.fact("workers", workers);
                report.attempt("first plot", () -> firstPlots(browser, ui, demo.raceIdentity(),
                        BenchOptions.atLeast(options, ViewerBenchOptions.RUNS, 1),
                        options.getLong(ViewerBenchOptions.SAMPLES), screenshots));
                report.attempt("live frames", () -> live(browser, ui, target, demo,
                        BenchOptions.atLeast(options, ViewerBenchOptions.LIVE_CHANNELS, 1),
                        BenchOptions.atLeast(options, ViewerBenchOptions.LIVE_RATE, 1), liveSeconds, screenshots));
            }
            report.fact("load after", Machine.loadAverage());
        } finally {
            steps.done();
        }
    }

    private void firstPlots(HeadlessChromium browser, String ui, String race, int runs, long samples,
                            String screenshots) throws Exception {
        double[] plot = new double[runs];
        double[] page = new double[runs];
        double[] fetch = new double[runs];
        java.util.Set<String> paths = new java.util.TreeSet<>();
        for (int run = 0; run < runs; run++) {
            steps.phase("first plot " + (run + 1) + " of " + runs + ": " + ui + "#/session/" + race
                    + "?p=vCar:demo ...");
            browser.driver().get("about:blank");
            browser.driver().get(ui + "#/session/" + race + "?p=vCar:demo");
            browser.await("the first plot of vCar", PLOT_TIMEOUT, () -> Boolean.TRUE.equals(browser.script(
                    "return !!(window.rtaViewer && window.rtaViewer.timings"
                            + " && window.rtaViewer.timings.firstPlotMs != null)")));
            plot[run] = number(browser.script("return window.rtaViewer.timings.firstPlotMs"));
            page[run] = number(browser.script("return window.rtaViewer.timings.firstPlotAt"));
            fetch[run] = number(browser.script("return window.rtaViewer.timings.lastFetchMs"));
            paths.add(String.valueOf(browser.script("return window.rtaViewer.timings.lastReadPath")));
            long loaded = (long) number(browser.script(
                    "return Number(document.querySelector('[data-channel=\"vCar\"]').dataset.loaded)"));
            if (loaded != samples) {
                throw new IllegalStateException("the plot holds " + loaded + " samples of vCar, not the " + samples
                        + " written");
            }
            if (run == 0 && !screenshots.isEmpty()) {
                browser.screenshot(Path.of(screenshots, "viewer-first-plot.png"));
            }
        }
        for (int run = 0; run < runs; run++) {
            report.row(String.format(Locale.ROOT, "first plot of %,d samples, run %d", samples, run + 1), plot[run],
                    "ms", null);
        }
        report.row("first plot, median of " + runs, median(plot), "ms", FIRST_PLOT_TARGET)
                .row("first plot, worst of " + runs, Arrays.stream(plot).max().orElse(Double.NaN), "ms", null)
                .row("first plot: the channel's read (fetch + decode), median", median(fetch), "ms", null)
                .row("page load to first plot, median", median(page), "ms", null);
        report.fact("first plot", "from the plot's request (the page's deep link to the session with vCar) to "
                + "uPlot's first draw holding every sample: session JSON, config, the channel's chunks (streamed "
                + "responses: one per decoding worker, or one on the main thread), decoding, folding into the min/max "
                + "summary, drawing; 'page load to first plot' counts from navigation start; read by: "
                + String.join(", ", paths));
    }

    private void live(HeadlessChromium browser, String ui, BenchTarget target, Demo demo, int channels, int rate,
                      int seconds, String screenshots) throws Exception {
        steps.phase("starting the live session (" + channels + " channels) ...");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                demo.writeLive(progress);
            } catch (Exception e) {
                throw new IllegalStateException("the live writer failed: " + e.getMessage(), e);
            }
        });
        awaitSession(target, demo.liveIdentity(), writer);
        String parameters = IntStream.rangeClosed(1, channels)
                .mapToObj(c -> String.format(Locale.ROOT, "Live%02d:live", c)).collect(Collectors.joining(","));
        browser.driver().get("about:blank");
        browser.driver().get(ui + "#/session/" + demo.liveIdentity() + "?p=" + parameters);
        browser.await("the viewer following the live session", PLOT_TIMEOUT, () -> "live".equals(browser.script(
                "const s = document.getElementById('live-status'); return s && s.textContent.trim()")));
        steps.phase("following the live session: " + LIVE_WARMUP_SECONDS + " s warm-up, " + seconds
                + " s measured ...");
        Thread.sleep(LIVE_WARMUP_SECONDS * 1000L);
        // frame intervals by a probe of our own (every animation frame of the page, whatever the viewer does);
        // the viewer records the time each of its redraws took in timings.frames
        browser.script("window.rtaViewer.timings.frames = []; const probe = window.__rtaFrames = [];"
                + " let last = performance.now(); const tick = (t) => { probe.push(t - last); last = t;"
                + " if (!window.__rtaStop) requestAnimationFrame(tick); }; requestAnimationFrame(tick);");
        Thread.sleep(seconds * 1000L);
        browser.script("window.__rtaStop = true");
        List<Double> frames = numbers(browser.script("return window.__rtaFrames.slice()"));
        List<Double> redraws = numbers(browser.script("return window.rtaViewer.timings.frames.slice()"));
        double lag = number(browser.script("return window.rtaViewer.liveLagSeconds()"));
        if (!screenshots.isEmpty()) {
            browser.screenshot(Path.of(screenshots, "viewer-live.png"));
        }
        String status = String.valueOf(browser.script(
                "const s = document.getElementById('live-status'); return s && s.textContent.trim()"));
        demo.stopLive();
        writer.get(60, java.util.concurrent.TimeUnit.SECONDS); // flushed and the session closed
        if (frames.isEmpty()) {
            throw new IllegalStateException("the page recorded no frames while following the live session");
        }
        double[] f = frames.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] r = redraws.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        report.row("live frame interval p50", percentile(f, 50), "ms", null)
                .row("live frame interval p95", percentile(f, 95), "ms", FRAME_TARGET)
                .row("live frame interval p99", percentile(f, 99), "ms", null)
                .row("live frame interval max", f[f.length - 1], "ms", null)
                .row("live frames per second", f.length / (double) seconds, "frames/s", null)
                .row("live redraw time p50", r.length == 0 ? Double.NaN : percentile(r, 50), "ms", null)
                .row("live redraw time p99", r.length == 0 ? Double.NaN : percentile(r, 99), "ms", null)
                .row("live edge behind the wall clock", lag * 1000, "ms", null);
        report.fact("live", String.format(Locale.ROOT, "%d channels x %d samples/s, all plotted; %,d frames in %d s; "
                + "status '%s'; frame interval = time between animation frames while following (the browser's own "
                + "cap is 60/s), redraw time = the viewer's work in a frame (append, decimate, draw)", channels, rate,
                f.length, seconds, status));
    }

    private static void awaitSession(BenchTarget target, String identity, CompletableFuture<Void> writer)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (writer.isCompletedExceptionally()) {
                writer.join();
            }
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(target.httpUrl()
                    + "/rta/v2/sessions/" + identity)).build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the live session " + identity + " did not appear within 60 s");
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static List<Double> numbers(Object value) {
        List<Double> numbers = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                numbers.add(number(item));
            }
        }
        return numbers;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
