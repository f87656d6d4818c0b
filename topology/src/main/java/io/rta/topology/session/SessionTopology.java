package io.rta.topology.session;

import io.rta.events.internal.AnchorIndex;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
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
 * </pre>
 *
 * session-updates, session-relations and sessions are co-partitioned by session identity, so one task owns a session's
 * state, its relation contributions and its output. The anchor index is partitioned by anchor URI, which is what lets
 * a child find its parent whatever order they arrive in.
 */
public final class SessionTopology {

    public static final String SESSION_STORE = "session-state";
    public static final String RELATION_STORE = "session-relation-contributions";
    public static final String ANCHOR_STORE = "session-anchor-index";

    /** Header on records of the sessions topic naming the update batch they result from: "partition:offset". */
    public static final String SOURCE_HEADER = "rta.source";

    private static final String UPDATES_SOURCE = "session-updates-source";
    private static final String EDGES_SOURCE = "session-ref-edges-source";
    private static final String RELATIONS_SOURCE = "session-relations-source";
    private static final String UPDATE_PROCESSOR = "session-update-processor";
    private static final String ANCHOR_PROCESSOR = "session-anchor-index-processor";
    private static final String RELATION_PROCESSOR = "session-relation-processor";
    static final String SESSIONS_SINK = "sessions-sink";
    static final String EDGES_SINK = "session-ref-edges-sink";
    static final String RELATIONS_SINK = "session-relations-sink";

    private SessionTopology() {
    }

    /** Builds the session topology on its own. */
    public static Topology buildTopology(Topics topics) {
        return addTo(new Topology(), topics);
    }

    /** Adds the session topology to a topology shared with other parts of the server. */
    public static Topology addTo(Topology topology, Topics topics) {
        Topic<String, ?> updates = topics.sessionUpdates();
        Topic<String, ?> edges = topics.sessionRefEdges();
        Topic<String, ?> relations = topics.sessionRelations();
        Topic<String, ?> sessions = topics.sessions();

        topology.addSource(UPDATES_SOURCE, updates.keySerde().deserializer(), updates.valueSerde().deserializer(),
                updates.name());
        topology.addSource(EDGES_SOURCE, edges.keySerde().deserializer(), edges.valueSerde().deserializer(),
                edges.name());
        topology.addSource(RELATIONS_SOURCE, relations.keySerde().deserializer(),
                relations.valueSerde().deserializer(), relations.name());

        topology.addProcessor(UPDATE_PROCESSOR, SessionUpdateProcessor::new, UPDATES_SOURCE);
        topology.addProcessor(ANCHOR_PROCESSOR, AnchorIndexProcessor::new, EDGES_SOURCE);
        topology.addProcessor(RELATION_PROCESSOR, RelationProcessor::new, RELATIONS_SOURCE);

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSION_STORE),
                Serdes.String(), topics.sessions().valueSerde()), UPDATE_PROCESSOR, RELATION_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RELATION_STORE),
                Serdes.String(), topics.sessionRelations().valueSerde()), RELATION_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANCHOR_STORE),
                Serdes.String(), topics.avroValueSerde(AnchorIndex.class)), ANCHOR_PROCESSOR);

        topology.addSink(SESSIONS_SINK, sessions.name(), sessions.keySerde().serializer(),
                serializer(sessions), UPDATE_PROCESSOR, RELATION_PROCESSOR);
        topology.addSink(EDGES_SINK, edges.name(), edges.keySerde().serializer(), serializer(edges),
                UPDATE_PROCESSOR);
        topology.addSink(RELATIONS_SINK, relations.name(), relations.keySerde().serializer(),
                serializer(relations), ANCHOR_PROCESSOR);
        return topology;
    }

    @SuppressWarnings("unchecked")
    private static <V> Serializer<Object> serializer(Topic<String, V> topic) {
        return (Serializer<Object>) topic.valueSerde().serializer();
    }
}
