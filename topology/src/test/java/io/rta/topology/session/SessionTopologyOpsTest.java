package io.rta.topology.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every one of the 41 update operations, through the real session topology. */
class SessionTopologyOpsTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-28T10:05:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionUpdateBatch> updates;
    private TestOutputTopic<String, SessionState> sessions;

    @BeforeEach
    void start() {
        Topics topics = TestDrivers.topics();
        driver = TestDrivers.driver(topics, SessionTopology::buildTopology, CREATED);
        updates = TestDrivers.input(driver, topics.sessionUpdates());
        sessions = TestDrivers.output(driver, topics.sessions());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @ParameterizedTest
    @EnumSource(SessionOp.class)
    void shouldApplyEveryOperationAndPublishTheResultingState(SessionOp op) {
        updates.pipeInput("s1", richSession(), CREATED);
        SessionState before = store().get("s1");
        SessionUpdateBatch batch = Ops.batch(OpSamples.valid(op));

        updates.pipeInput("s1", batch, UPDATED);

        ApplyResult expected = SessionApplier.apply(before, "s1", batch, UPDATED.toEpochMilli());
        assertThat(expected.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        List<SessionState> published = sessions.readValuesToList();
        assertThat(published.get(published.size() - 1)).isEqualTo(expected.state());
        assertThat(store().get("s1")).isEqualTo(expected.state());
        assertThat(store().get("s1").getHeartbeatUtc()).isEqualTo("2026-11-28T10:05:00Z");
    }

    /** A session that has something in every collection, so that every set, update, delete and clear shows. */
    private static SessionUpdateBatch richSession() {
        return Ops.create(2, "2021-05-06T18:58:56.20289+01:00", "Rich",
                Ops.range(SessionOp.SET_TIME_RANGE, 10, 20),
                Ops.json(SessionOp.SET_DETAILS_JSON, "", "{\"k\":\"old\",\"other\":1}"),
                Ops.json(SessionOp.SET_DETAILS_JSON, "cat", "{\"k\":0}"),
                Ops.text(SessionOp.SET_TYPE, "t"), Ops.quality(0.9), Ops.text(SessionOp.SET_GROUP, "g"),
                Ops.text(SessionOp.SET_VERSION, "1.0"),
                Ops.markers(SessionOp.SET_MARKERS, Ops.marker("m", "Laps", "Old"), Ops.marker("n", "Laps", "N")),
                Ops.configBindings(SessionOp.SET_CONFIG_BINDINGS, Ops.config("c", 5), Ops.config("d", 0)),
                Ops.dataBindings(SessionOp.SET_DATA_BINDINGS, Ops.data(Ops.key("s", "i", 0), 7),
                        Ops.data(Ops.key("s", "j", 0), 0)),
                Ops.keys(SessionOp.SET_FOLDERS, "a", "b"),
                Ops.keys(SessionOp.SET_REF_ANCHORS, "ref:a", "ref:b"),
                Ops.keys(SessionOp.SET_ALTERNATE_OF_REFS, "ref:a", "ref:x"),
                Ops.keys(SessionOp.SET_CHILD_OF_REFS, "ref:a", "ref:y"));
    }

    private KeyValueStore<String, SessionState> store() {
        return driver.getKeyValueStore(SessionTopology.SESSION_STORE);
    }
}
