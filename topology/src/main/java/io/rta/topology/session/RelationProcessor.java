package io.rta.topology.session;

import io.rta.events.SessionState;
import io.rta.events.internal.AnchorContribution;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stores what each anchor contributes to a parent session and folds all of a parent's contributions into its
 * {@code children} and {@code alternates} (sorted, so a replay produces the same bytes), emitting the parent's full
 * state whenever they change.
 */
final class RelationProcessor implements Processor<String, AnchorContribution, String, Object> {

    /** Separates parent identity and anchor URI in contribution keys; sorts before any other character. */
    private static final char SEPARATOR = '\u0000';

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SessionState> sessions;
    private KeyValueStore<String, AnchorContribution> contributions;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.sessions = context.getStateStore(SessionTopology.SESSION_STORE);
        this.contributions = context.getStateStore(SessionTopology.RELATION_STORE);
    }

    @Override
    public void process(Record<String, AnchorContribution> record) {
        String parent = record.key();
        AnchorContribution contribution = record.value();
        if (parent == null || contribution == null) {
            return;
        }
        String key = parent + SEPARATOR + contribution.getAnchor();
        if (contribution.getChildren().isEmpty() && contribution.getAlternates().isEmpty()) {
            contributions.delete(key);
        } else {
            contributions.put(key, contribution);
        }
        SessionState state = sessions.get(parent);
        if (state == null) {
            return;
        }
        TreeSet<String> children = new TreeSet<>();
        TreeSet<String> alternates = new TreeSet<>();
        try (KeyValueIterator<String, AnchorContribution> it =
                     contributions.range(parent + SEPARATOR, parent + (char) (SEPARATOR + 1))) {
            while (it.hasNext()) {
                KeyValue<String, AnchorContribution> entry = it.next();
                children.addAll(entry.value.getChildren());
                alternates.addAll(entry.value.getAlternates());
            }
        }
        List<String> childList = new ArrayList<>(children);
        List<String> alternateList = new ArrayList<>(alternates);
        if (childList.equals(state.getChildren()) && alternateList.equals(state.getAlternates())) {
            return;
        }
        SessionState updated = SessionState.newBuilder(state).setChildren(childList).setAlternates(alternateList)
                .build();
        sessions.put(parent, updated);
        context.forward(new Record<String, Object>(parent, updated, record.timestamp(), new RecordHeaders()),
                SessionTopology.SESSIONS_SINK);
    }
}
