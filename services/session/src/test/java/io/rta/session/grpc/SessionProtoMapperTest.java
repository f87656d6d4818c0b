package io.rta.session.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.DataChannelBinding;
import io.rta.events.Marker;
import io.rta.events.SessionCreate;
import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.proto.toolkit.session.SessionUpdate.OpCase;
import io.rta.topology.session.SessionBatchValidator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionProtoMapperTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-02-03T04:05:06.789Z"), ZoneOffset.UTC);

    private static final io.rta.proto.toolkit.session.TimeRange PROTO_RANGE =
            io.rta.proto.toolkit.session.TimeRange.newBuilder().setStartTime(-5).setEndTime(10).build();

    private static final SessionUpdate.DetailsMap DETAILS = SessionUpdate.DetailsMap.newBuilder()
            .setCategory("Car").putDetails("b", "2").putDetails("a", "1").build();

    private static final SessionUpdate.DetailsJson DETAILS_JSON = SessionUpdate.DetailsJson.newBuilder()
            .setCategory("").setJson("{\"Run\":17}").build();

    private static final SessionUpdate.MarkersMap MARKERS = SessionUpdate.MarkersMap.newBuilder()
            .putMarkersByCategory("Laps", SessionUpdate.MarkersList.newBuilder()
                    .addMarkers(io.rta.proto.toolkit.session.Marker.newBuilder().setId("1").setType("Lap").setLabel("Lap 1")
                            .setDescription(StringValue.of("out lap")).setStartTime(Int64Value.of(100))
                            .setEndTime(Int64Value.of(200)).setDetailsJson("{\"x\":1}"))
                    .addMarkers(io.rta.proto.toolkit.session.Marker.newBuilder().setId("2")).build())
            .putMarkersByCategory("Events", SessionUpdate.MarkersList.newBuilder()
                    .addMarkers(io.rta.proto.toolkit.session.Marker.newBuilder().setId("e")).build())
            .build();

    private static final List<Marker> AVRO_MARKERS = List.of(
            Marker.newBuilder().setId("e").setCategory("Events").build(),
            Marker.newBuilder().setId("1").setCategory("Laps").setType("Lap").setLabel("Lap 1").setDescription("out lap")
                    .setStartTime(100L).setEndTime(200L).setDetailsJson("{\"x\":1}").build(),
            Marker.newBuilder().setId("2").setCategory("Laps").build());

    private static final SessionUpdate.ConfigBindingsList CONFIGS = SessionUpdate.ConfigBindingsList.newBuilder()
            .addConfigBindings(io.rta.proto.toolkit.session.ConfigBinding.newBuilder().setIdentifier("cfg").setChannelOffset(-1))
            .build();

    private static final io.rta.proto.toolkit.session.DataBindingKey PROTO_KEY =
            io.rta.proto.toolkit.session.DataBindingKey.newBuilder().setSource("influx01").setIdentity("f='a'").setTimeRef(7).build();

    private static final io.rta.proto.toolkit.session.DataBinding PROTO_DATA = io.rta.proto.toolkit.session.DataBinding.newBuilder()
            .setKey(PROTO_KEY).setSessionStartTime(Int64Value.of(1)).setSessionEndTime(Int64Value.of(2))
            .setSessionTimeOffset(-300).addDataChannelBindings(io.rta.proto.toolkit.session.DataChannelBinding.newBuilder()
                    .setFirstDataChannel(0).setFirstSessionChannel(50).setLastSessionChannel(-1))
            .build();

    private static final DataBindingKey AVRO_KEY = new DataBindingKey("influx01", "f='a'", 7L);

    private static final DataBinding AVRO_DATA = new DataBinding(AVRO_KEY, 1L, 2L, -300L,
            List.of(new DataChannelBinding(0L, 50L, 4_294_967_295L)));

    private static SessionUpdateOp.Builder op(SessionOp op) {
        return SessionUpdateOp.newBuilder().setOp(op);
    }

    private static SessionUpdateOp keys(SessionOp op, String... keys) {
        return op(op).setKeys(List.of(keys)).build();
    }

    private static SessionUpdate.RefUrisList uris() {
        return SessionUpdate.RefUrisList.newBuilder().addRefUris("ref:a").addRefUris("ref:b").build();
    }

    private static SessionUpdate.FoldersList folders() {
        return SessionUpdate.FoldersList.newBuilder().addIdentities("animals").addIdentities("").build();
    }

    /** Every proto op with the Avro op it must become. */
    static Stream<Arguments> everyOp() {
        Empty empty = Empty.getDefaultInstance();
        return Stream.of(
                row(SessionUpdate.newBuilder().setUpdateHeartbeat(empty), op(SessionOp.UPDATE_HEARTBEAT).build()),
                row(SessionUpdate.newBuilder().setSetState(12), op(SessionOp.SET_STATE).setState(12).build()),
                row(SessionUpdate.newBuilder().setSetTimestamp("2021-03-14T12:15:30Z"),
                        op(SessionOp.SET_TIMESTAMP).setText("2021-03-14T12:15:30Z").build()),
                row(SessionUpdate.newBuilder().setSetTimeRange(PROTO_RANGE),
                        op(SessionOp.SET_TIME_RANGE).setTimeRange(new TimeRange(-5L, 10L)).build()),
                row(SessionUpdate.newBuilder().setExtendTimeRange(PROTO_RANGE),
                        op(SessionOp.EXTEND_TIME_RANGE).setTimeRange(new TimeRange(-5L, 10L)).build()),
                row(SessionUpdate.newBuilder().setClearTimeRange(empty), op(SessionOp.CLEAR_TIME_RANGE).build()),
                row(SessionUpdate.newBuilder().setSetIdentifier("Run 7"), op(SessionOp.SET_IDENTIFIER).setText("Run 7").build()),
                row(SessionUpdate.newBuilder().setSetDetails(DETAILS),
                        op(SessionOp.SET_DETAILS).setCategory("Car").setStringDetails(Map.of("a", "1", "b", "2")).build()),
                row(SessionUpdate.newBuilder().setUpdateDetails(DETAILS),
                        op(SessionOp.UPDATE_DETAILS).setCategory("Car").setStringDetails(Map.of("a", "1", "b", "2")).build()),
                row(SessionUpdate.newBuilder().setSetDetailsJson(DETAILS_JSON),
                        op(SessionOp.SET_DETAILS_JSON).setCategory("").setJson("{\"Run\":17}").build()),
                row(SessionUpdate.newBuilder().setUpdateDetailsJson(DETAILS_JSON),
                        op(SessionOp.UPDATE_DETAILS_JSON).setCategory("").setJson("{\"Run\":17}").build()),
                row(SessionUpdate.newBuilder().setDeleteDetails(
                                SessionUpdate.DetailKeysList.newBuilder().setCategory("Car").addKeys("a").addKeys("z")),
                        op(SessionOp.DELETE_DETAILS).setCategory("Car").setKeys(List.of("a", "z")).build()),
                row(SessionUpdate.newBuilder().setSetType(StringValue.of("DDS")), op(SessionOp.SET_TYPE).setText("DDS").build()),
                row(SessionUpdate.newBuilder().setClearType(empty), op(SessionOp.CLEAR_TYPE).build()),
                row(SessionUpdate.newBuilder().setSetQuality(0.25), op(SessionOp.SET_QUALITY).setQuality(0.25).build()),
                row(SessionUpdate.newBuilder().setClearQuality(empty), op(SessionOp.CLEAR_QUALITY).build()),
                row(SessionUpdate.newBuilder().setSetGroup("Aero"), op(SessionOp.SET_GROUP).setText("Aero").build()),
                row(SessionUpdate.newBuilder().setClearGroup(empty), op(SessionOp.CLEAR_GROUP).build()),
                row(SessionUpdate.newBuilder().setSetVersion("1.2.0"), op(SessionOp.SET_VERSION).setText("1.2.0").build()),
                row(SessionUpdate.newBuilder().setClearVersion(empty), op(SessionOp.CLEAR_VERSION).build()),
                row(SessionUpdate.newBuilder().setSetMarkers(MARKERS), op(SessionOp.SET_MARKERS).setMarkers(AVRO_MARKERS).build()),
                row(SessionUpdate.newBuilder().setUpdateMarkers(MARKERS),
                        op(SessionOp.UPDATE_MARKERS).setMarkers(AVRO_MARKERS).build()),
                row(SessionUpdate.newBuilder().setDeleteMarkers(SessionUpdate.MarkerIdsList.newBuilder().addMarkerIds("1")),
                        keys(SessionOp.DELETE_MARKERS, "1")),
                row(SessionUpdate.newBuilder().setSetConfigBindings(CONFIGS),
                        op(SessionOp.SET_CONFIG_BINDINGS).setConfigBindings(List.of(new ConfigBinding("cfg", 4_294_967_295L))).build()),
                row(SessionUpdate.newBuilder().setUpdateConfigBindings(CONFIGS),
                        op(SessionOp.UPDATE_CONFIG_BINDINGS).setConfigBindings(List.of(new ConfigBinding("cfg", 4_294_967_295L)))
                                .build()),
                row(SessionUpdate.newBuilder().setDeleteConfigBindings(
                        SessionUpdate.ConfigIdentifiersList.newBuilder().addIdentifiers("cfg")), keys(SessionOp.DELETE_CONFIG_BINDINGS, "cfg")),
                row(SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder().addDataBindings(PROTO_DATA)),
                        op(SessionOp.SET_DATA_BINDINGS).setDataBindings(List.of(AVRO_DATA)).build()),
                row(SessionUpdate.newBuilder().setUpdateDataBindings(SessionUpdate.DataBindingsList.newBuilder().addDataBindings(PROTO_DATA)),
                        op(SessionOp.UPDATE_DATA_BINDINGS).setDataBindings(List.of(AVRO_DATA)).build()),
                row(SessionUpdate.newBuilder().setDeleteDataBindings(SessionUpdate.DataBindingKeysList.newBuilder().addKeys(PROTO_KEY)),
                        op(SessionOp.DELETE_DATA_BINDINGS).setDataBindingKeys(List.of(AVRO_KEY)).build()),
                row(SessionUpdate.newBuilder().setSetFolders(folders()), keys(SessionOp.SET_FOLDERS, "animals", "")),
                row(SessionUpdate.newBuilder().setUpdateFolders(folders()), keys(SessionOp.UPDATE_FOLDERS, "animals", "")),
                row(SessionUpdate.newBuilder().setDeleteFolders(folders()), keys(SessionOp.DELETE_FOLDERS, "animals", "")),
                row(SessionUpdate.newBuilder().setSetRefAnchors(uris()), keys(SessionOp.SET_REF_ANCHORS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setUpdateRefAnchors(uris()), keys(SessionOp.UPDATE_REF_ANCHORS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setDeleteRefAnchors(uris()), keys(SessionOp.DELETE_REF_ANCHORS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setSetAlternateOfRefs(uris()), keys(SessionOp.SET_ALTERNATE_OF_REFS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setUpdateAlternateOfRefs(uris()),
                        keys(SessionOp.UPDATE_ALTERNATE_OF_REFS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setDeleteAlternateOfRefs(uris()),
                        keys(SessionOp.DELETE_ALTERNATE_OF_REFS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setSetChildOfRefs(uris()), keys(SessionOp.SET_CHILD_OF_REFS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setUpdateChildOfRefs(uris()), keys(SessionOp.UPDATE_CHILD_OF_REFS, "ref:a", "ref:b")),
                row(SessionUpdate.newBuilder().setDeleteChildOfRefs(uris()), keys(SessionOp.DELETE_CHILD_OF_REFS, "ref:a", "ref:b")));
    }

    private static Arguments row(SessionUpdate.Builder update, SessionUpdateOp expected) {
        return Arguments.of(update.getOpCase(), update.build(), expected);
    }

    private static SessionUpdateBatch map(SessionUpdate... updates) {
        return SessionProtoMapper.toBatch(CreateOrUpdateSessionRequest.newBuilder().setIdentity("s1")
                .addAllUpdates(List.of(updates)).build(), CLOCK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOp")
    void shouldMapTheOpToItsAvroEquivalent(OpCase opCase, SessionUpdate update, SessionUpdateOp expected) {
        assertThat(map(update).getUpdates()).containsExactly(expected);
    }

    @Test
    void shouldCoverAll41Ops() {
        Set<OpCase> covered = everyOp().map(args -> (OpCase) args.get()[0]).collect(Collectors.toSet());
        Set<OpCase> all = EnumSet.allOf(OpCase.class);
        all.remove(OpCase.OP_NOT_SET);
        assertThat(covered).hasSize(41).isEqualTo(all);
        assertThat(Arrays.stream(SessionOp.values()).map(Enum::name).toList())
                .isEqualTo(Arrays.stream(OpCase.values()).filter(c -> c != OpCase.OP_NOT_SET).map(Enum::name).toList());
    }

    @Test
    void shouldProduceAValidBatchFromEveryValidOp() {
        SessionUpdate[] updates = everyOp().map(args -> (SessionUpdate) args.get()[1]).toArray(SessionUpdate[]::new);
        SessionUpdateBatch batch = map(updates);
        assertThat(batch.getUpdates()).hasSize(41);
        // the uint32 values above are at their maximum and stay in range
        assertThat(SessionBatchValidator.validate("s1", batch)).isEmpty();
    }

    @Test
    void shouldProduceABatchThatRoundTripsThroughItsAvroSchema() throws java.io.IOException {
        SessionUpdateBatch batch = map(everyOp().map(args -> (SessionUpdate) args.get()[1]).toArray(SessionUpdate[]::new));
        assertThat(SessionUpdateBatch.fromByteBuffer(batch.toByteBuffer())).isEqualTo(batch);
    }

    @Test
    void shouldRejectAnUpdateWithoutOpNamingItsIndex() {
        assertThatThrownBy(() -> map(SessionUpdate.newBuilder().setSetType(StringValue.of("a")).build(),
                SessionUpdate.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("updates[1]: no operation set (each SessionUpdate carries one)");
    }

    @Test
    void shouldMapAMissingDataBindingKeyToNullForTheValidator() {
        SessionUpdate keyless = SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                .addDataBindings(io.rta.proto.toolkit.session.DataBinding.getDefaultInstance())).build();
        SessionUpdateBatch batch = map(keyless);
        assertThat(batch.getUpdates().get(0).getDataBindings().get(0).getKey()).isNull();
        assertThat(batch.getUpdates().get(0).getDataBindings().get(0).getSessionStartTime()).isNull();
        assertThat(SessionBatchValidator.validate("s1", batch))
                .containsExactly("updates[0].set_data_bindings.data_bindings[0].key: is required");
    }

    @Test
    void shouldMapSequenceAndCreateIfNotExists() {
        SessionUpdateBatch batch = SessionProtoMapper.toBatch(CreateOrUpdateSessionRequest.newBuilder().setIdentity("001")
                .setSequence(Int64Value.of(100))
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setState(2).setTimestamp("2021-03-14T12:15:30+01:00").setIdentifier("Demo Session"))
                .build(), CLOCK);
        assertThat(batch.getSequence()).isEqualTo(100L);
        assertThat(batch.getDelete()).isFalse();
        assertThat(batch.getCreateIfNotExists()).isEqualTo(new SessionCreate(2, "2021-03-14T12:15:30+01:00", "Demo Session"));
        assertThat(batch.getUpdates()).isEmpty();
    }

    @Test
    void shouldFillTheCreateTimestampFromTheClockAndLeaveOtherDefaultsToTheApplier() {
        SessionUpdateBatch batch = SessionProtoMapper.toBatch(CreateOrUpdateSessionRequest.newBuilder().setIdentity("001")
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.getDefaultInstance()).build(), CLOCK);
        assertThat(batch.getCreateIfNotExists()).isEqualTo(new SessionCreate(0, "2024-02-03T04:05:06.789Z", null));
    }

    @Test
    void shouldLeaveSequenceAndCreateAbsentWhenNotGiven() {
        SessionUpdateBatch batch = map();
        assertThat(batch.getSequence()).isNull();
        assertThat(batch.getCreateIfNotExists()).isNull();
    }

    @Test
    void shouldBuildADeleteBatch() {
        SessionUpdateBatch delete = SessionProtoMapper.deleteBatch();
        assertThat(delete.getDelete()).isTrue();
        assertThat(delete.getUpdates()).isEmpty();
        assertThat(delete.getSequence()).isNull();
    }

    private static SessionState state() {
        return SessionState.newBuilder()
                .setIdentity("s1").setState(4).setTimestamp("2021-03-14T12:15:30Z").setIdentifier("Demo")
                .setHeartbeatUtc("2024-02-03T04:05:06Z")
                .setDataBindings(List.of(AVRO_DATA, new DataBinding(new DataBindingKey("s", "i", 0L), null, null, 0L, List.of())))
                .setFolders(List.of("animals", "plants"))
                .setRefAnchors(List.of("guid:1")).setChildOfRefs(List.of("acq:2")).setAlternateOfRefs(List.of("guid:3"))
                .build();
    }

    @Test
    void shouldReturnOnlyTheIdentityForAnEmptyMask() {
        assertThat(SessionProtoMapper.toProto(state(), SessionElements.getDefaultInstance(), "{\"identity\":\"s1\"}"))
                .isEqualTo(Session.newBuilder().setIdentity("s1").build());
    }

    @Test
    void shouldFillEveryElementTheMaskSelects() {
        SessionElements all = SessionElements.newBuilder().setJson(true).setHeartbeatUtc(true).setDataBindings(true)
                .setFolders(true).setRefs(true).build();
        Session session = SessionProtoMapper.toProto(state(), all, "{\"identity\":\"s1\"}");
        assertThat(session.getIdentity()).isEqualTo("s1");
        assertThat(session.getJson()).isEqualTo("{\"identity\":\"s1\"}");
        assertThat(session.getHeartbeatUtc()).isEqualTo("2024-02-03T04:05:06Z");
        assertThat(session.getDataBindingsList()).containsExactly(PROTO_DATA,
                io.rta.proto.toolkit.session.DataBinding.newBuilder().setKey(
                        io.rta.proto.toolkit.session.DataBindingKey.newBuilder().setSource("s").setIdentity("i")).build());
        assertThat(session.getFoldersList()).containsExactly("animals", "plants");
        assertThat(session.getRefAnchorsList()).containsExactly("guid:1");
        assertThat(session.getChildOfRefsList()).containsExactly("acq:2");
        assertThat(session.getAlternateOfRefsList()).containsExactly("guid:3");
    }

    @Test
    void shouldFillEachElementOnlyWhenSelected() {
        SessionState state = state();
        assertThat(SessionProtoMapper.toProto(state, SessionElements.newBuilder().setFolders(true).build(), null))
                .isEqualTo(Session.newBuilder().setIdentity("s1").addFolders("animals").addFolders("plants").build());
        assertThat(SessionProtoMapper.toProto(state, SessionElements.newBuilder().setRefs(true).build(), null))
                .isEqualTo(Session.newBuilder().setIdentity("s1").addRefAnchors("guid:1").addChildOfRefs("acq:2")
                        .addAlternateOfRefs("guid:3").build());
        assertThat(SessionProtoMapper.toProto(state, SessionElements.newBuilder().setHeartbeatUtc(true).build(), null))
                .isEqualTo(Session.newBuilder().setIdentity("s1").setHeartbeatUtc("2024-02-03T04:05:06Z").build());
        assertThat(SessionProtoMapper.toProto(state, SessionElements.newBuilder().setDataBindings(true).build(), null)
                .getDataBindingsCount()).isEqualTo(2);
    }

    @Test
    void shouldLeaveJsonEmptyWhenSelectedButNotRendered() {
        assertThat(SessionProtoMapper.toProto(state(), SessionElements.newBuilder().setJson(true).build(), null).getJson())
                .isEmpty();
    }
}
