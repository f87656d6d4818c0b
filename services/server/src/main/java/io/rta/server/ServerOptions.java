package io.rta.server;

import io.rta.service.config.OptionDef;

/** Options of the all-in-one server beyond the common ones in {@code RtaOptions}. */
public final class ServerOptions {

    public static final OptionDef COMMIT_INTERVAL = OptionDef.of("CommitInterval", "50",
            "Kafka Streams commit interval (ms). With exactly-once processing, results become visible to readers "
                    + "at commits, so this bounds write latency.");
    public static final OptionDef STREAM_THREADS = OptionDef.of("StreamThreads", "2",
            "Kafka Streams threads of this instance.");
    public static final OptionDef GRPC_MAX_MESSAGE_SIZE = OptionDef.of("GrpcMaxMessageSize", "67108864",
            "Largest gRPC message accepted (bytes). Requests are also checked against each API's own limits, "
                    + "which answer INVALID_ARGUMENT naming the limit.");
    public static final OptionDef LOG_FORMAT = OptionDef.of("LogFormat", "text",
            "Log format: text, or json for structured logs (one JSON object per line).");
    public static final OptionDef STARTUP_TIMEOUT = OptionDef.of("StartupTimeout", "300000",
            "How long (ms) start-up may wait for the views to load from Kafka before giving up.");

    private ServerOptions() {
    }
}
