package io.rta.server.embedded;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded single-node KRaft broker and the supervised schema registry, without the RTA services:
 * {@code ./rta cluster}, for services run on their own against it (and for tests that stop the broker apart from a
 * server), and the embedded part of {@code ./rta server}. The two start together ({@link #launch}). Data lives under
 * {@code DataPath} as for {@code ./rta server}, so the same directory can serve either.
 */
public final class EmbeddedCluster implements AutoCloseable {

    /** The options of {@code ./rta cluster}. */
    public static final List<OptionDef> OPTIONS = List.of(RtaOptions.CONFIG, RtaOptions.DATA_PATH,
            RtaOptions.KAFKA_PORT, RtaOptions.REGISTRY_PORT, RtaOptions.REGISTRY_JAR, RtaOptions.TOPIC_PREFIX,
            RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL, RtaOptions.LOG_LEVELS);

    private final EmbeddedKafka kafka;
    private final RegistryProcess registry;
    private final long launchedNanos;
    private final long brokerReadyNanos;
    private volatile long registryReadyNanos;

    private EmbeddedCluster(EmbeddedKafka kafka, RegistryProcess registry, long launchedNanos) {
        this.kafka = kafka;
        this.registry = registry;
        this.launchedNanos = launchedNanos;
        this.brokerReadyNanos = System.nanoTime();
    }

    public static Options load(String[] args) {
        return Options.load(OPTIONS, args);
    }

    /** Starts the broker and the registry together; returns when both answer. */
    public static EmbeddedCluster start(Options options) throws java.io.IOException {
        EmbeddedCluster cluster = launch(options);
        try {
            return cluster.awaitRegistry();
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Launches the registry's JVM, then starts the broker, and returns when the broker answers; the registry may
     * still be starting ({@link #awaitRegistry}). Its JVM and Quarkus boot (most of its start-up) thus overlap the
     * broker's start; its Kafka clients retry until the broker answers, and a registry that gave up on it is launched
     * once more.
     */
    public static EmbeddedCluster launch(Options options) throws java.io.IOException {
        long launched = System.nanoTime();
        Path dataPath = options.getPath(RtaOptions.DATA_PATH).toAbsolutePath();
        Files.createDirectories(dataPath);
        int kafkaPort = options.getInt(RtaOptions.KAFKA_PORT);
        // checked before the registry is pointed at the port: it must not find someone else's broker there
        Ports.requireFree(kafkaPort, RtaOptions.KAFKA_PORT.name());
        RegistryProcess registry = RegistryProcess.launch(RegistryProcess.locateRunnerJar(options), dataPath,
                options.getInt(RtaOptions.REGISTRY_PORT), EmbeddedKafka.bootstrapServers(kafkaPort),
                options.getString(RtaOptions.TOPIC_PREFIX));
        try {
            return new EmbeddedCluster(EmbeddedKafka.start(dataPath, kafkaPort), registry, launched);
        } catch (RuntimeException | Error e) {
            registry.close();
            throw e;
        }
    }

    /** Returns when the registry answers (it is closed, with the cluster, when it does not). */
    public EmbeddedCluster awaitRegistry() {
        registry.awaitReady();
        registryReadyNanos = System.nanoTime();
        return this;
    }

    /** How long the broker took to answer, from the launch. */
    public Duration brokerStartup() {
        return Duration.ofNanos(brokerReadyNanos - launchedNanos);
    }

    /** How long the registry took to answer, from the launch (it started together with the broker). */
    public Duration registryStartup() {
        return Duration.ofNanos(registryReadyNanos - launchedNanos);
    }

    /** The supervised registry child (its health and restarts). */
    public RegistryProcess registry() {
        return registry;
    }

    /** What to give a service as {@code BootstrapServers}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** What to give a service as {@code RegistryUrl}. */
    public String registryUrl() {
        return registry.ccompatUrl();
    }

    /** Stops the registry, then the broker. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
