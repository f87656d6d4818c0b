package io.rta.server.demo;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.util.List;

/** Options of {@code ./rta demo}. */
public final class DemoOptions {

    public static final OptionDef GRPC_URI = OptionDef.of("GrpcUri", "http://localhost:8082/",
            "gRPC URI of the server (or of the session, config and data services' host) to write the demo to.");
    public static final OptionDef SAMPLES = OptionDef.of("Samples", "10000000",
            "Samples of the demo race's 1 kHz speed channel (10,000,000 = a race of 2 h 47 min); its other channels "
                    + "are sampled at 100 Hz, 10 Hz and timestamped at ~10 Hz over the same time.");
    public static final OptionDef SESSIONS = OptionDef.of("Sessions", "40",
            "Test sessions (metadata only) written next to the race, in folders, to browse and filter.");
    public static final OptionDef LIVE_SECONDS = OptionDef.of("LiveSeconds", "0",
            "Seconds to write a live (open) session for, then close it; 0 = no live session.");
    public static final OptionDef LIVE_CHANNELS = OptionDef.of("LiveChannels", "50",
            "Channels of the live session (periodic uint16).");
    public static final OptionDef LIVE_RATE = OptionDef.of("LiveRate", "1000",
            "Samples per second of each live channel.");
    public static final OptionDef PREFIX = OptionDef.of("Prefix", "demo",
            "Prefix of the demo's session identities and config identifiers (demo-race, demo-live, demo-test-001, "
                    + "...); writing the demo again with the same prefix replaces it.");

    public static final List<OptionDef> ALL = List.of(RtaOptions.CONFIG, GRPC_URI, SAMPLES, SESSIONS, LIVE_SECONDS,
            LIVE_CHANNELS, LIVE_RATE, PREFIX, RtaOptions.LOG_LEVEL, RtaOptions.LOG_LEVELS);

    private DemoOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
