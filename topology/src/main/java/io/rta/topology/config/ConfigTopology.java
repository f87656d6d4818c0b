package io.rta.topology.config;

import io.rta.topology.SourcePosition;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import io.rta.events.ConfigPublication;
import io.rta.events.DeadLetter;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.errors.RecordSource;
import io.rta.topology.errors.RegistryRetry;
import io.rta.topology.errors.SetAside;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import io.rta.topology.limits.InputLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configs are immutable: the first publication of an identifier wins until it is deleted. This topology turns the
 * publication commands into the compacted configs topic, which therefore holds at most one value per identifier
 * between deletes — compaction can never bring back a later, losing publication. Only a content hash is kept in the
 * store, so configs of tens of MiB cost their bytes once, in the configs topic. A publication breaking the rules of
 * {@link ConfigRules} (identifier, content type, size) is set aside to the dead-letter topic.
 *
 * <p>Read-your-writes: every publication processed yields exactly one record on the configs topic carrying its
 * {@link SourcePosition} — the config, its tombstone, or, when it changes nothing, a <em>marker</em>: a tombstone with
 * the empty key (never an identifier), written to the partition of the configs topic numbered like the publication's
 * (so it follows the outputs of earlier publications of that partition when both topics have the same partition
 * count, as the server creates them), carrying {@link #SET_ASIDE_HEADER} when the publication was set aside. The
 * global view applies markers without changing a config and tells its {@link ConfigViewListener}.
 */
public final class ConfigTopology {

    public static final String PUBLISHED_STORE = "config-published";
    /** Global store over the configs topic, queried by the config services. */
    public static final String CONFIG_VIEW_STORE = "config-view";

    private static final String SOURCE = "config-publications-source";
    private static final String PROCESSOR = "config-first-wins-processor";
    private static final String SINK = "configs-sink";
    private static final String DEAD_LETTERS_SINK = "config-dead-letters-sink";
    private static final String VIEW_SOURCE = "configs-view-source";
    private static final String VIEW_PROCESSOR = "configs-view-processor";

    /** The key of a marker record on the configs topic: blank, so never a config identifier. */
    public static final String MARKER_KEY = "";
    /** Header of a marker whose publication was set aside: the problem (UTF-8). */
    public static final String SET_ASIDE_HEADER = "rta.set-aside";
    private static final int MAX_PROBLEM_BYTES = 1024;

    private ConfigTopology() {
    }

    /** Builds the config topology on its own, with the default limits and the largest config size (tests). */
    public static Topology buildTopology(Topics topics, ConfigViewListener listener) {
        return addTo(new Topology(), topics, InputLimits.defaults(), ConfigRules.MAX_CONFIG_BYTES_CEILING, listener);
    }

    /** {@link #buildTopology(Topics, ConfigViewListener)} with no listener. */
    public static Topology buildTopology(Topics topics) {
        return buildTopology(topics, ConfigViewListener.NONE);
    }

    /** {@link #addTo(Topology, Topics, InputLimits, int, ConfigViewListener)} with no listener (a replay). */
    public static Topology addTo(Topology topology, Topics topics, InputLimits limits, int maxConfigBytes) {
        return addTo(topology, topics, limits, maxConfigBytes, ConfigViewListener.NONE);
    }

    /**
     * Adds the config topology; publications are checked as the ConfigStore API checks them ({@link ConfigRules}).
     *
     * @param maxConfigBytes the MaxConfigSize option
     * @param listener told what the global config view of this instance has applied
     */
    public static Topology addTo(Topology topology, Topics topics, InputLimits limits, int maxConfigBytes,
                                 ConfigViewListener listener) {
        Topic<String, ConfigPublication> publications = topics.configPublications();
        Topic<String, ConfigPublication> configs = topics.configs();
        Topic<String, DeadLetter> deadLetters = topics.deadLetters();
        topology.addSource(SOURCE, publications.keySerde().deserializer(), publications.valueSerde().deserializer(),
                publications.name());
        topology.addProcessor(PROCESSOR, () -> new FirstWins(limits, maxConfigBytes, new SetAside<>(
                DEAD_LETTERS_SINK, PROCESSOR, publications.keySerde().serializer(),
                publications.valueSerde().serializer())), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PUBLISHED_STORE),
                Serdes.String(), Serdes.String()), PROCESSOR);
        Serializer<ConfigPublication> serializer = configs.valueSerde().serializer();
        topology.addSink(SINK, configs.name(), configs.keySerde().serializer(), serializer, new MarkerPartitioner(),
                PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, deadLetters.name(), deadLetters.keySerde().serializer(),
                deadLetters.valueSerde().serializer(), PROCESSOR);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONFIG_VIEW_STORE), Serdes.String(),
                        configs.valueSerde()).withLoggingDisabled(),
                VIEW_SOURCE, configs.keySerde().deserializer(), new ByteArrayDeserializer(), configs.name(),
                VIEW_PROCESSOR, () -> new ViewUpdater(configs, listener));
        return topology;
    }

    /** Validates, then applies "first publication wins"; a record breaking the rules is set aside unapplied. */
    private static final class FirstWins implements Processor<String, ConfigPublication, String, Object> {

        private static final Logger LOG = LoggerFactory.getLogger(FirstWins.class);

        private final InputLimits limits;
        private final int maxConfigBytes;
        private final SetAside<String, ConfigPublication> setAside;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, String> published;

        FirstWins(InputLimits limits, int maxConfigBytes, SetAside<String, ConfigPublication> setAside) {
            this.limits = limits;
            this.maxConfigBytes = maxConfigBytes;
            this.setAside = setAside;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.published = context.getStateStore(PUBLISHED_STORE);
            setAside.init(context);
        }

        @Override
        public void process(Record<String, ConfigPublication> record) {
            Headers headers = new RecordHeaders(); // the input's own headers are not passed on
            SourcePosition.of(context).ifPresent(source -> source.addTo(headers));
            String problem = ConfigRules.problem(record.key(), record.value(), limits, maxConfigBytes);
            if (problem != null) {
                setAside.record(record, problem);
                byte[] reason = problem.getBytes(StandardCharsets.UTF_8);
                headers.add(SET_ASIDE_HEADER, Arrays.copyOf(reason, Math.min(reason.length, MAX_PROBLEM_BYTES)));
                mark(record, headers);
                return;
            }
            String identifier = record.key();
            String existing = published.get(identifier);
            // the store is written after the output, as in the session topology: an output that fails to serialize
            // (a bug) leaves the store as it was while the processing handler sets the record aside
            if (record.value() == null) {
                if (existing == null) {
                    mark(record, headers);
                    return;
                }
                context.forward(record.withHeaders(headers), SINK);
                published.delete(identifier);
                return;
            }
            if (existing != null) {
                if (!existing.equals(hash(record.value()))) {
                    LOG.warn("Ignoring a second, different publication of config '{}': configs are immutable",
                            identifier);
                }
                mark(record, headers);
                return;
            }
            context.forward(record.withHeaders(headers), SINK);
            published.put(identifier, hash(record.value()));
        }

        /** The publication changes no config: a marker tells the view it has been processed. */
        private void mark(Record<String, ConfigPublication> record, Headers headers) {
            context.forward(new Record<String, Object>(MARKER_KEY, null, record.timestamp(), headers), SINK);
        }
    }

    /** Sends a marker to the partition numbered like its publication's; every other record by its key. */
    static final class MarkerPartitioner implements StreamPartitioner<String, Object> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
            return Optional.empty();
        }

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Object value, Headers headers,
                                                 int numPartitions) {
            if (!MARKER_KEY.equals(key)) {
                return Optional.empty();
            }
            return SourcePosition.read(headers).map(source -> Set.of(source.partition() % numPartitions));
        }
    }

    /**
     * Applies the configs topic to the global view and tells the listener. A record of another producer is applied by
     * its key alone; a marker, or any record with a blank key, changes no config.
     */
    private static final class ViewUpdater implements Processor<String, byte[], Void, Void> {

        private final Topic<String, ConfigPublication> topic;
        private final Deserializer<ConfigPublication> values;
        private final ConfigViewListener listener;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, ConfigPublication> view;
        private RegistryRetry registryRetry;
        private DeadLetters deadLetters;

        ViewUpdater(Topic<String, ConfigPublication> topic, ConfigViewListener listener) {
            this.topic = topic;
            this.values = topic.valueSerde().deserializer();
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.view = context.getStateStore(CONFIG_VIEW_STORE);
            this.registryRetry = RegistryRetry.from(context.appConfigs());
            this.deadLetters = DeadLetters.from(context.appConfigs());
        }

        /**
         * The value is decoded here rather than by the source, so that a registry outage is waited out in place
         * ({@link RegistryRetry}: the global thread cannot be replaced); a value that cannot be decoded is skipped,
         * counted and logged, as the deserialization handler does for a global view (no dead letter can be written
         * from the global thread).
         */
        @Override
        public void process(Record<String, byte[]> record) {
            RecordMetadata metadata = context.recordMetadata().orElseThrow();
            String position = Topics.deadLetterKey(metadata.topic(), metadata.partition(), metadata.offset());
            ConfigPublication value = null;
            if (record.value() != null) {
                try {
                    value = registryRetry.call(() -> values.deserialize(topic.name(), record.value()),
                            "The config view (record " + position + ")");
                } catch (RuntimeException e) {
                    if (RegistryUnavailableException.isCauseOf(e)) {
                        throw e; // the client is closing
                    }
                    RecordSource source = new RecordSource(metadata.topic(), metadata.partition(), metadata.offset(),
                            record.timestamp(), record.headers());
                    deadLetters.setAside(DeadLetters.letter(source, record.key() == null ? null
                            : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                            DeadLetters.DESERIALIZATION, DeadLetters.describe(e), VIEW_PROCESSOR,
                            context.applicationId(), context.currentSystemTimeMs()));
                    return;
                }
            }
            if (record.key() != null && !record.key().isBlank()) {
                if (value == null) {
                    view.delete(record.key());
                } else {
                    ConfigPublication publication = value;
                    registryRetry.call(() -> {
                        view.put(record.key(), publication); // the store's serde may need the registry
                        return null;
                    }, "The config view (storing record " + position + ")");
                }
            }
            Optional<SourcePosition> source = SourcePosition.read(record.headers());
            if (source.isEmpty()) {
                return;
            }
            SourcePosition sourcePosition = source.get();
            Header setAside = record.headers().lastHeader(SET_ASIDE_HEADER);
            if (setAside != null && setAside.value() != null) {
                listener.setAside(sourcePosition.partition(), sourcePosition.offset(),
                        new String(setAside.value(), StandardCharsets.UTF_8));
            }
            listener.applied(sourcePosition.partition(), sourcePosition.offset());
        }
    }

    static String hash(ConfigPublication publication) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(publication.getContentType().getBytes(StandardCharsets.UTF_8));
            digest.update(publication.getData().duplicate());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
