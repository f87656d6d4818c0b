package io.rta.server.embedded;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded single-node KRaft broker and the supervised schema registry, without the RTA services:
 * {@code ./rta cluster}, for services run on their own against it (and for tests that stop the broker apart from a
 * server). Data lives under {@code DataPath} as for {@code ./rta server}, so the same directory can serve either.
 */
public final class EmbeddedCluster implements AutoCloseable {

    /** The options of {@code ./rta cluster}. */
    public static final List<OptionDef> OPTIONS = List.of(RtaOptions.CONFIG, RtaOptions.DATA_PATH,
            RtaOptions.KAFKA_PORT, RtaOptions.REGISTRY_PORT, RtaOptions.REGISTRY_JAR, RtaOptions.TOPIC_PREFIX,
            RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL, RtaOptions.LOG_LEVELS);

    private final EmbeddedKafka kafka;
    private final RegistryProcess registry;

    private EmbeddedCluster(EmbeddedKafka kafka, RegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    public static Options load(String[] args) {
        return Options.load(OPTIONS, args);
    }

    /** Starts the broker, then the registry on it; returns when both answer. */
    public static EmbeddedCluster start(Options options) throws java.io.IOException {
        Path dataPath = options.getPath(RtaOptions.DATA_PATH).toAbsolutePath();
        Files.createDirectories(dataPath);
        EmbeddedKafka kafka = EmbeddedKafka.start(dataPath, options.getInt(RtaOptions.KAFKA_PORT));
        try {
            RegistryProcess registry = RegistryProcess.start(RegistryProcess.locateRunnerJar(options), dataPath,
                    options.getInt(RtaOptions.REGISTRY_PORT), kafka.bootstrapServers(),
                    options.getString(RtaOptions.TOPIC_PREFIX));
            return new EmbeddedCluster(kafka, registry);
        } catch (RuntimeException | Error e) {
            kafka.close();
            throw e;
        }
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
