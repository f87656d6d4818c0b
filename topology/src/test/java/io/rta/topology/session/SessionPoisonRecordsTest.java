package io.rta.topology.session;

import static io.rta.topology.session.Ops.batch;
import static io.rta.topology.session.Ops.configBindings;
import static io.rta.topology.session.Ops.create;
import static io.rta.topology.session.Ops.keys;
import static io.rta.topology.session.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.DeadLetter;
import io.rta.events.SessionFolder;
import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.topology.TestDrivers;
import io.rta.topology.SourcePosition;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records a pipeline may produce to the session topics that must not be applied: each is set aside to the dead-letter
 * topic (where it came from, why) while the records around it are applied, and the state is as if it never came.
 */
class SessionPoisonRecordsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final String LONG_IDENTITY = "x".repeat(70_000);

    private final Topics topics = TestDrivers.topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionUpdateBatch> updates;
    private TestInputTopic<String, byte[]> rawUpdates;
    private TestInputTopic<String, SessionFolder> folders;
    private TestOutputTopic<String, SessionState> sessions;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private void start(InputLimits limits) {
        driver = TestDrivers.driver(topics, t -> SessionTopology.addFolderGuard(
                SessionTopology.addTo(new Topology(), t, limits), t, limits), T0);
        updates = TestDrivers.input(driver, topics.sessionUpdates());
        rawUpdates = driver.createInputTopic(topics.sessionUpdates().name(), Serdes.String().serializer(),
                new ByteArraySerializer());
        folders = TestDrivers.input(driver, topics.folders());
        sessions = TestDrivers.output(driver, topics.sessions());
        deadLetters = TestDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldSetAsideAnUndecodableBatchAndApplyTheBatchesAroundIt() {
        start(InputLimits.defaults());
        updates.pipeInput("s1", create(2, null, "Run", text(SessionOp.SET_TYPE, "before")), T0);
        rawUpdates.pipeInput("s1", new byte[] {0, 0, 0, 0, 42, 1, 2, 3}, T0);
        updates.pipeInput("s1", batch(text(SessionOp.SET_GROUP, "after")), T0);

        DeadLetter letter = onlyDeadLetter(topics.sessionUpdates().name() + "/0/1");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.DESERIALIZATION);
        assertThat(array(letter.getValue())).containsExactly(0, 0, 0, 0, 42, 1, 2, 3);
        SessionState state = store().get("s1");
        assertThat(state.getType()).isEqualTo("before");
        assertThat(state.getGroup()).isEqualTo("after");
    }

    static Stream<Arguments> keysThatAreNoIdentity() {
        return Stream.of(
                Arguments.of(LONG_IDENTITY, "the identity is 70000 bytes long; at most 1024 bytes are allowed "
                        + "(MaxIdentityLength)"),
                Arguments.of("nul\u0000key", "control character U+0000 at position 3"),
                Arguments.of("esc\u001Bkey", "control character U+001B at position 3"),
                Arguments.of("line\r\nbreak", "control character U+000D at position 4"),
                Arguments.of("", "an identity must not be empty"),
                Arguments.of(null, "an identity must not be empty"));
    }

    @ParameterizedTest
    @MethodSource("keysThatAreNoIdentity")
    void shouldSetAsideABatchWhoseKeyIsNoSessionIdentity(String key, String rule) {
        start(InputLimits.defaults());
        updates.pipeInput("s1", create(2, null, "Run"), T0);
        updates.pipeInput(key, create(2, null, "Bad"), T0);
        updates.pipeInput("s2", create(2, null, "Next"), T0);

        DeadLetter letter = onlyDeadLetter(topics.sessionUpdates().name() + "/0/1");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getReason()).startsWith("record key (session identity): ").contains(rule);
        assertThat(letter.getProcessor()).isEqualTo("session-update-processor");
        assertThat(letter.getKey() == null ? null : new String(array(letter.getKey()), StandardCharsets.UTF_8))
                .isEqualTo(key);
        assertThat(decode(letter)).isEqualTo(create(2, null, "Bad"));
        // nothing about it on the sessions topic; the sessions around it are applied
        assertThat(sessions.readRecordsToList()).extracting(TestRecord::key).containsExactly("s1", "s2");
        assertThat(store().approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void shouldSetAsideATombstone() {
        start(InputLimits.defaults());
        updates.pipeInput("s1", create(2, null, "Run"), T0);
        updates.pipeInput("s1", (SessionUpdateBatch) null, T0);

        DeadLetter letter = onlyDeadLetter(topics.sessionUpdates().name() + "/0/1");
        assertThat(letter.getReason()).startsWith("value: ");
        assertThat(letter.getValue()).isNull();
        assertThat(store().get("s1").getIdentifier()).isEqualTo("Run");
    }

    @Test
    void shouldAcknowledgeABatchTheApplierRejectsWithTheUnchangedStateAndSetItAside() {
        start(InputLimits.defaults());
        updates.pipeInput("s1", create(2, null, "Run"), T0);
        SessionState before = sessions.readValue();
        updates.pipeInput("s1", batch(text(SessionOp.SET_GROUP, "lost"), Ops.quality(1.5)), T0);

        TestRecord<String, SessionState> acknowledged = sessions.readRecord();
        assertThat(acknowledged.value()).isEqualTo(before);
        assertThat(new String(acknowledged.headers().lastHeader(SourcePosition.HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("0:1");
        DeadLetter letter = onlyDeadLetter(topics.sessionUpdates().name() + "/0/1");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getReason()).isEqualTo("updates[1].set_quality: quality 1.5 is outside 0..1");
        assertThat(decode(letter)).isEqualTo(batch(text(SessionOp.SET_GROUP, "lost"), Ops.quality(1.5)));
        assertThat(store().get("s1")).isEqualTo(before);
    }

    @Test
    void shouldSetAsideABatchOverTheSizeLimit() {
        start(InputLimits.defaults());
        updates.pipeInput("s1", create(2, null, "Run"), T0);
        SessionState before = sessions.readValue();
        updates.pipeInput("s1", batch(text(SessionOp.SET_TYPE, "t".repeat(SessionLimits.MAX_BATCH_BYTES))), T0);

        assertThat(sessions.readValue()).isEqualTo(before);
        assertThat(onlyDeadLetter(topics.sessionUpdates().name() + "/0/1").getReason())
                .startsWith("the update is ").contains("bytes are accepted in one request");
        assertThat(store().get("s1")).isEqualTo(before);
    }

    static Stream<Arguments> identitiesInsideABatch() {
        return Stream.of(
                Arguments.of(batch(keys(SessionOp.SET_REF_ANCHORS, "ref:ok", "ref:\u0000nul")),
                        "updates[0].set_ref_anchors.ref_uris[1]: the identity holds the control character U+0000"),
                Arguments.of(batch(keys(SessionOp.SET_CHILD_OF_REFS, "p".repeat(2000))),
                        "updates[0].set_child_of_refs.ref_uris[0]: the identity is 2000 bytes long"),
                Arguments.of(batch(keys(SessionOp.SET_FOLDERS, "", "f\nx")),
                        "updates[0].set_folders.identities[1]: the identity holds the control character U+000A"),
                Arguments.of(batch(configBindings(SessionOp.SET_CONFIG_BINDINGS, Ops.config("c\u001B[31m", 0))),
                        "updates[0].set_config_bindings.config_bindings[0].identifier: the identity holds the "
                                + "control character U+001B"),
                Arguments.of(batch(keys(SessionOp.DELETE_CONFIG_BINDINGS, "c\rx")),
                        "updates[0].delete_config_bindings.identifiers[0]: the identity holds the control "
                                + "character U+000D"),
                Arguments.of(batch(Ops.deleteDataBindings(Ops.key("src", "d".repeat(1025), 0))),
                        "updates[0].delete_data_bindings.keys[0].identity: the identity is 1025 bytes long"));
    }

    @ParameterizedTest
    @MethodSource("identitiesInsideABatch")
    void shouldSetAsideABatchNamingAnIdentityTheGrpcPathRefuses(SessionUpdateBatch bad, String reason) {
        start(InputLimits.defaults());
        updates.pipeInput("s1", create(2, null, "Run"), T0);
        SessionState before = sessions.readValue();
        updates.pipeInput("s1", bad, T0);
        updates.pipeInput("s1", batch(text(SessionOp.SET_GROUP, "after")), T0);

        DeadLetter letter = onlyDeadLetter(topics.sessionUpdates().name() + "/0/1");
        assertThat(letter.getReason()).startsWith(LogTextOf.escaped(reason));
        assertThat(decode(letter)).isEqualTo(bad);
        assertThat(store().get("s1").getGroup()).isEqualTo("after");
        assertThat(store().get("s1").getRefAnchors()).isEqualTo(before.getRefAnchors());
        assertThat(store().get("s1").getFolders()).isEqualTo(before.getFolders());
    }

    @Test
    void shouldSetAsideChildrenOfAnAnchorBeyondMaxRelatedSessionsAndKeepTheChildSessions() {
        start(InputLimits.defaults().withMaxRelatedSessions(2));
        updates.pipeInput("parent", batch(keys(SessionOp.SET_REF_ANCHORS, "acq:1")), T0);
        for (String child : List.of("c1", "c2", "c3")) {
            updates.pipeInput(child, batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:1")), T0);
        }

        DeadLetter letter = onlyDeadLetter(topics.sessionRefEdges().name() + "/0/3");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getReason()).isEqualTo("the number of children through anchor 'acq:1' is 3; at most 2 "
                + "allowed (MaxRelatedSessions): session 'c3' is not related through it");
        assertThat(store().get("parent").getChildren()).containsExactly("c1", "c2");
        assertThat(store().get("c3").getChildOfRefs()).containsExactly("acq:1");
    }

    @Test
    void shouldSetAsideOwnersOfAnAnchorBeyondMaxRelatedSessions() {
        start(InputLimits.defaults().withMaxRelatedSessions(2));
        for (String parent : List.of("p1", "p2", "p3")) {
            updates.pipeInput(parent, batch(keys(SessionOp.SET_REF_ANCHORS, "acq:1")), T0);
        }
        updates.pipeInput("c1", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:1")), T0);

        assertThat(onlyDeadLetter(topics.sessionRefEdges().name() + "/0/2").getReason())
                .startsWith("the number of sessions declaring anchor 'acq:1' is 3; at most 2 allowed "
                        + "(MaxRelatedSessions)");
        assertThat(store().get("p1").getChildren()).containsExactly("c1");
        assertThat(store().get("p2").getChildren()).containsExactly("c1");
        assertThat(store().get("p3").getChildren()).isEmpty();
    }

    @Test
    void shouldKeepTheFirstChildrenInIdentityOrderWhenSeveralAnchorsBringMoreThanMaxRelatedSessions() {
        start(InputLimits.defaults().withMaxRelatedSessions(2));
        relateThreeChildrenThroughTwoAnchors();

        DeadLetter letter = onlyDeadLetter(topics.sessionRelations().name() + "/0/2");
        assertThat(letter.getReason()).isEqualTo("the number of children of session 'parent' is 3; at most 2 "
                + "allowed (MaxRelatedSessions): the session keeps the first 2 in identity order");
        assertThat(store().get("parent").getChildren()).containsExactly("a-child", "b-child");
    }

    @Test
    void shouldSetAsideTheSameRelationsWhenReplayed() {
        start(InputLimits.defaults().withMaxRelatedSessions(2));
        relateThreeChildrenThroughTwoAnchors();
        SessionState parent = store().get("parent");
        List<String> reasons = deadLetters.readValuesToList().stream().map(DeadLetter::getReason).toList();
        driver.close();

        start(InputLimits.defaults().withMaxRelatedSessions(2));
        relateThreeChildrenThroughTwoAnchors();

        assertThat(store().get("parent")).isEqualTo(parent);
        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReason).isEqualTo(reasons);
    }

    private void relateThreeChildrenThroughTwoAnchors() {
        updates.pipeInput("parent", batch(keys(SessionOp.SET_REF_ANCHORS, "acq:a", "acq:b")), T0);
        updates.pipeInput("b-child", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:b")), T0);
        updates.pipeInput("c-child", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:b")), T0);
        updates.pipeInput("a-child", batch(keys(SessionOp.SET_CHILD_OF_REFS, "acq:a")), T0);
    }

    static Stream<Arguments> foldersThatBreakTheRules() {
        return Stream.of(
                Arguments.of("f\u0000", new SessionFolder("f\u0000", "", "Label", ""),
                        "record key (folder identity): the identity holds the control character U+0000"),
                Arguments.of(LONG_IDENTITY, new SessionFolder(LONG_IDENTITY, "", "Label", ""),
                        "record key (folder identity): the identity is 70000 bytes long"),
                Arguments.of("f1", new SessionFolder("f2", "", "Label", ""),
                        "identity: the folder's identity differs from its record key"),
                Arguments.of("f1", new SessionFolder("f1", "f1", "Label", ""),
                        "parent_identity: a folder cannot be its own parent"),
                Arguments.of("f1", new SessionFolder("f1", "p\u001B", "Label", ""),
                        "parent_identity: the identity holds the control character U+001B"));
    }

    @ParameterizedTest
    @MethodSource("foldersThatBreakTheRules")
    void shouldSetAsideAFolderThatBreaksTheRules(String key, SessionFolder folder, String reason) {
        start(InputLimits.defaults());
        folders.pipeInput("ok", new SessionFolder("ok", "", "Fine", ""));
        folders.pipeInput(key, folder);
        folders.pipeInput("ok", (SessionFolder) null);

        DeadLetter letter = onlyDeadLetter(topics.folders().name() + "/0/1");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getProcessor()).isEqualTo("folder-guard-processor");
        assertThat(letter.getReason()).startsWith(LogTextOf.escaped(reason));
        assertThat(topics.folders().valueSerde().deserializer().deserialize(topics.folders().name(),
                array(letter.getValue()))).isEqualTo(folder);
    }

    @Test
    void shouldSetAsideAnUndecodableFolder() {
        start(InputLimits.defaults());
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.folders().name(),
                Serdes.String().serializer(), new ByteArraySerializer());
        raw.pipeInput("f1", "{\"identity\": \"f1\"}".getBytes(StandardCharsets.UTF_8));

        DeadLetter letter = onlyDeadLetter(topics.folders().name() + "/0/0");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.DESERIALIZATION);
        assertThat(new String(array(letter.getValue()), StandardCharsets.UTF_8)).isEqualTo("{\"identity\": \"f1\"}");
    }

    private DeadLetter onlyDeadLetter(String key) {
        List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly(key);
        DeadLetter letter = letters.get(0).value();
        assertThat(DeadLetters.key(letter)).isEqualTo(key);
        return letter;
    }

    private SessionUpdateBatch decode(DeadLetter letter) {
        return topics.sessionUpdates().valueSerde().deserializer().deserialize(topics.sessionUpdates().name(),
                array(letter.getValue()));
    }

    private KeyValueStore<String, SessionState> store() {
        return driver.getKeyValueStore(SessionTopology.SESSION_STORE);
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Reasons are stored escaped: what a reason quoting control characters reads like. */
    private static final class LogTextOf {
        static String escaped(String text) {
            return io.rta.topology.errors.LogText.escape(text);
        }
    }
}
