package io.rta.server;

import io.rta.config.module.ConfigModule;
import io.rta.data.module.DataModule;
import io.rta.schemamapping.module.SchemaMappingModule;
import io.rta.service.auth.AuthSettings;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.tls.TlsSettings;
import io.rta.stream.StreamOptions;
import io.rta.ui.UiOptions;
import java.util.List;
import java.util.stream.Stream;

/** Options of the all-in-one server: the common ones in {@code RtaOptions}, its own, then live streaming's. */
public final class ServerOptions {

    public static final OptionDef COMMIT_INTERVAL = OptionDef.of("CommitInterval", "50",
            "Kafka Streams commit interval (ms). With exactly-once processing, results become visible to readers "
                    + "at commits, so this bounds write latency.");
    public static final OptionDef STREAM_THREADS = OptionDef.of("StreamThreads", "2",
            "Kafka Streams threads of this instance.");
    public static final OptionDef GRPC_MAX_MESSAGE_SIZE = OptionDef.of("GrpcMaxMessageSize", "67108864",
            "Largest gRPC message accepted (bytes). Requests are also checked against each API's own limits, "
                    + "which answer INVALID_ARGUMENT naming the limit.");
    public static final OptionDef MAX_CONFIG_SIZE = ConfigModule.MAX_CONFIG_SIZE;
    public static final OptionDef MAX_SCHEMA_MAPPING_SIZE = SchemaMappingModule.MAX_SCHEMA_MAPPING_SIZE;
    public static final OptionDef LOG_FORMAT = RtaOptions.LOG_FORMAT;
    public static final OptionDef LOG_LEVEL = RtaOptions.LOG_LEVEL;
    public static final OptionDef LOG_LEVELS = RtaOptions.LOG_LEVELS;
    public static final OptionDef STARTUP_TIMEOUT = OptionDef.of("StartupTimeout", "300000",
            "How long (ms) start-up may wait for the views to load from Kafka before giving up.");

    public static final OptionDef ADVERTISED_HOST = OptionDef.computed("AdvertisedHost", "<hostname>",
            ServerOptions::localHostName,
            "Host name other instances use to reach this one's HTTP port: Kafka Streams' application.server "
                    + "(AdvertisedHost:HttpPort), to which data reads for data identities this instance owns are "
                    + "forwarded.");
    public static final OptionDef STANDBY_REPLICAS = OptionDef.of("StandbyReplicas", "",
            "Kafka Streams standby replicas of each state store (num.standby.replicas): warm copies on other "
                    + "instances, so a failed instance's chunks are served again quickly. Empty means 1 against a "
                    + "cluster (BootstrapServers set) and 0 for the embedded single node.");

    public static final OptionDef STREAMS_TASK_TIMEOUT = OptionDef.of("StreamsTaskTimeout", "300000",
            "Kafka Streams task.timeout.ms: how long (ms) a task may make no progress (broker unreachable) before its "
                    + "stream thread fails. A failed thread is replaced and processing resumes when the broker is "
                    + "back, so this bounds how long a thread waits, not how long an outage may last.");
    public static final OptionDef IDLE_READ_TIMEOUT = DataModule.IDLE_READ_TIMEOUT;
    /** The toolkit's HTTPS port of the server. */
    public static final OptionDef HTTPS_PORT = TlsSettings.httpsPort(8081);

    /** Every option of the server: the common ones, then the server's own. */
    public static final List<OptionDef> ALL = Stream.of(RtaOptions.ALL.stream(),
            Stream.of(COMMIT_INTERVAL, STREAM_THREADS, GRPC_MAX_MESSAGE_SIZE, MAX_CONFIG_SIZE, MAX_SCHEMA_MAPPING_SIZE,
                    LOG_FORMAT, LOG_LEVEL, LOG_LEVELS, STARTUP_TIMEOUT, ADVERTISED_HOST, STANDBY_REPLICAS, STREAMS_TASK_TIMEOUT,
                    IDLE_READ_TIMEOUT),
            StreamOptions.ALL.stream(), AuthSettings.OPTIONS.stream(), TlsSettings.options(HTTPS_PORT).stream(),
            UiOptions.ALL.stream())
            .flatMap(s -> s).toList();

    /** {@link #STANDBY_REPLICAS}, or its default for where the server runs. */
    public static int standbyReplicas(Options options) {
        String value = options.getString(STANDBY_REPLICAS);
        if (!value.isBlank()) {
            return options.getInt(STANDBY_REPLICAS);
        }
        return options.getString(RtaOptions.BOOTSTRAP_SERVERS).isBlank() ? 0 : 1;
    }

    private ServerOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            // the name the OS reports is the best fallback; other instances must be able to resolve it
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
