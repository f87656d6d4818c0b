package io.rta.topology;

import io.rta.events.ConfigPublication;
import io.rta.events.DeadLetter;
import io.rta.events.SchemaMapping;
import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.TelemetryBatch;
import io.rta.events.internal.AnchorContribution;
import io.rta.events.internal.SessionRefEdge;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.SchemaRegistryClient;
import io.rta.topology.session.SessionLimits;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the event contract, in one place: name (with the configurable prefix), key serde, value serde and
 * creation configs. Producers, topologies, services and tests all take their topics from here.
 */
public final class Topics {

    /** Largest record we accept on topics that carry configs (configs of tens of MiB are normal). */
    public static final int LARGE_MESSAGE_BYTES = 64 * 1024 * 1024;

    private static final Map<String, String> COMPACT = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    private static final Map<String, String> SESSION_COMPACT = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(SessionLimits.TOPIC_MAX_MESSAGE_BYTES));
    private static final Map<String, String> SESSION_LOG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(SessionLimits.TOPIC_MAX_MESSAGE_BYTES));
    private static final Map<String, String> LARGE_LOG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE_MESSAGE_BYTES));
    private static final Map<String, String> LARGE_COMPACT = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE_MESSAGE_BYTES));

    /** Largest telemetry record: the gRPC writer packs bursts into records far below this; pipelines may pack more. */
    public static final int TELEMETRY_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final Map<String, String> TELEMETRY_LOG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(TELEMETRY_MESSAGE_BYTES));

    /**
     * Largest record of the schema-mappings topic: above the largest MaxSchemaMappingSize
     * ({@code SchemaMappingRules.MAX_SCHEMA_MAPPING_BYTES_CEILING}) by room for the key and the identity fields.
     */
    public static final int SCHEMA_MAPPING_MESSAGE_BYTES = 8 * 1024 * 1024;

    private static final Map<String, String> SCHEMA_MAPPING_COMPACT = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(SCHEMA_MAPPING_MESSAGE_BYTES));

    private final String prefix;
    private final SchemaRegistryClient registry;
    private final Topic<String, SessionUpdateBatch> sessionUpdates;
    private final Topic<String, SessionState> sessions;
    private final Topic<String, SessionFolder> folders;
    private final Topic<String, ConfigPublication> configPublications;
    private final Topic<String, ConfigPublication> configs;
    private final Topic<String, SessionRefEdge> sessionRefEdges;
    private final Topic<String, AnchorContribution> sessionRelations;
    private final Topic<String, TelemetryBatch> telemetry;
    private final Topic<String, DeadLetter> deadLetters;
    private final Topic<String, SchemaMapping> schemaMappings;

    /**
     * @param prefix prefix of every derived topic and of the application id
     * @param eventPrefix prefix of the event topics (what pipelines and the APIs write), which only a replay sets apart
     */
    private Topics(String prefix, String eventPrefix, SchemaRegistryClient registry) {
        this.prefix = prefix;
        this.registry = registry;
        sessionUpdates = topic(eventPrefix + "session-updates", registry, SessionUpdateBatch.class, SESSION_LOG);
        sessions = topic(prefix + "sessions", registry, SessionState.class, SESSION_COMPACT);
        folders = topic(eventPrefix + "folders", registry, SessionFolder.class, COMPACT);
        configPublications = topic(eventPrefix + "config-publications", registry, ConfigPublication.class,
                LARGE_LOG);
        configs = topic(prefix + "configs", registry, ConfigPublication.class, LARGE_COMPACT);
        // 8 MiB as the session topics: a contribution holds up to MaxRelatedSessions identities (InputLimits checks
        // they fit), and on a broker's default 1 MiB a larger one would fail its task on every attempt
        sessionRefEdges = topic(prefix + "session-ref-edges", registry, SessionRefEdge.class, SESSION_LOG);
        sessionRelations = topic(prefix + "session-relations", registry, AnchorContribution.class, SESSION_LOG);
        telemetry = topic(eventPrefix + "telemetry", registry, TelemetryBatch.class, TELEMETRY_LOG);
        deadLetters = topic(prefix + "dead-letters", registry, DeadLetter.class, LARGE_LOG);
        schemaMappings = topic(eventPrefix + "schema-mappings", registry, SchemaMapping.class, SCHEMA_MAPPING_COMPACT);
    }

    /** The topics for a prefix (e.g. {@code "rta."}), with serdes backed by the given schema registry. */
    public static Topics create(String prefix, SchemaRegistryClient registry) {
        return new Topics(prefix, prefix, registry);
    }

    /**
     * The topics of a replay ({@code ./rta replay}): the {@link #events() event topics} are the live deployment's
     * ({@code livePrefix}); every topic the topologies derive, and the application id (hence its stores' changelogs
     * and its consumer group), get {@code replayPrefix}, so a replay never writes where the live server reads.
     */
    public static Topics replaying(String livePrefix, String replayPrefix, SchemaRegistryClient registry) {
        if (livePrefix.equals(replayPrefix)) {
            throw new IllegalArgumentException("a replay needs a prefix of its own, not the live one ('"
                    + livePrefix + "')");
        }
        return new Topics(replayPrefix, livePrefix, registry);
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(
            String name, SchemaRegistryClient registry, Class<V> type, Map<String, String> configs) {
        return new Topic<>(name, Serdes.String(), new AvroSerde<>(registry, type, false),
                SpecificData.get().getSchema(type), configs);
    }

    /** An Avro value serde (Confluent wire format) for state stores and their changelogs. */
    public <V extends SpecificRecord> Serde<V> avroValueSerde(Class<V> type) {
        return new AvroSerde<>(registry, type, false);
    }

    public String prefix() {
        return prefix;
    }

    /** Session update batches (commands); key = session identity. Pipelines may produce here. */
    public Topic<String, SessionUpdateBatch> sessionUpdates() {
        return sessionUpdates;
    }

    /** Full session state (output of the session topology); key = session identity; tombstone = deleted. */
    public Topic<String, SessionState> sessions() {
        return sessions;
    }

    /** Session folders; key = folder identity; tombstone = deleted. */
    public Topic<String, SessionFolder> folders() {
        return folders;
    }

    /** Config publications (commands); key = config identifier; tombstone = delete. Pipelines may produce here. */
    public Topic<String, ConfigPublication> configPublications() {
        return configPublications;
    }

    /** Published configs (the view: first publication wins); key = config identifier. */
    public Topic<String, ConfigPublication> configs() {
        return configs;
    }

    /** Internal: anchors and refs declared or dropped by sessions, keyed by anchor URI. */
    public Topic<String, SessionRefEdge> sessionRefEdges() {
        return sessionRefEdges;
    }

    /** Internal: children/alternates a parent gets through one of its anchors, keyed by parent identity. */
    public Topic<String, AnchorContribution> sessionRelations() {
        return sessionRelations;
    }

    /**
     * Telemetry bursts; key = data identity (in RTA Server mode the session identity). Pipelines may produce here.
     * Retention is the replay window: the chunk view can be rebuilt from what is still here.
     */
    public Topic<String, TelemetryBatch> telemetry() {
        return telemetry;
    }

    /**
     * Records a topology or a view could not apply, with the reason; key = {@code <topic>/<partition>/<offset>} of the
     * original record. Long retention: an operator fixes the cause and produces the original again.
     */
    public Topic<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    /**
     * Schema mappings, written by the schema mapping service and by pipelines; key = the JSON array
     * {@code ["<data source>","<data identity>"]} ({@code SchemaMappingKeys}); tombstone = deleted. Both the events and
     * the view: the schema mapping view is a global store over it, so it is neither derived nor replayed.
     */
    public Topic<String, SchemaMapping> schemaMappings() {
        return schemaMappings;
    }

    /** The dead-letter key of a record: {@code <topic>/<partition>/<offset>}. */
    public static String deadLetterKey(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** Topics that must have the same partition count (they are processed together per session identity). */
    public List<Topic<?, ?>> copartitioned() {
        return List.of(sessionUpdates, sessions, sessionRelations, telemetry);
    }

    /**
     * The event topics: what pipelines and the APIs write, and all the topologies fold (the folders topic is both
     * written and read as it is). Every other topic, and every store, can be rebuilt from these.
     */
    public List<Topic<?, ?>> events() {
        return List.of(sessionUpdates, folders, configPublications, telemetry);
    }

    /** Topics the topologies write and read again (partitioned by another key); a replay drains them last. */
    public List<Topic<?, ?>> internal() {
        return List.of(sessionRefEdges, sessionRelations);
    }

    public List<Topic<?, ?>> all() {
        return List.of(sessionUpdates, sessions, folders, configPublications, configs, sessionRefEdges,
                sessionRelations, telemetry, deadLetters, schemaMappings);
    }

    /** The Streams application id derived from the prefix, so two deployments on one cluster never collide. */
    public String applicationId() {
        return prefix + "rta-server";
    }
}
