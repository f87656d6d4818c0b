package io.rta.topology.session;

import static io.rta.topology.session.Ops.batch;
import static io.rta.topology.session.Ops.keys;
import static io.rta.topology.session.Ops.quality;
import static io.rta.topology.session.Ops.sequenced;
import static io.rta.topology.session.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.topology.session.ApplyResult.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionApplierTest {

    private static final long T0 = 1_615_724_130_000L; // 2021-03-14T12:15:30Z
    private static final long T1 = 1_615_724_131_250L; // 2021-03-14T12:15:31.25Z

    private static ApplyResult apply(SessionState current, SessionUpdateBatch batch) {
        return SessionApplier.apply(current, "s1", batch, T1);
    }

    private static SessionState existing() {
        return SessionApplier.apply(null, "s1", Ops.create(2, "2021-03-14T12:15:30+01:00", "Demo"), T0).state();
    }

    private static SessionState existingWithSequence(long sequence) {
        return SessionApplier.apply(null, "s1", sequenced(sequence, text(SessionOp.SET_TYPE, "first")), T0).state();
    }

    /** Every reference is an edge the relationship topology fans out: each list is bounded by MaxRelatedSessions. */
    @Test
    void shouldRefuseABatchGrowingAReferenceListBeyondMaxRelatedSessionsButLetAnOversizedOneShrink() {
        io.rta.topology.limits.InputLimits three = io.rta.topology.limits.InputLimits.defaults()
                .withMaxRelatedSessions(3);
        SessionState three3 = SessionApplier.apply(existing(), "s1", batch(keys(SessionOp.SET_REF_ANCHORS, "a", "b",
                "c")), T1, three).state();

        for (SessionOp op : new SessionOp[] {SessionOp.UPDATE_REF_ANCHORS}) {
            ApplyResult refused = SessionApplier.apply(three3, "s1", batch(keys(op, "d")), T1, three);
            assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(refused.reason()).isEqualTo("ref_anchors count is 4; at most 3 allowed (MaxRelatedSessions)");
            assertThat(refused.state()).isSameAs(three3);
        }
        assertThat(SessionApplier.apply(existing(), "s1", batch(keys(SessionOp.SET_CHILD_OF_REFS, "1", "2", "3",
                "4")), T1, three).reason()).isEqualTo("child_of_refs count is 4; at most 3 allowed "
                + "(MaxRelatedSessions)");
        assertThat(SessionApplier.apply(null, "s1", batch(keys(SessionOp.SET_ALTERNATE_OF_REFS, "1", "2", "3",
                "4")), T1, three).reason()).startsWith("alternate_of_refs count is 4");
        // written under a larger limit: it may stay, shrink, and take other updates, but not grow
        io.rta.topology.limits.InputLimits two = io.rta.topology.limits.InputLimits.defaults()
                .withMaxRelatedSessions(2);
        assertThat(SessionApplier.apply(three3, "s1", batch(text(SessionOp.SET_TYPE, "other")), T1, two).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(SessionApplier.apply(three3, "s1", batch(keys(SessionOp.DELETE_REF_ANCHORS, "a")), T1, two)
                .state().getRefAnchors()).containsExactly("b", "c");
        assertThat(SessionApplier.apply(three3, "s1", batch(keys(SessionOp.UPDATE_REF_ANCHORS, "d")), T1, two)
                .outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Nested
    class Creating {

        @Test
        void shouldCreateWithTheGivenInitialProperties() {
            ApplyResult result = SessionApplier.apply(null, "001",
                    Ops.create(SessionStates.OPEN, "2021-03-14T12:15:30Z", "Demo Session"), T0);
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            SessionState s = result.state();
            assertThat(s.getIdentity()).isEqualTo("001");
            assertThat(s.getState()).isEqualTo(SessionStates.OPEN);
            assertThat(s.getTimestamp()).isEqualTo("2021-03-14T12:15:30Z");
            assertThat(s.getIdentifier()).isEqualTo("Demo Session");
            assertThat(s.getFolders()).containsExactly("");
            assertThat(s.getHeartbeatUtc()).isEqualTo("2021-03-14T12:15:30Z");
            assertThat(s.getSequence()).isNull();
        }

        @Test
        void shouldCreateWhatTheAvroBuilderWouldMakeWithTheSchemaDefaults() {
            SessionState built = SessionState.newBuilder().setIdentity("001").setState(SessionStates.OPEN)
                    .setTimestamp("2021-03-14T12:15:30Z").setIdentifier("Demo").setFolders(Folders.rootOnly())
                    .setHeartbeatUtc("2021-03-14T12:15:31.25Z").build();
            SessionState made = SessionApplier.defaults("001", SessionStates.OPEN, "2021-03-14T12:15:30Z", "Demo",
                    "2021-03-14T12:15:31.25Z");
            assertThat(made).isEqualTo(built);
            for (org.apache.avro.Schema.Field field : SessionState.getClassSchema().getFields()) {
                assertThat(made.get(field.pos())).as(field.name()).isEqualTo(built.get(field.pos()));
            }
        }

        @Test
        void shouldCreateClosedAtRecordTimeNamedByIdentityByDefault() {
            SessionState s = SessionApplier.apply(null, "001", Ops.create(0, "", ""), T1).state();
            assertThat(s.getState()).isEqualTo(SessionStates.CLOSED);
            assertThat(s.getTimestamp()).isEqualTo("2021-03-14T12:15:31.25Z");
            assertThat(s.getIdentifier()).isEqualTo("001");
            SessionState fromNulls = SessionApplier.apply(null, "001", Ops.create(null, null, null), T1).state();
            assertThat(fromNulls).isEqualTo(s);
        }

        @Test
        void shouldCreateImplicitlyWithTheDefaultsWhenCreateIfNotExistsIsAbsent() {
            ApplyResult result = SessionApplier.apply(null, "001", batch(text(SessionOp.SET_TYPE, "DDS")), T1);
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(result.state()).isEqualTo(
                    SessionState.newBuilder(SessionApplier.apply(null, "001", Ops.create(null, null, null), T1).state())
                            .setType("DDS").build());
            assertThat(result.state().getState()).isEqualTo(SessionStates.CLOSED);
        }

        @Test
        void shouldIgnoreCreateIfNotExistsWhenTheSessionExists() {
            SessionState s = apply(existing(), Ops.create(SessionStates.FAILED, "2030-01-01T00:00:00Z", "Other")).state();
            assertThat(s.getState()).isEqualTo(SessionStates.OPEN);
            assertThat(s.getTimestamp()).isEqualTo("2021-03-14T12:15:30+01:00");
            assertThat(s.getIdentifier()).isEqualTo("Demo");
        }

        @Test
        void shouldApplyUpdatesAfterCreatingInTheSameBatch() {
            SessionState s = SessionApplier.apply(null, "example",
                    Ops.create(null, "2021-05-19T13:10:04+00:00", "Example", keys(SessionOp.SET_FOLDERS, "animals")), T0).state();
            assertThat(s.getFolders()).containsExactly("animals");
        }
    }

    @Nested
    class SequenceGuard {

        @Test
        void shouldSkipALowerSequence() {
            SessionState current = existingWithSequence(100);
            ApplyResult result = apply(current, sequenced(99, text(SessionOp.SET_TYPE, "stale")));
            assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_SEQUENCE);
            assertThat(result.state()).isSameAs(current);
            assertThat(result.reason()).contains("99").contains("100");
            assertThat(result.changed()).isFalse();
        }

        @Test
        void shouldSkipAnEqualSequence() {
            ApplyResult result = apply(existingWithSequence(100), sequenced(100, text(SessionOp.SET_TYPE, "again")));
            assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_SEQUENCE);
            assertThat(result.state().getType()).isEqualTo("first");
        }

        @Test
        void shouldApplyAHigherSequenceAndStoreIt() {
            ApplyResult result = apply(existingWithSequence(100), sequenced(120, text(SessionOp.SET_TYPE, "bbb")));
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(result.state().getType()).isEqualTo("bbb");
            assertThat(result.state().getSequence()).isEqualTo(120L);
        }

        @Test
        void shouldApplyWithoutSequenceAndKeepTheLastOne() {
            ApplyResult result = apply(existingWithSequence(100), batch(text(SessionOp.SET_TYPE, "unsequenced")));
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(result.state().getSequence()).isEqualTo(100L);
        }

        @Test
        void shouldApplyASequenceWhenNoneWasAppliedBefore() {
            ApplyResult result = apply(existing(), sequenced(5, text(SessionOp.SET_TYPE, "t")));
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(result.state().getSequence()).isEqualTo(5L);
        }

        @Test
        void shouldGuardDeletesToo() {
            SessionUpdateBatch staleDelete = SessionUpdateBatch.newBuilder().setDelete(true).setSequence(1L).build();
            assertThat(apply(existingWithSequence(100), staleDelete).outcome()).isEqualTo(Outcome.SKIPPED_SEQUENCE);
        }
    }

    @Nested
    class Deleting {

        @Test
        void shouldDeleteAnExistingSession() {
            ApplyResult result = apply(existing(), Ops.delete());
            assertThat(result.outcome()).isEqualTo(Outcome.DELETED);
            assertThat(result.state()).isNull();
            assertThat(result.changed()).isTrue();
        }

        @Test
        void shouldReportAbsentDeleteForAMissingSession() {
            ApplyResult result = apply(null, Ops.delete());
            assertThat(result.outcome()).isEqualTo(Outcome.ABSENT_DELETE);
            assertThat(result.state()).isNull();
            assertThat(result.changed()).isFalse();
        }

        @Test
        void shouldIgnoreUpdatesOfADelete() {
            SessionUpdateBatch deleteWithNoise = SessionUpdateBatch.newBuilder().setDelete(true)
                    .setUpdates(java.util.List.of(quality(7))).build();
            assertThat(apply(existing(), deleteWithNoise).outcome()).isEqualTo(Outcome.DELETED);
        }
    }

    @Nested
    class Rejecting {

        @Test
        void shouldRejectAnInvalidBatchWithoutChangingAnything() {
            SessionState current = existing();
            SessionState before = SessionState.newBuilder(current).build();
            ApplyResult result = apply(current, batch(text(SessionOp.SET_TYPE, "ok"), quality(1.5), Ops.state(3)));
            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.state()).isSameAs(current).isEqualTo(before);
            assertThat(result.reason()).isEqualTo("updates[1].set_quality: quality 1.5 is outside 0..1; "
                    + "updates[2].set_state: state 3 is not a known session state "
                    + "(0 unknown, 1 waiting, 2 open, 4 closed, 12 truncated, 28 failed, 44 abandoned)");
        }

        @Test
        void shouldRejectAnEmptyIdentity() {
            ApplyResult result = SessionApplier.apply(null, "", batch(), T0);
            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.state()).isNull();
            assertThat(result.reason()).isEqualTo("identity: must not be empty");
        }
    }

    @Nested
    class Purity {

        @Test
        void shouldNeverMutateTheCurrentState() {
            SessionState current = SessionApplier.apply(null, "s1", batch(
                    Ops.json(SessionOp.SET_DETAILS_JSON, "Setup", "{\"a\":1}"),
                    Ops.markers(SessionOp.SET_MARKERS, Ops.marker("1", "Laps", "Lap 1")),
                    keys(SessionOp.SET_REF_ANCHORS, "ref:a"),
                    Ops.range(SessionOp.SET_TIME_RANGE, 1, 2)), T0).state();
            SessionState before = SessionState.newBuilder(current).build();
            apply(current, batch(Ops.json(SessionOp.UPDATE_DETAILS_JSON, "Setup", "{\"a\":2,\"b\":3}"),
                    Ops.markers(SessionOp.UPDATE_MARKERS, Ops.marker("1", "Laps", "changed")),
                    keys(SessionOp.UPDATE_REF_ANCHORS, "ref:b"), Ops.range(SessionOp.EXTEND_TIME_RANGE, 0, 9),
                    keys(SessionOp.SET_FOLDERS, "f")));
            assertThat(current).isEqualTo(before);
        }

        @Test
        void shouldProduceEqualOutputForEqualInput() {
            SessionUpdateBatch batch = batch(java.util.Arrays.stream(io.rta.events.SessionOp.values())
                    .map(OpSamples::valid).toArray(io.rta.events.SessionUpdateOp[]::new));
            ApplyResult first = apply(existing(), batch);
            ApplyResult second = apply(existing(), SessionUpdateBatch.newBuilder(batch).build());
            assertThat(first).isEqualTo(second);
        }

        @Test
        void shouldProduceAStateThatRoundTripsThroughItsAvroSchema() throws java.io.IOException {
            SessionUpdateBatch batch = batch(java.util.Arrays.stream(io.rta.events.SessionOp.values())
                    .filter(op -> !op.name().startsWith("DELETE") && !op.name().startsWith("CLEAR"))
                    .map(OpSamples::valid).toArray(io.rta.events.SessionUpdateOp[]::new));
            SessionState state = apply(existing(), sequenced(3)).state();
            state = apply(state, batch).state();
            assertThat(state.getExtDetails()).isNotEmpty();
            assertThat(SessionState.fromByteBuffer(state.toByteBuffer())).isEqualTo(state);
        }

        @Test
        void shouldCarryResolvedRelationshipsOver() {
            SessionState current = SessionState.newBuilder(existing())
                    .setChildren(java.util.List.of("child")).setAlternates(java.util.List.of("alt")).build();
            SessionState s = apply(current, batch(keys(SessionOp.SET_CHILD_OF_REFS, "ref:x"))).state();
            assertThat(s.getChildren()).containsExactly("child");
            assertThat(s.getAlternates()).containsExactly("alt");
        }

        @Test
        void shouldTouchTheHeartbeatOnEveryAppliedBatch() {
            assertThat(apply(existing(), batch()).state().getHeartbeatUtc()).isEqualTo("2021-03-14T12:15:31.25Z");
        }
    }

    /** The two equivalent examples of session-service.md "Updates to collections". */
    @Nested
    class SessionServiceExamples {

        private SessionState startingWithAaaBbbCcc() {
            return apply(existing(), batch(keys(SessionOp.SET_REF_ANCHORS, "ref:aaa", "ref:bbb", "ref:ccc"))).state();
        }

        @Test
        void shouldMergeWithUpdateAndDelete() {
            SessionState s = apply(startingWithAaaBbbCcc(), batch(keys(SessionOp.UPDATE_REF_ANCHORS, "ref:ccc", "ref:ddd"),
                    keys(SessionOp.DELETE_REF_ANCHORS, "ref:aaa"))).state();
            assertThat(s.getRefAnchors()).containsExactly("ref:bbb", "ref:ccc", "ref:ddd");
        }

        @Test
        void shouldOverwriteWithSet() {
            SessionState s = apply(startingWithAaaBbbCcc(),
                    batch(keys(SessionOp.SET_REF_ANCHORS, "ref:bbb", "ref:ccc", "ref:ddd"))).state();
            assertThat(s.getRefAnchors()).containsExactly("ref:bbb", "ref:ccc", "ref:ddd");
        }

        @Test
        void shouldApplySetTypeAndSetQualityTogether() {
            SessionState s = apply(existing(), batch(text(SessionOp.SET_TYPE, "type66"), quality(0.25))).state();
            assertThat(s.getType()).isEqualTo("type66");
            assertThat(s.getQuality()).isEqualTo(0.25);
        }
    }
}
