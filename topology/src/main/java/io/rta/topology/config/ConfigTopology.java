package io.rta.topology.config;

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
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
import java.security.MessageDigest;
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

    private ConfigTopology() {
    }

    /** Builds the config topology on its own, with the default limits and the largest config size (tests). */
    public static Topology buildTopology(Topics topics) {
        return addTo(new Topology(), topics, InputLimits.defaults(), ConfigRules.MAX_CONFIG_BYTES_CEILING);
    }

    /**
     * Adds the config topology; publications are checked as the ConfigStore API checks them ({@link ConfigRules}).
     *
     * @param maxConfigBytes the MaxConfigSize option
     */
    public static Topology addTo(Topology topology, Topics topics, InputLimits limits, int maxConfigBytes) {
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
        topology.addSink(SINK, configs.name(), configs.keySerde().serializer(), serializer, PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, deadLetters.name(), deadLetters.keySerde().serializer(),
                deadLetters.valueSerde().serializer(), PROCESSOR);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONFIG_VIEW_STORE), Serdes.String(),
                        configs.valueSerde()).withLoggingDisabled(),
                VIEW_SOURCE, configs.keySerde().deserializer(), configs.valueSerde().deserializer(), configs.name(),
                VIEW_PROCESSOR, ViewUpdater::new);
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
            String problem = ConfigRules.problem(record.key(), record.value(), limits, maxConfigBytes);
            if (problem != null) {
                setAside.record(record, problem);
                return;
            }
            String identifier = record.key();
            String existing = published.get(identifier);
            // the store is written after the output, as in the session topology: an output that fails to serialize
            // (a bug) leaves the store as it was while the processing handler sets the record aside
            if (record.value() == null) {
                if (existing != null) {
                    context.forward(record, SINK);
                    published.delete(identifier);
                }
                return;
            }
            if (existing != null) {
                if (!existing.equals(hash(record.value()))) {
                    LOG.warn("Ignoring a second, different publication of config '{}': configs are immutable",
                            identifier);
                }
                return;
            }
            context.forward(record, SINK);
            published.put(identifier, hash(record.value()));
        }
    }

    private static final class ViewUpdater implements Processor<String, ConfigPublication, Void, Void> {

        private KeyValueStore<String, ConfigPublication> view;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.view = context.getStateStore(CONFIG_VIEW_STORE);
        }

        @Override
        public void process(Record<String, ConfigPublication> record) {
            if (record.value() == null) {
                view.delete(record.key());
            } else {
                view.put(record.key(), record.value());
            }
        }
    }

    static String hash(ConfigPublication publication) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(publication.getContentType().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(publication.getData().duplicate());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
