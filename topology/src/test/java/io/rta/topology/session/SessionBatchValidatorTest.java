package io.rta.topology.session;

import static io.rta.topology.session.Ops.batch;
import static io.rta.topology.session.Ops.config;
import static io.rta.topology.session.Ops.configBindings;
import static io.rta.topology.session.Ops.data;
import static io.rta.topology.session.Ops.dataBindings;
import static io.rta.topology.session.Ops.json;
import static io.rta.topology.session.Ops.key;
import static io.rta.topology.session.Ops.keys;
import static io.rta.topology.session.Ops.marker;
import static io.rta.topology.session.Ops.markers;
import static io.rta.topology.session.Ops.op;
import static io.rta.topology.session.Ops.quality;
import static io.rta.topology.session.Ops.range;
import static io.rta.topology.session.Ops.state;
import static io.rta.topology.session.Ops.stringDetails;
import static io.rta.topology.session.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.DataBinding;
import io.rta.events.DataChannelBinding;
import io.rta.events.Marker;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.topology.limits.InputLimits;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionBatchValidatorTest {

    private static List<String> validate(SessionUpdateOp... ops) {
        return SessionBatchValidator.validate("s1", batch(ops));
    }

    @Test
    void shouldAcceptAValidExampleOfEveryOp() {
        SessionUpdateOp[] all = Arrays.stream(SessionOp.values()).map(OpSamples::valid).toArray(SessionUpdateOp[]::new);
        assertThat(validate(all)).isEmpty();
    }

    @Test
    void shouldRejectAnEmptyOrMissingIdentity() {
        assertThat(SessionBatchValidator.validate("", batch())).containsExactly("identity: must not be empty");
        assertThat(SessionBatchValidator.validate(null, Ops.delete())).containsExactly("identity: must not be empty");
    }

    @Test
    void shouldAcceptADeleteWhateverItsUpdates() {
        SessionUpdateBatch delete = SessionUpdateBatch.newBuilder().setDelete(true).setUpdates(List.of(quality(9))).build();
        assertThat(SessionBatchValidator.validate("s1", delete)).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownCreateState() {
        assertThat(SessionBatchValidator.validate("s1", Ops.create(3, null, null))).containsExactly(
                "create_if_not_exists.state: state 3 is not a known session state "
                        + "(0 unknown, 1 waiting, 2 open, 4 closed, 12 truncated, 28 failed, 44 abandoned)");
    }

    @Test
    void shouldAcceptDefaultCreateValues() {
        assertThat(SessionBatchValidator.validate("s1", Ops.create(0, "", ""))).isEmpty();
        assertThat(SessionBatchValidator.validate("s1", Ops.create(null, null, null))).isEmpty();
    }

    @Test
    void shouldRejectACreateTimestampWithoutOffset() {
        assertThat(SessionBatchValidator.validate("s1", Ops.create(4, "2021-03-14T12:15:30", null))).containsExactly(
                "create_if_not_exists.timestamp: \"2021-03-14T12:15:30\" is not an ISO 8601 date-time with an offset"
                        + " (expected e.g. 2021-03-14T12:15:30Z or 2021-03-14T12:15:30.123+01:00)");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 5, 100})
    void shouldRejectAnUnknownState(int unknown) {
        assertThat(validate(state(unknown))).singleElement().asString()
                .startsWith("updates[0].set_state: state " + unknown + " is not a known session state");
    }

    @Test
    void shouldRejectAnUnparsableTimestamp() {
        assertThat(validate(text(SessionOp.SET_TIMESTAMP, "yesterday"))).singleElement().asString()
                .startsWith("updates[0].set_timestamp: \"yesterday\" is not an ISO 8601 date-time with an offset");
        assertThat(validate(text(SessionOp.SET_TIMESTAMP, ""))).containsExactly(
                "updates[0].set_timestamp: an ISO 8601 date-time with an offset is required, got an empty value");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void shouldRejectQualityOutsideZeroToOne(double bad) {
        assertThat(validate(text(SessionOp.SET_TYPE, "ok"), text(SessionOp.SET_TYPE, "ok"), text(SessionOp.SET_TYPE, "ok"),
                quality(bad))).containsExactly("updates[3].set_quality: quality " + bad + " is outside 0..1");
    }

    @Test
    void shouldAcceptQualityAtTheBounds() {
        assertThat(validate(quality(0.0), quality(1.0))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SessionOp.class, names = {"SET_TIME_RANGE", "EXTEND_TIME_RANGE"})
    void shouldRejectATimeRangeEndingBeforeItStarts(SessionOp op) {
        assertThat(validate(range(op, 20, 10))).containsExactly(
                "updates[0]." + op.name().toLowerCase(java.util.Locale.ROOT) + ": start_time 20 is after end_time 10");
        assertThat(validate(range(op, 10, 10))).isEmpty();
    }

    @Test
    void shouldRejectInvalidDetailsJson() {
        assertThat(validate(json(SessionOp.SET_DETAILS_JSON, "", "{\"a\":{\"b\":1}}"))).containsExactly(
                "updates[0].set_details_json: key \"a\": a nested object is not allowed"
                        + " (values must be a string, number, integer, boolean or ISO 8601 date-time)");
        assertThat(validate(json(SessionOp.UPDATE_DETAILS_JSON, "c", "[1]"))).containsExactly(
                "updates[0].update_details_json: details JSON must be a JSON object, got an array");
        assertThat(validate(json(SessionOp.SET_DETAILS_JSON, "", "{\"a\":"))).singleElement().asString()
                .startsWith("updates[0].set_details_json: details JSON is not valid JSON: ");
    }

    @Test
    void shouldRejectEmptyDetailKeys() {
        assertThat(validate(stringDetails(SessionOp.UPDATE_DETAILS, "", Map.of("", "v")))).containsExactly(
                "updates[0].update_details: detail keys must not be empty");
        assertThat(validate(json(SessionOp.SET_DETAILS_JSON, "", "{\"\":1}"))).containsExactly(
                "updates[0].set_details_json: detail keys must not be empty");
    }

    @Test
    void shouldRejectEmptyAndRepeatedMarkerIds() {
        assertThat(validate(markers(SessionOp.SET_MARKERS, marker("", "Laps", "a"), marker("1", "Laps", "b"),
                marker("1", "Events", "c")))).containsExactly(
                "updates[0].set_markers.markers[0].id: must not be empty",
                "updates[0].set_markers.markers[2].id: \"1\" is repeated (marker ids are unique within an update)");
    }

    @Test
    void shouldRejectMarkerDetailsThatAreNotAJsonObject() {
        Marker bad = Marker.newBuilder(marker("1", "Laps", "a")).setDetailsJson("42").build();
        Marker good = Marker.newBuilder(marker("2", "Laps", "b")).setDetailsJson("{\"x\":{\"nested\":true}}").build();
        assertThat(validate(markers(SessionOp.UPDATE_MARKERS, bad, good))).containsExactly(
                "updates[0].update_markers.markers[0].details_json: details_json must be a JSON object, got a number");
    }

    @Test
    void shouldRejectAMarkerEndingBeforeItStarts() {
        Marker backwards = Marker.newBuilder(marker("1", "Laps", "a")).setStartTime(20L).setEndTime(10L).build();
        Marker openEnded = Marker.newBuilder(marker("2", "Laps", "b")).setStartTime(20L).build();
        assertThat(validate(markers(SessionOp.SET_MARKERS, backwards, openEnded))).containsExactly(
                "updates[0].set_markers.markers[0]: start_time 20 is after end_time 10");
    }

    @Test
    void shouldRejectConfigBindingsWithoutIdentifierOrWithOffsetOutOfRange() {
        assertThat(validate(configBindings(SessionOp.SET_CONFIG_BINDINGS, config("", 0), config("a", -1),
                config("b", 4_294_967_296L), config("c", 4_294_967_295L)))).containsExactly(
                "updates[0].set_config_bindings.config_bindings[0].identifier: must not be empty",
                "updates[0].set_config_bindings.config_bindings[1].channel_offset: -1 is outside 0..4294967295",
                "updates[0].set_config_bindings.config_bindings[2].channel_offset: 4294967296 is outside 0..4294967295");
    }

    @Test
    void shouldRejectADataBindingWithoutKey() {
        DataBinding keyless = new DataBinding(null, null, null, 0L, List.of());
        assertThat(validate(dataBindings(SessionOp.UPDATE_DATA_BINDINGS, keyless))).containsExactly(
                "updates[0].update_data_bindings.data_bindings[0].key: is required");
    }

    @Test
    void shouldRejectAChannelBindingWhoseFirstIsAfterLast() {
        assertThat(validate(dataBindings(SessionOp.SET_DATA_BINDINGS, data(key("s", "i", 0), 0,
                new DataChannelBinding(0L, 50L, 49L), new DataChannelBinding(-1L, 0L, 0L))))).containsExactly(
                "updates[0].set_data_bindings.data_bindings[0].data_channel_bindings[0]:"
                        + " first_session_channel 50 is after last_session_channel 49",
                "updates[0].set_data_bindings.data_bindings[0].data_channel_bindings[1].first_data_channel:"
                        + " -1 is outside 0..4294967295");
    }

    @ParameterizedTest
    @EnumSource(value = SessionOp.class, names = ".*_REF.*", mode = EnumSource.Mode.MATCH_ALL)
    void shouldRejectEmptyRefUris(SessionOp op) {
        assertThat(validate(keys(op, "ref:a", ""))).containsExactly(
                "updates[0]." + op.name().toLowerCase(java.util.Locale.ROOT) + ".ref_uris[1]: must not be empty");
    }

    @Test
    void shouldRejectASessionIdentityThatBreaksTheIdentityRules() {
        assertThat(SessionBatchValidator.validate("s\u0000", batch())).containsExactly(
                "identity: the identity holds the control character U+0000 at position 1; control characters are "
                        + "not allowed");
        assertThat(SessionBatchValidator.validate("s".repeat(20), batch(),
                InputLimits.defaults().withMaxIdentityLength(10))).containsExactly(
                "identity: the identity is 20 bytes long; at most 10 bytes are allowed (MaxIdentityLength)");
    }

    @Test
    void shouldRejectEveryIdentityInsideTheBatchThatBreaksTheIdentityRules() {
        InputLimits limits = InputLimits.defaults().withMaxIdentityLength(8);
        assertThat(SessionBatchValidator.validate("s1", batch(
                keys(SessionOp.SET_REF_ANCHORS, "ref:a\u0000b"),
                keys(SessionOp.UPDATE_FOLDERS, "", "folder-too-long"),
                configBindings(SessionOp.SET_CONFIG_BINDINGS, config("cfg\u001B", 0)),
                keys(SessionOp.DELETE_CONFIG_BINDINGS, "cfg\n"),
                dataBindings(SessionOp.UPDATE_DATA_BINDINGS, data(key("src", "data-too-long", 0), 0)),
                Ops.deleteDataBindings(key("src", "", 0), key("src", "d\r", 0))), limits)).containsExactly(
                "updates[0].set_ref_anchors.ref_uris[0]: the identity holds the control character U+0000 at "
                        + "position 5; control characters are not allowed",
                "updates[1].update_folders.identities[1]: the identity is 15 bytes long; at most 8 bytes are "
                        + "allowed (MaxIdentityLength)",
                "updates[2].set_config_bindings.config_bindings[0].identifier: the identity holds the control "
                        + "character U+001B at position 3; control characters are not allowed",
                "updates[3].delete_config_bindings.identifiers[0]: the identity holds the control character "
                        + "U+000A at position 3; control characters are not allowed",
                "updates[4].update_data_bindings.data_bindings[0].key.identity: the identity is 13 bytes long; at "
                        + "most 8 bytes are allowed (MaxIdentityLength)",
                "updates[5].delete_data_bindings.keys[1].identity: the identity holds the control character "
                        + "U+000D at position 1; control characters are not allowed");
    }

    @Test
    void shouldAcceptTheRootFolderIdentity() {
        assertThat(validate(keys(SessionOp.SET_FOLDERS, ""), keys(SessionOp.DELETE_FOLDERS, ""))).isEmpty();
    }

    @Test
    void shouldRejectOpsWithoutTheirPayload() {
        SessionUpdateOp noText = op(SessionOp.SET_TYPE).build();
        SessionUpdateOp noState = op(SessionOp.SET_STATE).build();
        SessionUpdateOp noQuality = op(SessionOp.SET_QUALITY).build();
        SessionUpdateOp noRange = op(SessionOp.EXTEND_TIME_RANGE).build();
        SessionUpdateOp noJson = op(SessionOp.UPDATE_DETAILS_JSON).build();
        SessionUpdateOp noKeys = op(SessionOp.DELETE_FOLDERS).setKeys(null).build();
        assertThat(validate(noText, noState, noQuality, noRange, noJson, noKeys)).containsExactly(
                "updates[0].set_type: text is required",
                "updates[1].set_state: state is required",
                "updates[2].set_quality: quality is required",
                "updates[3].extend_time_range: timeRange is required",
                "updates[4].update_details_json: json is required",
                "updates[5].delete_folders: keys is required");
    }

    @Test
    void shouldRejectAnOpWithoutKind() {
        SessionUpdateOp none = new SessionUpdateOp(null, null, null, null, null, "", Map.of(), null,
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(validate(none)).containsExactly("updates[0]: op is required");
    }

    @Test
    void shouldReportEveryProblemOfTheBatch() {
        SessionUpdateBatch batch = SessionUpdateBatch.newBuilder(Ops.create(7, "nope", null))
                .setUpdates(List.of(quality(2), state(9))).build();
        assertThat(SessionBatchValidator.validate("", batch)).hasSize(5);
        assertThat(SessionBatchValidator.validate("s1", SessionUpdateBatch.newBuilder()
                .setUpdates(Collections.singletonList(null)).build())).containsExactly("updates[0]: op is required");
    }
}
