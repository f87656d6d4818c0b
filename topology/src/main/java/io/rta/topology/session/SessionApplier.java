package io.rta.topology.session;

import io.rta.events.Detail;
import io.rta.events.SessionCreate;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.topology.limits.InputLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds one {@link SessionUpdateBatch} into a session's state: validation, the sequence guard, delete,
 * create-if-not-exists, then the update ops in order, as one transaction.
 *
 * <p>Pure and deterministic: the only notion of "now" is the record timestamp, so replaying the topic rebuilds
 * identical state; {@code current} is never mutated. Decisions where the spec leaves room:
 * <ul>
 *   <li>A batch for an absent session creates it even without {@code createIfNotExists} (the RPC is
 *       CreateOrUpdate), with the same defaults: state closed (4), timestamp = record time in UTC,
 *       identifier = identity, folders = the root.</li>
 *   <li>{@code createIfNotExists.state} null or 0 means closed (4): the proto cannot tell 0 from unset, so a
 *       session cannot be created as unknown; a later {@code set_state 0} can make it so.</li>
 *   <li>The sequence guard also applies to deletes; a deleted session forgets its sequence, so a stale batch
 *       arriving after a delete recreates the session.</li>
 *   <li>Every applied batch touches {@code heartbeatUtc} (record time); {@code children}/{@code alternates} are
 *       resolved elsewhere and only carried over.</li>
 * </ul>
 */
public final class SessionApplier {

    private SessionApplier() {
    }

    /** {@link #apply(SessionState, String, SessionUpdateBatch, long, InputLimits)} with the default limits. */
    public static ApplyResult apply(SessionState current, String identity, SessionUpdateBatch batch,
                                    long recordTimestampMillis) {
        return apply(current, identity, batch, recordTimestampMillis, InputLimits.defaults());
    }

    /**
     * Applies {@code batch} to {@code current} (null if the session does not exist) for the session keyed by
     * {@code identity}; {@code recordTimestampMillis} is the record's timestamp, used as "now". A batch breaking a
     * rule of {@link SessionBatchValidator} (with {@code limits}) is {@link ApplyResult.Outcome#REJECTED}.
     */
    public static ApplyResult apply(SessionState current, String identity, SessionUpdateBatch batch,
                                    long recordTimestampMillis, InputLimits limits) {
        @SuppressWarnings("unchecked")
        List<Detail>[] parsed = batch == null || batch.getUpdates() == null ? null
                : (List<Detail>[]) new List<?>[batch.getUpdates().size()];
        List<String> problems = SessionBatchValidator.validate(identity, batch, limits, parsed);
        if (!problems.isEmpty()) {
            return new ApplyResult(ApplyResult.Outcome.REJECTED, current, String.join("; ", problems));
        }
        if (isStale(current, batch)) {
            return new ApplyResult(ApplyResult.Outcome.SKIPPED_SEQUENCE, current, "sequence " + batch.getSequence()
                    + " is not greater than the last applied sequence " + current.getSequence());
        }
        if (batch.getDelete()) {
            return current == null
                    ? new ApplyResult(ApplyResult.Outcome.ABSENT_DELETE, null, "session does not exist")
                    : new ApplyResult(ApplyResult.Outcome.DELETED, null, "session deleted");
        }
        String now = Timestamps.formatUtcMillis(recordTimestampMillis);
        SessionState next = current == null
                ? created(identity, batch.getCreateIfNotExists(), now)
                : SessionState.newBuilder(current).build();
        List<SessionUpdateOp> updates = batch.getUpdates();
        for (int i = 0; i < updates.size(); i++) {
            SessionOps.apply(next, updates.get(i), parsed[i]);
        }
        String tooMany = refsProblem(current, next, limits);
        if (tooMany != null) {
            return new ApplyResult(ApplyResult.Outcome.REJECTED, current, tooMany);
        }
        next.setHeartbeatUtc(now);
        if (batch.getSequence() != null) {
            next.setSequence(batch.getSequence());
        }
        String reason = (current == null ? "created, " : "") + batch.getUpdates().size() + " update(s) applied";
        return new ApplyResult(ApplyResult.Outcome.APPLIED, next, reason);
    }

    /**
     * A session relates to at most {@code MaxRelatedSessions} anchors it declares, parents and alternates it refers
     * to (each list): a batch growing one beyond it is refused. Every reference becomes an edge the relationship
     * topology fans out, so tens of thousands on one session kept its partition busy for hours. A list already
     * longer (written under a larger limit) may stay so and shrink, not grow.
     */
    private static String refsProblem(SessionState current, SessionState next, InputLimits limits) {
        String[] fields = {"ref_anchors", "child_of_refs", "alternate_of_refs"};
        List<List<String>> before = current == null ? null
                : List.of(current.getRefAnchors(), current.getChildOfRefs(), current.getAlternateOfRefs());
        List<List<String>> after = List.of(next.getRefAnchors(), next.getChildOfRefs(), next.getAlternateOfRefs());
        for (int i = 0; i < fields.length; i++) {
            int count = after.get(i) == null ? 0 : after.get(i).size();
            int was = before == null || before.get(i) == null ? 0 : before.get(i).size();
            if (count > limits.maxRelatedSessions() && count > was) {
                return InputLimits.exceeded(fields[i] + " count", count, limits.maxRelatedSessions(),
                        InputLimits.MAX_RELATED_SESSIONS);
            }
        }
        return null;
    }

    private static boolean isStale(SessionState current, SessionUpdateBatch batch) {
        return batch.getSequence() != null && current != null && current.getSequence() != null
                && batch.getSequence() <= current.getSequence();
    }

    /** A new session with the create-if-not-exists values, or the defaults where they are absent. */
    static SessionState created(String identity, SessionCreate create, String now) {
        Integer state = create == null ? null : create.getState();
        String timestamp = create == null ? null : create.getTimestamp();
        String identifier = create == null ? null : create.getIdentifier();
        return defaults(identity, state == null || state == SessionStates.UNKNOWN ? SessionStates.CLOSED : state,
                isEmpty(timestamp) ? now : timestamp, isEmpty(identifier) ? identity : identifier, now);
    }

    /**
     * A state with the given required fields and the schema's defaults elsewhere (null, empty lists), folders = the
     * root. Set field by field rather than through the Avro builder, which looks up each unset field's default in a
     * schema-keyed cache (hashing the schema) on every build: a tenth of a created session's cost in the topology.
     * {@code SessionApplierTest} checks that this is what the builder would make.
     */
    static SessionState defaults(String identity, int state, String timestamp, String identifier, String now) {
        SessionState s = new SessionState();
        s.setIdentity(identity);
        s.setState(state);
        s.setTimestamp(timestamp);
        s.setIdentifier(identifier);
        s.setTimeRange(null);
        s.setDetails(new ArrayList<>());
        s.setExtDetails(new ArrayList<>());
        s.setType(null);
        s.setQuality(null);
        s.setGroup(null);
        s.setVersion(null);
        s.setMarkers(new ArrayList<>());
        s.setConfigBindings(new ArrayList<>());
        s.setDataBindings(new ArrayList<>());
        s.setFolders(Folders.rootOnly());
        s.setRefAnchors(new ArrayList<>());
        s.setChildOfRefs(new ArrayList<>());
        s.setAlternateOfRefs(new ArrayList<>());
        s.setChildren(new ArrayList<>());
        s.setAlternates(new ArrayList<>());
        s.setHeartbeatUtc(now);
        s.setSequence(null);
        return s;
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
