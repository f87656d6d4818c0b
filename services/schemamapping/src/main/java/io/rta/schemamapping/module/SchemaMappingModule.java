package io.rta.schemamapping.module;

import io.grpc.BindableService;
import io.rta.events.DeadLetter;
import io.rta.schemamapping.api.SchemaMappingValidator;
import io.rta.schemamapping.grpc.SchemaMappingStoreService;
import io.rta.schemamapping.kafka.KafkaSchemaMappingStore;
import io.rta.schemamapping.kafka.SchemaMappingWrites;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.kafka.EventProducer;
import io.rta.service.module.ServiceContext;
import io.rta.service.module.ServiceModule;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.schemamapping.SchemaMappingRules;
import io.rta.topology.schemamapping.SchemaMappingTopology;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema mapping service: {@code SchemaMappingStore} over gRPC, answering from the global schema mapping view of
 * the process's Kafka Streams application (every instance holds every mapping) and writing through its producer to
 * the compacted schema-mappings topic, which pipelines may write too.
 */
public final class SchemaMappingModule implements ServiceModule {

    /** The standalone schema mapping service's Kafka Streams application, after the topic prefix. */
    public static final String APPLICATION = "rta-schema-mapping-service";

    public static final OptionDef MAX_SCHEMA_MAPPING_SIZE = OptionDef.of(SchemaMappingRules.MAX_SCHEMA_MAPPING_SIZE,
            Integer.toString(SchemaMappingRules.DEFAULT_MAX_SCHEMA_MAPPING_BYTES),
            "Largest schema mapping (bytes, Avro-encoded as stored) PutSchemaMapping accepts and the schema mapping "
                    + "view applies; larger ones get INVALID_ARGUMENT (or are set aside), which also bounds how many "
                    + "field and event mappings one holds. A mapping is one Kafka record, so this stays below the "
                    + Topics.SCHEMA_MAPPING_MESSAGE_BYTES + "-byte record limit of the schema-mappings topic.");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMappingModule.class);

    private final KafkaSchemaMappingStore mappings;
    private final SchemaMappingValidator validator;

    /**
     * @param context its options list {@link #MAX_SCHEMA_MAPPING_SIZE}
     * @param writes what the process's topology reports the view applied ({@link #writes})
     */
    public SchemaMappingModule(ServiceContext context, SchemaMappingWrites writes) {
        this.validator = new SchemaMappingValidator(context.limits(), maxBytes(context.options()));
        this.mappings = new KafkaSchemaMappingStore(context.producer(), context.topics().schemaMappings(),
                context.streams(), writes, context.timer(), context.writeTimeout());
        context.metrics().viewLag("schema-mappings", context.streams(),
                runner -> runner.recordsBehind(context.topics().schemaMappings().name()));
    }

    /**
     * {@link #MAX_SCHEMA_MAPPING_SIZE}.
     *
     * @throws IllegalArgumentException when it is below 1 or above what one record of the topic can carry
     */
    public static int maxBytes(Options options) {
        int max = options.getInt(MAX_SCHEMA_MAPPING_SIZE);
        int ceiling = SchemaMappingRules.MAX_SCHEMA_MAPPING_BYTES_CEILING;
        if (max < 1 || max > ceiling) {
            throw new IllegalArgumentException(SchemaMappingRules.MAX_SCHEMA_MAPPING_SIZE + " " + max + " is not "
                    + "between 1 and " + ceiling + " bytes: a schema mapping travels as one Kafka record of at most "
                    + Topics.SCHEMA_MAPPING_MESSAGE_BYTES + " bytes");
        }
        return max;
    }

    /**
     * The read-your-writes waiter of schema mapping writes: built before the topology, which reports to it. The dead
     * letter of a record the view sets aside is written with the process's producer, off the global stream thread;
     * every instance holding the view writes one (same key, {@code <topic>/<partition>/<offset>}).
     */
    public static SchemaMappingWrites writes(Duration writeTimeout, ScheduledExecutorService timer,
                                             EventProducer producer, Topics topics) {
        return new SchemaMappingWrites(writeTimeout, timer, letter -> timer.execute(() -> sendDeadLetter(producer,
                topics, letter)));
    }

    private static void sendDeadLetter(EventProducer producer, Topics topics, DeadLetter letter) {
        try {
            producer.send(topics.deadLetters(), DeadLetters.key(letter), letter).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.warn("Could not write the dead letter {}: {}", DeadLetters.key(letter), failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not write the dead letter {}: {}", DeadLetters.key(letter), e.getMessage());
        }
    }

    /** The schema mapping view, reporting what it applied to {@code writes}. */
    public static Topology addTopology(Topology topology, Topics topics, InputLimits limits, int maxBytes,
                                       SchemaMappingWrites writes) {
        return SchemaMappingTopology.addTo(topology, topics, limits, maxBytes, writes);
    }

    @Override
    public List<String> features() {
        return List.of("schema-mappings");
    }

    @Override
    public List<BindableService> grpcServices() {
        return List.of(new SchemaMappingStoreService(mappings, mappings, validator));
    }
}
