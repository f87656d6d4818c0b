package io.rta.service.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** The server's options, defined once with their defaults and docs; the README's configuration table is {@link #describe()}. */
public final class RtaOptions {

    public static final OptionDef CONFIG = Options.CONFIG;
    public static final OptionDef DATA_PATH = OptionDef.of("DataPath", "./data",
            "Directory for all local state: the embedded broker's log, the registry's log, view stores.");
    public static final OptionDef HTTP_PORT = OptionDef.of("HttpPort", "8080",
            "Port of the REST API, health and metrics.");
    public static final OptionDef GRPC_PORT = OptionDef.of("GrpcPort", "8082",
            "Port of the gRPC services.");
    public static final OptionDef BIND_ADDRESS = OptionDef.of("BindAddress", "0.0.0.0",
            "Address the HTTP and gRPC ports listen on (0.0.0.0 = every interface, 127.0.0.1 = this machine only).");
    public static final OptionDef ADMIN_PORT = OptionDef.of("AdminPort", "",
            "Port of the Dropwizard admin servlet (threads, tasks such as log-level), on 127.0.0.1 only; empty "
                    + "turns it off. It is never on the API port.");
    public static final OptionDef BOOTSTRAP_SERVERS = OptionDef.of("BootstrapServers", "",
            "Kafka bootstrap servers of an existing cluster; empty starts the embedded single-node broker.");
    public static final OptionDef REGISTRY_URL = OptionDef.of("RegistryUrl", "",
            "Confluent-compatible schema registry API, e.g. http://host:8080/apis/ccompat/v7; empty starts the "
                    + "embedded Apicurio registry.");
    public static final OptionDef TOPIC_PREFIX = OptionDef.of("TopicPrefix", "rta.",
            "Prefix of every topic name (and of the Kafka Streams application ids).");
    /**
     * {@link #TOPIC_PREFIX} for a service that reads no topic (the gateway, the data adapters): accepted, so one
     * configuration (file, environment) serves every service of a deployment, and used for nothing.
     */
    public static final OptionDef TOPIC_PREFIX_UNUSED = OptionDef.of("TopicPrefix", "rta.",
            "Accepted so one configuration serves every service; this service reads no Kafka topic.");
    public static final OptionDef WRITE_TIMEOUT = OptionDef.of("WriteTimeout", "10000",
            "Milliseconds a write waits while Kafka and the view it waits on make no progress before it fails: a write "
                    + "waits as long as it takes while the view moves on (a burst, a cold start), and fails once the "
                    + "view has stopped for this long.");
    public static final OptionDef MAX_WRITE_LAG = OptionDef.of("MaxWriteLag", "1000",
            "Milliseconds a WriteDataStream may run ahead of the chunk view, at the pace the view has shown for it "
                    + "(what it made readable of the stream in this time) before the server stops reading the stream "
                    + "(gRPC flow control holds the client): a fast writer is paced to the view, and its flush "
                    + "markers are answered about this long after it sends them.");
    public static final OptionDef PARTITIONS = OptionDef.of("Partitions", "6",
            "Partitions of the topics the server creates.");
    public static final OptionDef REPLICATION_FACTOR = OptionDef.of("ReplicationFactor", "1",
            "Replication factor of the topics the server creates.");
    public static final OptionDef KAFKA_PORT = OptionDef.of("KafkaPort", "9092",
            "Port of the embedded broker (when BootstrapServers is empty).");
    public static final OptionDef REGISTRY_PORT = OptionDef.of("RegistryPort", "8085",
            "HTTP port of the embedded registry (when RegistryUrl is empty).");
    public static final OptionDef REGISTRY_JAR = OptionDef.of("RegistryJar", "",
            "Apicurio Registry runner jar for the embedded registry; empty finds the one the build unpacks into "
                    + "services/server/target/apicurio.");
    public static final OptionDef SERVICE_LABEL = OptionDef.computed("ServiceInfo:Label",
            "RTA on Kafka (<hostname>)", () -> "RTA on Kafka (" + hostName() + ")",
            "Label reported by /rta/v2/info.");
    public static final OptionDef SERVICE_DESCRIPTION = OptionDef.of("ServiceInfo:Description",
            "Remote Telemetry Architecture services on an event-sourced Kafka backbone.",
            "Description reported by /rta/v2/info.");

    /** Shared by every service; the all-in-one server lists it among its own options. */
    public static final OptionDef LOG_FORMAT = OptionDef.of("LogFormat", "text",
            "Log format: text, or json for structured logs (one JSON object per line). Applies from the process's "
                    + "first line.");
    /** Shared by every command: the level of every logger that LogLevels and the quiet defaults do not name. */
    public static final OptionDef LOG_LEVEL = OptionDef.of("LogLevel", "INFO",
            "Log level of every logger not named in LogLevels: TRACE, DEBUG, INFO, WARN, ERROR or OFF. Kafka's, "
                    + "ZooKeeper's and Jetty's own loggers stay at WARN unless LogLevels names them.");
    /** Shared by every command: per-logger levels, over LogLevel and the quiet defaults. */
    public static final OptionDef LOG_LEVELS = OptionDef.of("LogLevels", "",
            "Levels of single loggers (and the loggers below them), comma-separated logger=LEVEL, e.g. "
                    + "org.apache.kafka=INFO,io.rta.data=DEBUG. Logger names are case-sensitive.");

    /** Every option, in documentation order. */
    public static final List<OptionDef> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(CONFIG,
            DATA_PATH, HTTP_PORT, GRPC_PORT, BIND_ADDRESS, ADMIN_PORT, BOOTSTRAP_SERVERS, REGISTRY_URL, TOPIC_PREFIX,
            WRITE_TIMEOUT, MAX_WRITE_LAG, PARTITIONS, REPLICATION_FACTOR, KAFKA_PORT, REGISTRY_PORT, REGISTRY_JAR, SERVICE_LABEL,
            SERVICE_DESCRIPTION, KafkaClientOptions.KAFKA), LimitOptions.ALL.stream()).toList();

    private RtaOptions() {
    }

    /** The server's options from the command line, the process environment and the config file. */
    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }

    /** The server's options from explicit sources: for tests. */
    public static Options load(String[] args, Map<String, String> env, java.nio.file.Path workingDir) {
        return Options.load(ALL, args, env, workingDir);
    }

    /** A Markdown table of every option: name, environment variable, default and doc. */
    public static String describe() {
        StringBuilder table = new StringBuilder()
                .append("| Option | Environment | Default | Description |\n")
                .append("|---|---|---|---|\n");
        for (OptionDef def : ALL) {
            table.append("| `").append(def.name()).append("` | `").append(def.envName()).append("` | ")
                    .append(def.documentedDefault().isEmpty() ? "" : "`" + def.documentedDefault() + "`")
                    .append(" | ").append(def.doc().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The host name is only a label; the name the OS would report is the best fallback.
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
