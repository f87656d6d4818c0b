package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.util.List;
import java.util.stream.Stream;

/** Options of {@code ./rta bench viewer}; the server's options are accepted too and configure the embedded one. */
public final class ViewerBenchOptions {

    public static final OptionDef SAMPLES = OptionDef.of("Samples", "10000000",
            "Samples of the channel whose first plot is timed (the demo race's 1 kHz speed channel).");
    public static final OptionDef RUNS = OptionDef.of("Runs", "5",
            "Timed first plots, each a fresh page load in the same browser.");
    public static final OptionDef LIVE_CHANNELS = OptionDef.of("LiveChannels", "50",
            "Channels of the live session the viewer follows, all plotted.");
    public static final OptionDef LIVE_RATE = OptionDef.of("LiveRate", "1000", "Samples per second of each live channel.");
    public static final OptionDef LIVE_SECONDS = OptionDef.of("LiveSeconds", "20",
            "Seconds of frame times measured while following the live session (after 5 s of warm-up).");
    public static final OptionDef WORKERS = OptionDef.of("Workers", "off",
            "The page's localStorage rta.viewer.workers: 'off' (the viewer's default) reads a long channel on the "
                    + "page's main thread in one response; 'on' or a count of 1-8 in parallel time segments, each "
                    + "read and decoded by a worker.");
    public static final OptionDef SCREENSHOTS = OptionDef.of("Screenshots", "",
            "Directory to save a screenshot of each phase into (first plot, live); empty saves none.");

    public static final List<OptionDef> OWN = List.of(BenchOptions.HTTP_URL, BenchOptions.GRPC_ADDRESS,
            BenchOptions.JSON, SAMPLES, RUNS, LIVE_CHANNELS, LIVE_RATE, LIVE_SECONDS, WORKERS, SCREENSHOTS);

    public static final List<OptionDef> ALL = Stream.of(OWN, ServerOptions.ALL).flatMap(List::stream).distinct()
            .toList();

    private ViewerBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
