package io.rta.server.replay;

import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta replay}: its own, and the server's (BootstrapServers, RegistryUrl, TopicPrefix = the live
 * prefix it reads, DataPath, the limits, which must be the live server's for the replay to decide as it did).
 */
public final class ReplayOptions {

    public static final OptionDef REPLAY_PREFIX = OptionDef.computed("ReplayPrefix", "replay-<yyyyMMdd-HHmmss>.",
            ReplayOptions::timedPrefix,
            "Prefix of every topic the replay writes and of its application id (<ReplayPrefix>rta-server, hence "
                    + "its consumer group and its stores' changelogs). Must differ from TopicPrefix; the replay "
                    + "refuses to start when a topic with this prefix exists already (unless VerifyOnly).");
    public static final OptionDef FROM = OptionDef.of("From", "",
            "Replay the event topics from this instant (ISO-8601, e.g. 2026-01-01T00:00:00Z: each partition from "
                    + "its first record with a timestamp at or after it) instead of from the beginning. Views rebuilt "
                    + "from a time hold only what was written since, so Verify reports what is missing.");
    public static final OptionDef VERIFY = OptionDef.of("Verify", "false",
            "After the replay, compare its outputs with the live ones (sessions and configs record by record, "
                    + "chunks as served, byte for byte), print the differences and exit with 3 when there are any.");
    public static final OptionDef VERIFY_ONLY = OptionDef.of("VerifyOnly", "false",
            "Replay nothing: compare the outputs of an earlier replay (ReplayPrefix) with the live ones, as Verify.");
    public static final OptionDef MAX_DIFFERENCES = OptionDef.of("MaxDifferences", "20",
            "How many differences Verify prints (it counts them all).");
    public static final OptionDef PROGRESS_INTERVAL = OptionDef.of("ProgressInterval", "5000",
            "How often (ms) a progress line is printed (stderr).");
    public static final OptionDef STALL_TIMEOUT = OptionDef.of("StallTimeout", "300000",
            "The replay fails when its committed offsets have not moved for this long (ms).");

    /** The replay's own options. */
    public static final List<OptionDef> OWN = List.of(REPLAY_PREFIX, FROM, VERIFY, VERIFY_ONLY, MAX_DIFFERENCES,
            PROGRESS_INTERVAL, STALL_TIMEOUT);

    /** Every option: the server's (one --Config file serves both), then the replay's. */
    public static final List<OptionDef> ALL = Stream.concat(ServerOptions.ALL.stream(), OWN.stream()).toList();

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private ReplayOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }

    /** The default replay prefix: {@code replay-<UTC time to the second>.}. */
    private static String timedPrefix() {
        return "replay-" + STAMP.format(Instant.now()) + ".";
    }

    /** {@link #REPLAY_PREFIX}, checked. */
    static String replayPrefix(Options options) {
        String prefix = options.getString(REPLAY_PREFIX).trim();
        if (!prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("ReplayPrefix '" + prefix + "': only letters, digits, '.', '_' and '-'"
                    + " may appear in Kafka topic names");
        }
        if (prefix.equals(options.getString(RtaOptions.TOPIC_PREFIX))) {
            throw new IllegalArgumentException("ReplayPrefix must differ from TopicPrefix ('" + prefix
                    + "'): a replay never writes to the live topics");
        }
        return prefix;
    }

    /** {@link #FROM}: empty = from the beginning. */
    static Optional<Instant> from(Options options) {
        String text = options.getString(FROM).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("From '" + text + "': expected an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z");
        }
    }

    /** BootstrapServers, or the embedded broker of a {@code ./rta server} on this machine (KafkaPort). */
    static String bootstrapServers(Options options) {
        String servers = options.getString(RtaOptions.BOOTSTRAP_SERVERS);
        return servers.isBlank() ? LOCAL_HOST + ":" + options.getInt(RtaOptions.KAFKA_PORT) : servers;
    }

    /** RegistryUrl, or the embedded registry of a {@code ./rta server} on this machine (RegistryPort). */
    static String registryUrl(Options options) {
        String url = options.getString(RtaOptions.REGISTRY_URL);
        return url.isBlank()
                ? "http://" + LOCAL_HOST + ":" + options.getInt(RtaOptions.REGISTRY_PORT)
                        + io.rta.server.embedded.RegistryProcess.CCOMPAT_PATH
                : url;
    }

    /** Where the embedded broker and registry of {@code ./rta server} listen. */
    private static final String LOCAL_HOST = "127.0.0.1";
}
