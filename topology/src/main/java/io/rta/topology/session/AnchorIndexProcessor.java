package io.rta.topology.session;

import io.rta.events.internal.AnchorContribution;
import io.rta.events.internal.AnchorIndex;
import io.rta.events.internal.SessionRefEdge;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps, per anchor URI, the sessions that declare it and the sessions that refer to it as children or alternates,
 * and tells every declaring session (the parents) which children and alternates it has through that anchor.
 * A parent that stopped declaring the anchor is sent an empty contribution, which retracts what it had.
 *
 * <p>Each role (owners, children, alternates) of an anchor holds at most {@link InputLimits#maxRelatedSessions}
 * sessions, so no index record and no contribution grows without bound. An edge that would add one more is set aside
 * (dead-lettered, naming MaxRelatedSessions) and the session stays as it is, merely not related through this anchor.
 * Edges arrive in the order of their partition, so a replay sets aside the same edges and builds the same index.
 */
final class AnchorIndexProcessor implements Processor<String, SessionRefEdge, String, Object> {

    private final InputLimits limits;
    private final SetAside<String, SessionRefEdge> setAside;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, AnchorIndex> anchors;

    AnchorIndexProcessor(InputLimits limits, SetAside<String, SessionRefEdge> setAside) {
        this.limits = limits;
        this.setAside = setAside;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.anchors = context.getStateStore(SessionTopology.ANCHOR_STORE);
        setAside.init(context);
    }

    @Override
    public void process(Record<String, SessionRefEdge> record) {
        String anchor = record.key();
        SessionRefEdge edge = record.value();
        String problem = limits.identityProblem("record key (anchor URI)", anchor);
        if (problem == null) {
            problem = edge == null ? "value: a ref edge is required"
                    : limits.identityProblem("session", edge.getSession());
        }
        if (problem != null) {
            setAside.record(record, problem);
            return;
        }
        AnchorIndex before = anchors.get(anchor);
        String full = full(anchor, before == null ? empty() : before, edge);
        if (full != null) {
            setAside.record(record, full);
            return;
        }
        // Validated above; nothing below is expected to throw. (Should a contribution fail to serialize, a bug, the
        // index keeps the edge and the record is set aside by the processing handler.)
        AnchorIndex after = apply(before == null ? empty() : before, edge);
        if (after.getOwners().isEmpty() && after.getChildren().isEmpty() && after.getAlternates().isEmpty()) {
            anchors.delete(anchor);
        } else {
            anchors.put(anchor, after);
        }
        emitContributions(record, anchor, before == null ? empty() : before, after);
    }

    private static AnchorIndex empty() {
        return new AnchorIndex(List.of(), List.of(), List.of());
    }

    /** Why the edge cannot be added (its role of the anchor is full), or null. */
    private String full(String anchor, AnchorIndex index, SessionRefEdge edge) {
        List<String> members = switch (edge.getRole()) {
            case ANCHOR -> index.getOwners();
            case CHILD_OF -> index.getChildren();
            case ALTERNATE_OF -> index.getAlternates();
        };
        if (!edge.getPresent() || members.size() < limits.maxRelatedSessions()
                || members.contains(edge.getSession())) {
            return null;
        }
        String role = switch (edge.getRole()) {
            case ANCHOR -> "sessions declaring anchor '";
            case CHILD_OF -> "children through anchor '";
            case ALTERNATE_OF -> "alternates through anchor '";
        };
        return InputLimits.exceeded("the number of " + role + anchor + "'", members.size() + 1L,
                limits.maxRelatedSessions(), InputLimits.MAX_RELATED_SESSIONS) + ": session '" + edge.getSession()
                + "' is not related through it";
    }

    private static AnchorIndex apply(AnchorIndex index, SessionRefEdge edge) {
        List<String> owners = index.getOwners();
        List<String> children = index.getChildren();
        List<String> alternates = index.getAlternates();
        switch (edge.getRole()) {
            case ANCHOR -> owners = toggle(owners, edge.getSession(), edge.getPresent());
            case CHILD_OF -> children = toggle(children, edge.getSession(), edge.getPresent());
            case ALTERNATE_OF -> alternates = toggle(alternates, edge.getSession(), edge.getPresent());
        }
        return new AnchorIndex(owners, children, alternates);
    }

    private static List<String> toggle(List<String> members, String session, boolean present) {
        TreeSet<String> set = new TreeSet<>(members);
        if (present) {
            set.add(session);
        } else {
            set.remove(session);
        }
        return new ArrayList<>(set);
    }

    private void emitContributions(Record<String, SessionRefEdge> record, String anchor, AnchorIndex before,
                                   AnchorIndex after) {
        TreeSet<String> parents = new TreeSet<>(before.getOwners());
        parents.addAll(after.getOwners());
        for (String parent : parents) {
            AnchorContribution old = contribution(anchor, parent, before);
            AnchorContribution now = contribution(anchor, parent, after);
            if (!old.equals(now)) {
                context.forward(new Record<String, Object>(parent, now, record.timestamp(), new RecordHeaders()),
                        SessionTopology.RELATIONS_SINK);
            }
        }
    }

    /** What a parent gets through an anchor: nothing unless it declares the anchor; never itself. */
    private static AnchorContribution contribution(String anchor, String parent, AnchorIndex index) {
        if (!index.getOwners().contains(parent)) {
            return new AnchorContribution(anchor, List.of(), List.of());
        }
        return new AnchorContribution(anchor, without(index.getChildren(), parent),
                without(index.getAlternates(), parent));
    }

    private static List<String> without(List<String> members, String parent) {
        List<String> result = new ArrayList<>(members);
        result.remove(parent);
        return result;
    }
}
