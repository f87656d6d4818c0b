package io.rta.topology.session;

import static io.rta.topology.session.Ops.batch;
import static io.rta.topology.session.Ops.bare;
import static io.rta.topology.session.Ops.create;
import static io.rta.topology.session.Ops.delete;
import static io.rta.topology.session.Ops.keys;
import static io.rta.topology.session.Ops.sequenced;
import static io.rta.topology.session.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.topology.TestDrivers;
import io.rta.topology.SourcePosition;
import io.rta.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionUpdateBatch> updates;
    private TestOutputTopic<String, SessionState> sessions;

    @BeforeEach
    void start() {
        Topics topics = TestDrivers.topics();
        driver = TestDrivers.driver(topics, SessionTopology::buildTopology, T0);
        updates = TestDrivers.input(driver, topics.sessionUpdates());
        sessions = TestDrivers.output(driver, topics.sessions());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldEmitFullStateOfCreatedSession() {
        updates.pipeInput("s1", create(2, "2021-05-06T18:58:56.20289+01:00", "Run 1",
                text(SessionOp.SET_TYPE, "DDS")), T0);

        SessionState state = sessions.readValue();
        assertThat(state.getIdentity()).isEqualTo("s1");
        assertThat(state.getState()).isEqualTo(2);
        assertThat(state.getTimestamp()).isEqualTo("2021-05-06T18:58:56.20289+01:00");
        assertThat(state.getIdentifier()).isEqualTo("Run 1");
        assertThat(state.getType()).isEqualTo("DDS");
        assertThat(state.getHeartbeatUtc()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(store().get("s1")).isEqualTo(state);
    }

    @Test
    void shouldTagEveryEmittedStateWithTheOffsetOfItsBatch() {
        updates.pipeInput("s1", batch(text(SessionOp.SET_TYPE, "a")), T0);
        updates.pipeInput("s1", batch(text(SessionOp.SET_TYPE, "b")), T0);

        List<TestRecord<String, SessionState>> out = sessions.readRecordsToList();
        assertThat(out).extracting(r -> source(r)).containsExactly("0:0", "0:1");
    }

    @Test
    void shouldSkipStaleSequenceButStillAcknowledgeTheBatch() {
        updates.pipeInput("s1", sequenced(100, text(SessionOp.SET_TYPE, "aaa")), T0);
        updates.pipeInput("s1", sequenced(100, text(SessionOp.SET_TYPE, "stale")), T0);
        updates.pipeInput("s1", sequenced(90, text(SessionOp.SET_TYPE, "older")), T0);
        updates.pipeInput("s1", sequenced(120, text(SessionOp.SET_TYPE, "bbb")), T0);

        List<TestRecord<String, SessionState>> out = sessions.readRecordsToList();
        assertThat(out).extracting(r -> r.value().getType()).containsExactly("aaa", "aaa", "aaa", "bbb");
        assertThat(out).extracting(r -> source(r)).containsExactly("0:0", "0:1", "0:2", "0:3");
        assertThat(store().get("s1").getSequence()).isEqualTo(120L);
    }

    @Test
    void shouldEmitTombstoneWhenSessionIsDeleted() {
        updates.pipeInput("s1", batch(), T0);
        updates.pipeInput("s1", delete(), T0);
        updates.pipeInput("never-existed", delete(), T0);

        List<TestRecord<String, SessionState>> out = sessions.readRecordsToList();
        assertThat(out).hasSize(3);
        assertThat(out.get(1).value()).isNull();
        assertThat(out.get(2).key()).isEqualTo("never-existed");
        assertThat(out.get(2).value()).isNull();
        assertThat(store().get("s1")).isNull();
    }

    @Test
    void shouldNotWriteRejectedBatchesButStillAcknowledgeThem() {
        updates.pipeInput("s1", batch(Ops.quality(1.5)), T0);

        // the unchanged state of a session that does not exist: a tombstone, carrying the batch's source
        TestRecord<String, SessionState> out = sessions.readRecord();
        assertThat(out.value()).isNull();
        assertThat(source(out)).isEqualTo("0:0");
        assertThat(sessions.isEmpty()).isTrue();
        assertThat(store().get("s1")).isNull();
    }

    @Test
    void shouldResolveChildAndAlternateWhenParentArrivesFirst() {
        parentWithAnchors();
        updates.pipeInput("downsampled", batch(keys(SessionOp.SET_ALTERNATE_OF_REFS, "guid:8319")), T0);
        updates.pipeInput("model", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);

        assertRelations("telemetry", List.of("model"), List.of("downsampled"));
    }

    @Test
    void shouldResolveChildAndAlternateWhenChildrenArriveFirst() {
        updates.pipeInput("model", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);
        updates.pipeInput("downsampled", batch(keys(SessionOp.SET_ALTERNATE_OF_REFS, "guid:8319")), T0);
        parentWithAnchors();

        assertRelations("telemetry", List.of("model"), List.of("downsampled"));
        assertThat(lastState("telemetry").getChildren()).containsExactly("model");
    }

    @Test
    void shouldRetractChildWhenItsRefIsDeleted() {
        parentWithAnchors();
        updates.pipeInput("model", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);
        updates.pipeInput("model", batch(keys(SessionOp.DELETE_CHILD_OF_REFS, "acq:te5")), T0);

        assertRelations("telemetry", List.of(), List.of());
    }

    @Test
    void shouldRetractChildWhenItIsDeleted() {
        parentWithAnchors();
        updates.pipeInput("model", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);
        updates.pipeInput("m2", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);
        updates.pipeInput("model", delete(), T0);

        assertRelations("telemetry", List.of("m2"), List.of());
    }

    @Test
    void shouldRetractChildrenWhenParentDropsTheAnchor() {
        parentWithAnchors();
        updates.pipeInput("model", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);
        updates.pipeInput("telemetry", batch(keys(SessionOp.DELETE_REF_ANCHORS, "acq:te5")), T0);

        assertRelations("telemetry", List.of(), List.of());
    }

    @Test
    void shouldKeepResolvedChildrenAcrossLaterUpdatesOfTheParent() {
        parentWithAnchors();
        updates.pipeInput("model", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:te5")), T0);
        updates.pipeInput("telemetry", batch(text(SessionOp.SET_GROUP, "aero")), T0);

        assertThat(lastState("telemetry").getChildren()).containsExactly("model");
        assertThat(lastState("telemetry").getGroup()).isEqualTo("aero");
    }

    @Test
    void shouldResolveChildrenThroughEveryAnchorOfEveryParent() {
        updates.pipeInput("p1", batch(keys(SessionOp.SET_REF_ANCHORS, "a")), T0);
        updates.pipeInput("p2", batch(keys(SessionOp.SET_REF_ANCHORS, "a", "b")), T0);
        updates.pipeInput("c1", batch(keys(SessionOp.SET_CHILD_OF_REFS, "a")), T0);
        updates.pipeInput("c2", batch(keys(SessionOp.SET_CHILD_OF_REFS, "b")), T0);
        updates.pipeInput("p1", batch(keys(SessionOp.SET_CHILD_OF_REFS, "a")), T0);

        assertRelations("p1", List.of("c1"), List.of());
        assertRelations("p2", List.of("c1", "c2", "p1"), List.of());
    }

    @Test
    void shouldRebuildIdenticalStateWhenReplayed() {
        shouldResolveChildrenThroughEveryAnchorOfEveryParent();
        SessionState p2 = store().get("p2");
        driver.close();
        start();
        shouldResolveChildrenThroughEveryAnchorOfEveryParent();
        assertThat(store().get("p2")).isEqualTo(p2);
    }

    private void parentWithAnchors() {
        updates.pipeInput("telemetry", create(null, "2021-05-20T10:48:10.072433+01:00", "Telemetry Session",
                keys(SessionOp.SET_REF_ANCHORS, "guid:8319", "acq:te5")), T0);
    }

    private void assertRelations(String parent, List<String> children, List<String> alternates) {
        SessionState stored = store().get(parent);
        assertThat(stored.getChildren()).containsExactlyElementsOf(children);
        assertThat(stored.getAlternates()).containsExactlyElementsOf(alternates);
        SessionState published = lastState(parent);
        assertThat(published.getChildren()).containsExactlyElementsOf(children);
        assertThat(published.getAlternates()).containsExactlyElementsOf(alternates);
    }

    private SessionState lastState(String identity) {
        return sessions.readRecordsToList().stream().filter(r -> r.key().equals(identity))
                .reduce((a, b) -> b).map(TestRecord::value).orElseGet(() -> store().get(identity));
    }

    private KeyValueStore<String, SessionState> store() {
        return driver.getKeyValueStore(SessionTopology.SESSION_STORE);
    }

    private static String source(TestRecord<String, SessionState> record) {
        Header header = record.headers().lastHeader(SourcePosition.HEADER);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static SessionUpdateBatch heartbeat() {
        return batch(bare(SessionOp.UPDATE_HEARTBEAT));
    }
}
