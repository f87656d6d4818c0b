package io.rta.topology.session;

import io.rta.events.SessionCreate;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.topology.limits.InputLimits;
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
        List<String> problems = SessionBatchValidator.validate(identity, batch, limits);
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
        for (SessionUpdateOp op : batch.getUpdates()) {
            SessionOps.apply(next, op);
        }
        next.setHeartbeatUtc(now);
        if (batch.getSequence() != null) {
            next.setSequence(batch.getSequence());
        }
        String reason = (current == null ? "created, " : "") + batch.getUpdates().size() + " update(s) applied";
        return new ApplyResult(ApplyResult.Outcome.APPLIED, next, reason);
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
        return SessionState.newBuilder()
                .setIdentity(identity)
                .setState(state == null || state == SessionStates.UNKNOWN ? SessionStates.CLOSED : state)
                .setTimestamp(isEmpty(timestamp) ? now : timestamp)
                .setIdentifier(isEmpty(identifier) ? identity : identifier)
                .setFolders(Folders.rootOnly())
                .setHeartbeatUtc(now)
                .build();
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
