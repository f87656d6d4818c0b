package io.rta.topology.session;

import io.rta.events.SessionState;

/**
 * What {@link SessionApplier#apply} did with one batch: the outcome, the session state after it (null when
 * the session is deleted or still absent) and a one-line reason for logs.
 */
public record ApplyResult(Outcome outcome, SessionState state, String reason) {

    /** The five things a batch can do to a session. */
    public enum Outcome {
        /** The batch was applied; {@code state} is the new state. */
        APPLIED,
        /** The batch's sequence is not greater than the last applied one; {@code state} is unchanged. */
        SKIPPED_SEQUENCE,
        /** The session existed and was deleted; {@code state} is null. */
        DELETED,
        /** A delete for a session that does not exist; {@code state} is null. */
        ABSENT_DELETE,
        /** The batch is invalid and nothing was applied; {@code state} is unchanged, {@code reason} says why. */
        REJECTED
    }

    /** Whether the stored state changes, i.e. the outcome is {@link Outcome#APPLIED} or {@link Outcome#DELETED}. */
    public boolean changed() {
        return outcome == Outcome.APPLIED || outcome == Outcome.DELETED;
    }
}
