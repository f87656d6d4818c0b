package io.rta.config.module;

import io.grpc.BindableService;
import io.rta.config.api.ConfigAccess;
import io.rta.config.grpc.ConfigStoreLimits;
import io.rta.config.grpc.ConfigStoreService;
import io.rta.config.kafka.ConfigWrites;
import io.rta.config.kafka.KafkaConfigStore;
import io.rta.config.resources.ConfigResource;
import io.rta.config.validation.ConfigValidator;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.module.ServiceContext;
import io.rta.service.module.ServiceModule;
import io.rta.topology.Topics;
import io.rta.topology.config.ConfigRules;
import io.rta.topology.config.ConfigTopology;
import io.rta.topology.limits.InputLimits;
import io.rta.service.http.ApiPaths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.Topology;

/**
 * The config service: the Config REST API and {@code ConfigStore} over gRPC, answering from the global config view of
 * the process's Kafka Streams application (every instance holds every config) and publishing through its producer.
 */
public final class ConfigModule implements ServiceModule {

    /** The standalone config service's Kafka Streams application, after the topic prefix. */
    public static final String APPLICATION = "rta-config-service";

    public static final OptionDef MAX_CONFIG_SIZE = OptionDef.of(ConfigStoreLimits.MAX_CONFIG_SIZE_OPTION,
            Integer.toString(ConfigStoreLimits.DEFAULT_MAX_CONFIG_BYTES),
            "Largest config (bytes) PutConfigStream accepts; larger ones get INVALID_ARGUMENT. A config travels as one "
                    + "Kafka record, so this stays below the 64 MiB record limit of the config topics.");

    private final KafkaConfigStore configs;
    private final ConfigValidator validator;
    private final ConfigStoreLimits limits;
    private final ConfigAccess access;

    /**
     * @param context its options list {@link #MAX_CONFIG_SIZE}
     * @param writes what the process's topology reports the config view applied ({@link #writes})
     * @param access which configs a caller may read ({@link ConfigAccess#ANY} without access policies)
     */
    public ConfigModule(ServiceContext context, ConfigWrites writes, ConfigAccess access) {
        this.access = access;
        this.limits = limits(context.options());
        this.configs = new KafkaConfigStore(context.producer(), context.topics(), context.streams(), writes,
                context.timer(), context.writeTimeout());
        this.validator = new ConfigValidator(context.limits());
        context.metrics().viewLag("configs", context.streams(),
                runner -> runner.recordsBehind(context.topics().configPublications().name()));
    }

    /**
     * {@link #MAX_CONFIG_SIZE} as limits.
     *
     * @throws IllegalArgumentException when it is above what one Kafka record of the config topics can carry
     */
    public static ConfigStoreLimits limits(Options options) {
        int max = options.getInt(MAX_CONFIG_SIZE);
        int ceiling = ConfigRules.MAX_CONFIG_BYTES_CEILING;
        if (max > ceiling) {
            throw new IllegalArgumentException("MaxConfigSize " + max + " is above " + ceiling
                    + " bytes: a config travels as one Kafka record of at most " + Topics.LARGE_MESSAGE_BYTES
                    + " bytes");
        }
        return ConfigStoreLimits.withMaxConfigBytes(max);
    }

    /** The read-your-writes waiter of config writes: built before the topology, which reports to it. */
    public static ConfigWrites writes(Duration writeTimeout, ScheduledExecutorService timer) {
        return new ConfigWrites(writeTimeout, timer);
    }

    /** The config service's part of a topology, reporting what its config view applied to {@code writes}. */
    public static Topology addTopology(Topology topology, Topics topics, InputLimits limits, int maxConfigBytes,
                                       ConfigWrites writes) {
        return ConfigTopology.addTo(topology, topics, limits, maxConfigBytes, writes);
    }

    @Override
    public List<String> features() {
        return List.of("configs");
    }

    @Override
    public List<Object> resources() {
        return List.of(new ConfigResource(configs, validator, access));
    }

    /** A config identifier may hold {@code /} and {@code %}, percent-encoded in its path segment. */
    @Override
    public List<String> encodedSlashPaths() {
        return List.of(ApiPaths.CONFIGS);
    }

    @Override
    public List<BindableService> grpcServices() {
        return List.of(new ConfigStoreService(configs, configs, validator, limits, access));
    }
}
