package io.rta.topology.schemamapping;

import io.rta.events.DeadLetter;
import io.rta.events.SchemaMapping;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.topology.errors.RegistryRetry;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.errors.RecordSource;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The schema mapping view: a global store over the compacted schema-mappings topic (every instance holds every
 * mapping; they are small), keyed by the canonical key ({@link SchemaMappingKeys}). The topic is written by the
 * schema mapping service and by pipelines, so the view checks each record as the API checks a request
 * ({@link SchemaMappingRules}) and sets aside one that breaks a rule — bad key, a value that is not a
 * {@link SchemaMapping}, a value whose data source or identity differs from its key's, an invalid mapping — without
 * applying it and without stopping: the key and value arrive as bytes and are decoded here, so even undecodable
 * records get a dead letter with the reason. A global store has no sink to forward to: the dead letter is counted and
 * logged through the process's {@link DeadLetters}, and handed to the {@link SchemaMappingViewListener}.
 */
public final class SchemaMappingTopology {

    /** Global store over the schema-mappings topic, queried by the schema mapping service. */
    public static final String VIEW_STORE = "schema-mapping-view";

    private static final String SOURCE = "schema-mappings-view-source";
    private static final String PROCESSOR = "schema-mappings-view-processor";

    private SchemaMappingTopology() {
    }

    /** The view alone, with the default limits and size, telling {@code listener} (tests). */
    public static Topology buildTopology(Topics topics, SchemaMappingViewListener listener) {
        return addTo(new Topology(), topics, InputLimits.defaults(),
                SchemaMappingRules.DEFAULT_MAX_SCHEMA_MAPPING_BYTES, listener);
    }

    /**
     * Adds the view.
     *
     * @param maxBytes the MaxSchemaMappingSize option
     * @param listener told what the view of this instance has applied or set aside
     */
    public static Topology addTo(Topology topology, Topics topics, InputLimits limits, int maxBytes,
                                 SchemaMappingViewListener listener) {
        Topic<String, SchemaMapping> mappings = topics.schemaMappings();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(),
                        mappings.valueSerde()).withLoggingDisabled(),
                SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), mappings.name(), PROCESSOR,
                () -> new ViewUpdater(mappings, limits, maxBytes, listener));
        return topology;
    }

    /** A record set aside: the dead letter's stage and the problem. */
    private record Refusal(String stage, String problem) {
        static Refusal invalid(String problem) {
            return new Refusal(DeadLetters.VALIDATION, problem);
        }
    }

    /** Checks and applies each record; one that breaks a rule is set aside and the view stays as it was. */
    private static final class ViewUpdater implements Processor<byte[], byte[], Void, Void> {

        private final Topic<String, SchemaMapping> topic;
        private final Deserializer<SchemaMapping> values;
        private final InputLimits limits;
        private final int maxBytes;
        private final SchemaMappingViewListener listener;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, SchemaMapping> view;
        private DeadLetters deadLetters;
        private RegistryRetry registryRetry;

        ViewUpdater(Topic<String, SchemaMapping> topic, InputLimits limits, int maxBytes,
                    SchemaMappingViewListener listener) {
            this.topic = topic;
            this.values = topic.valueSerde().deserializer();
            this.limits = limits;
            this.maxBytes = maxBytes;
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.view = context.getStateStore(VIEW_STORE);
            this.deadLetters = DeadLetters.from(context.appConfigs());
            this.registryRetry = RegistryRetry.from(context.appConfigs());
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata metadata = context.recordMetadata().orElseThrow();
            Refusal refusal = apply(record, Topics.deadLetterKey(metadata.topic(), metadata.partition(),
                    metadata.offset()));
            if (refusal != null) {
                setAside(record, metadata, refusal);
            }
            listener.applied(metadata.partition(), metadata.offset());
        }

        /** @param position the record's topic/partition/offset, for the log */
        private Refusal apply(Record<byte[], byte[]> record, String position) {
            String key;
            MappingKey pair;
            try {
                key = utf8(record.key());
                pair = SchemaMappingKeys.decode(key, limits);
            } catch (IllegalArgumentException e) {
                return Refusal.invalid(e.getMessage());
            }
            if (record.value() == null) {
                view.delete(key);
                return null;
            }
            SchemaMapping mapping;
            try {
                // not the record's fault when the registry is away: the global thread cannot be replaced, so it waits
                mapping = registryRetry.call(() -> values.deserialize(topic.name(), record.value()),
                        "The schema mapping view (record " + position + ")");
            } catch (RuntimeException e) {
                if (RegistryUnavailableException.isCauseOf(e)) {
                    throw e; // the client is closing
                }
                return new Refusal(DeadLetters.DESERIALIZATION, "record value: not a SchemaMapping event: "
                        + DeadLetters.describe(e));
            }
            String problem = mismatch(pair, mapping);
            if (problem == null) {
                problem = SchemaMappingRules.problem(mapping, limits, maxBytes);
            }
            if (problem != null) {
                return Refusal.invalid(problem);
            }
            SchemaMapping valid = mapping;
            registryRetry.call(() -> {
                view.put(key, valid); // the store's serde may need the registry for its schema's id
                return null;
            }, "The schema mapping view (storing record " + position + ")");
            return null;
        }

        private static String mismatch(MappingKey pair, SchemaMapping mapping) {
            if (!pair.dataSource().equals(mapping.getDataSource())) {
                return "data_source: the value's '" + InputLimits.excerpt(mapping.getDataSource())
                        + "' differs from the record key's '" + InputLimits.excerpt(pair.dataSource()) + "'";
            }
            if (!pair.dataIdentity().equals(mapping.getDataIdentity())) {
                return "data_identity: the value's '" + InputLimits.excerpt(mapping.getDataIdentity())
                        + "' differs from the record key's '" + InputLimits.excerpt(pair.dataIdentity()) + "'";
            }
            return null;
        }

        private void setAside(Record<byte[], byte[]> record, RecordMetadata metadata, Refusal refusal) {
            RecordSource source = new RecordSource(metadata.topic(), metadata.partition(), metadata.offset(),
                    record.timestamp(), record.headers());
            DeadLetter letter = DeadLetters.letter(source, record.key(), record.value(), refusal.stage(),
                    refusal.problem(), PROCESSOR, context.applicationId(), context.currentSystemTimeMs());
            deadLetters.setAside(letter);
            listener.setAside(metadata.partition(), metadata.offset(), refusal.problem(), letter);
        }

        /** The key's text; a key that is not UTF-8 is refused rather than read with replacement characters. */
        private static String utf8(byte[] key) {
            if (key == null) {
                return null;
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("record key: not UTF-8 text");
            }
        }
    }
}
