package io.rta.topology.session;

import io.rta.events.SessionState;
import io.rta.events.internal.AnchorContribution;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
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
 *
 * <p>A parent keeps at most {@link InputLimits#maxRelatedSessions} children and as many alternates: each anchor
 * contributes at most that many, but a parent may declare several anchors. Beyond the bound the parent keeps the first
 * ones in identity order (a function of the stored contributions, so a replay gives the same state), and the
 * contribution that brought the excess is set aside as a dead letter naming MaxRelatedSessions.
 */
final class RelationProcessor implements Processor<String, AnchorContribution, String, Object> {

    /** Separates parent identity and anchor URI in contribution keys; sorts before any other character. */
    private static final char SEPARATOR = '\u0000';

    private final InputLimits limits;
    private final SetAside<String, AnchorContribution> setAside;
    private final StateEncoding encoding;
    private final String sessionsTopic;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SessionState> sessions;
    private KeyValueStore<String, AnchorContribution> contributions;

    /** @param encoding encodes an updated parent once for the store and the sessions sink */
    RelationProcessor(InputLimits limits, SetAside<String, AnchorContribution> setAside, StateEncoding encoding,
                      String sessionsTopic) {
        this.limits = limits;
        this.setAside = setAside;
        this.encoding = encoding;
        this.sessionsTopic = sessionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.sessions = context.getStateStore(SessionTopology.SESSION_STORE);
        this.contributions = context.getStateStore(SessionTopology.RELATION_STORE);
        setAside.init(context);
    }

    @Override
    public void process(Record<String, AnchorContribution> record) {
        try {
            apply(record);
        } finally {
            encoding.forget();
        }
    }

    private void apply(Record<String, AnchorContribution> record) {
        String parent = record.key();
        AnchorContribution contribution = record.value();
        // identities never hold control characters, so none holds the separator
        String problem = limits.identityProblem("record key (parent session)", parent);
        if (problem == null) {
            problem = contribution == null ? "value: an anchor contribution is required"
                    : limits.identityProblem("anchor", contribution.getAnchor());
        }
        if (problem != null) {
            setAside.record(record, problem);
            return;
        }
        // Validated above; nothing below is expected to throw. (Should the emitted state fail to serialize, a bug,
        // the contribution stays stored and the record is set aside by the processing handler.)
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
        List<String> childList = first(children);
        List<String> alternateList = first(alternates);
        boolean adds = !contribution.getChildren().isEmpty() || !contribution.getAlternates().isEmpty();
        if (adds && (children.size() > childList.size() || alternates.size() > alternateList.size())) {
            setAside.record(record, excess(parent, children.size(), alternates.size()));
        }
        if (childList.equals(state.getChildren()) && alternateList.equals(state.getAlternates())) {
            return;
        }
        SessionState updated = SessionState.newBuilder(state).setChildren(childList).setAlternates(alternateList)
                .build();
        encoding.encode(sessionsTopic, updated);
        sessions.put(parent, updated);
        context.forward(new Record<String, Object>(parent, updated, record.timestamp(), new RecordHeaders()),
                SessionTopology.SESSIONS_SINK);
    }

    private List<String> first(TreeSet<String> related) {
        List<String> kept = new ArrayList<>(Math.min(related.size(), limits.maxRelatedSessions()));
        for (String identity : related) {
            if (kept.size() == limits.maxRelatedSessions()) {
                break;
            }
            kept.add(identity);
        }
        return kept;
    }

    private String excess(String parent, int children, int alternates) {
        boolean childExcess = children > limits.maxRelatedSessions();
        return InputLimits.exceeded((childExcess ? "the number of children of session '" : "the number of "
                        + "alternates of session '") + parent + "'", childExcess ? children : alternates,
                limits.maxRelatedSessions(), InputLimits.MAX_RELATED_SESSIONS)
                + ": the session keeps the first " + limits.maxRelatedSessions() + " in identity order";
    }
}
