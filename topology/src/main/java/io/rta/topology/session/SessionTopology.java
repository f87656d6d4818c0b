package io.rta.topology.session;

import io.rta.events.DeadLetter;
import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.internal.AnchorContribution;
import io.rta.events.internal.AnchorIndex;
import io.rta.events.internal.SessionRefEdge;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The session catalog topology: folds update batches into full session state and resolves relationships.
 *
 * <pre>
 * session-updates ─► SessionUpdateProcessor ─► sessions            (full state, header rta.source = partition:offset)
 *                         │  [session-state]  └─► session-ref-edges (anchors / refs declared or dropped, by anchor)
 * session-ref-edges ─► AnchorIndexProcessor ─► session-relations    (children/alternates per parent and anchor)
 *                         [anchor-index]
 * session-relations ─► RelationProcessor ─► sessions                (parent state with resolved children/alternates)
 *                         [session-state, session-relations]
 * folders ─► FolderGuardProcessor                                     (stateless: only sets aside invalid folders)
 *
 * every processor ─► dead-letters   (records that break the rules, set aside; a sink per processor, so the
 *                                   sub-topologies stay as they were)
 * </pre>
 *
 * session-updates, session-relations and sessions are co-partitioned by session identity, so one task owns a session's
 * state, its relation contributions and its output. The anchor index is partitioned by anchor URI, which is what lets
 * a child find its parent whatever order they arrive in. Every processor validates its record before it writes
 * (identities, the applier's rules, {@link InputLimits}) and sets aside what fails to the dead-letter topic.
 */
public final class SessionTopology {

    public static final String SESSION_STORE = "session-state";
    public static final String RELATION_STORE = "session-relation-contributions";
    public static final String ANCHOR_STORE = "session-anchor-index";

    private static final String UPDATES_SOURCE = "session-updates-source";
    private static final String EDGES_SOURCE = "session-ref-edges-source";
    private static final String RELATIONS_SOURCE = "session-relations-source";
    private static final String UPDATE_PROCESSOR = "session-update-processor";
    private static final String ANCHOR_PROCESSOR = "session-anchor-index-processor";
    private static final String RELATION_PROCESSOR = "session-relation-processor";
    private static final String FOLDERS_SOURCE = "folders-source";
    private static final String FOLDER_GUARD = "folder-guard-processor";
    private static final String DEAD_LETTERS_SINK = "-dead-letters-sink";
    static final String SESSIONS_SINK = "sessions-sink";
    static final String EDGES_SINK = "session-ref-edges-sink";
    static final String RELATIONS_SINK = "session-relations-sink";

    private SessionTopology() {
    }

    /** Builds the session topology and the folder guard on their own, with the default limits (tests). */
    public static Topology buildTopology(Topics topics) {
        Topology topology = addTo(new Topology(), topics, InputLimits.defaults());
        return addFolderGuard(topology, topics, InputLimits.defaults());
    }

    /**
     * Adds the session topology to a topology shared with other parts of the server. (The folder guard is added
     * apart, by {@link #addFolderGuard}.)
     */
    public static Topology addTo(Topology topology, Topics topics, InputLimits limits) {
        Topic<String, SessionUpdateBatch> updates = topics.sessionUpdates();
        Topic<String, SessionRefEdge> edges = topics.sessionRefEdges();
        Topic<String, AnchorContribution> relations = topics.sessionRelations();
        Topic<String, SessionState> sessions = topics.sessions();

        topology.addSource(UPDATES_SOURCE, updates.keySerde().deserializer(), updates.valueSerde().deserializer(),
                updates.name());
        topology.addSource(EDGES_SOURCE, edges.keySerde().deserializer(), edges.valueSerde().deserializer(),
                edges.name());
        topology.addSource(RELATIONS_SOURCE, relations.keySerde().deserializer(),
                relations.valueSerde().deserializer(), relations.name());

        // a state is encoded once: the size check, the sessions sink and the store's changelog share the bytes
        StateEncoding encoding = new StateEncoding(sessions.valueSerde().serializer());
        topology.addProcessor(UPDATE_PROCESSOR, () -> new SessionUpdateProcessor(limits,
                setAside(UPDATE_PROCESSOR, updates), encoding, sessions.name()), UPDATES_SOURCE);
        topology.addProcessor(ANCHOR_PROCESSOR, () -> new AnchorIndexProcessor(limits,
                setAside(ANCHOR_PROCESSOR, edges)), EDGES_SOURCE);
        topology.addProcessor(RELATION_PROCESSOR, () -> new RelationProcessor(limits,
                setAside(RELATION_PROCESSOR, relations), encoding, sessions.name()), RELATIONS_SOURCE);

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSION_STORE),
                Serdes.String(), Serdes.serdeFrom(encoding.serializer(), sessions.valueSerde().deserializer())),
                UPDATE_PROCESSOR, RELATION_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RELATION_STORE),
                Serdes.String(), topics.sessionRelations().valueSerde()), RELATION_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANCHOR_STORE),
                Serdes.String(), topics.avroValueSerde(AnchorIndex.class)), ANCHOR_PROCESSOR);

        topology.addSink(SESSIONS_SINK, sessions.name(), sessions.keySerde().serializer(),
                asObjects(encoding.serializer()), UPDATE_PROCESSOR, RELATION_PROCESSOR);
        topology.addSink(EDGES_SINK, edges.name(), edges.keySerde().serializer(), serializer(edges),
                UPDATE_PROCESSOR);
        topology.addSink(RELATIONS_SINK, relations.name(), relations.keySerde().serializer(),
                serializer(relations), ANCHOR_PROCESSOR);
        addDeadLetterSink(topology, topics, UPDATE_PROCESSOR);
        addDeadLetterSink(topology, topics, ANCHOR_PROCESSOR);
        addDeadLetterSink(topology, topics, RELATION_PROCESSOR);
        return topology;
    }

    /**
     * Adds the folder guard: a stateless sub-topology over the folders topic that sets aside folders breaking
     * {@link FolderRules}. Add it after every other part of a shared topology: Streams numbers sub-topologies in the
     * order their sources are added and keeps local state per task number, so appending it leaves the numbers (and the
     * state directories) of existing deployments as they were.
     */
    public static Topology addFolderGuard(Topology topology, Topics topics, InputLimits limits) {
        Topic<String, SessionFolder> folders = topics.folders();
        topology.addSource(FOLDERS_SOURCE, folders.keySerde().deserializer(), folders.valueSerde().deserializer(),
                folders.name());
        topology.addProcessor(FOLDER_GUARD, () -> new FolderGuardProcessor(limits,
                setAside(FOLDER_GUARD, folders)), FOLDERS_SOURCE);
        return addDeadLetterSink(topology, topics, FOLDER_GUARD);
    }

    /** A dead-letter sink per processor: one shared sink would join the processors' sub-topologies into one. */
    private static Topology addDeadLetterSink(Topology topology, Topics topics, String processor) {
        Topic<String, DeadLetter> deadLetters = topics.deadLetters();
        return topology.addSink(processor + DEAD_LETTERS_SINK, deadLetters.name(),
                deadLetters.keySerde().serializer(), deadLetters.valueSerde().serializer(), processor);
    }

    private static <V> SetAside<String, V> setAside(String processor, Topic<String, V> input) {
        return new SetAside<>(processor + DEAD_LETTERS_SINK, processor, input.keySerde().serializer(),
                input.valueSerde().serializer());
    }

    @SuppressWarnings("unchecked")
    private static <V> Serializer<Object> serializer(Topic<String, V> topic) {
        return asObjects(topic.valueSerde().serializer());
    }

    @SuppressWarnings("unchecked")
    private static <V> Serializer<Object> asObjects(Serializer<V> serializer) {
        return (Serializer<Object>) serializer;
    }
}
