package io.rta.server.bench;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.stream.StreamOptions;
import java.util.List;
import java.util.stream.Stream;

/** Options of {@code ./rta bench live}; the server's options are accepted too and configure the embedded one. */
public final class LiveBenchOptions {

    public static final OptionDef CLIENTS = OptionDef.of("Clients", "50", "Concurrent WebSocket clients.");
    public static final OptionDef CLIENT_CHANNELS = OptionDef.of("ClientChannels", "100",
            "Channels each client subscribes to (client i takes the block starting at i x ClientChannels, wrapping "
                    + "round the session's channels).");
    public static final OptionDef CHANNELS = OptionDef.of("Channels", "1000", "Channels of the live session.");
    public static final OptionDef RATE = OptionDef.of("Rate", "1000000",
            "Samples per second ingested (periodic uint16, spread evenly over the channels).");
    public static final OptionDef BURST_SAMPLES = OptionDef.of("BurstSamples", "100",
            "Samples per channel per data message (as in bench data: 100 ms of a 1 kHz channel): a channel sends a "
                    + "burst every BurstSamples / (Rate / Channels) seconds, stamped so its last sample is the moment "
                    + "it is sent.");
    public static final OptionDef SECONDS = OptionDef.of("Seconds", "60",
            "Measured seconds of ingest: long enough to include several of the chunk topology's slot roll-overs (a "
                    + "1 kHz 16-bit channel's slots last 20 s, and every channel's end at the same moment).");
    public static final OptionDef WARMUP_SECONDS = OptionDef.of("WarmupSeconds", "40",
            "Seconds of ingest before the measurement starts (clients connected and subscribed): long enough for "
                    + "every code path, the first slot roll-over's compaction included, to have run once, as in a "
                    + "server that has been up for a while.");

    /** The benchmark's own options. */
    public static final List<OptionDef> OWN = List.of(BenchOptions.HTTP_URL, BenchOptions.GRPC_ADDRESS,
            BenchOptions.JSON, CLIENTS, CLIENT_CHANNELS, CHANNELS, RATE, BURST_SAMPLES, SECONDS, WARMUP_SECONDS);

    /** Every option accepted: the benchmark's, then the server's (live streaming options included). */
    public static final List<OptionDef> ALL = Stream.of(OWN, ServerOptions.ALL, StreamOptions.ALL)
            .flatMap(List::stream).distinct().toList();

    private LiveBenchOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
