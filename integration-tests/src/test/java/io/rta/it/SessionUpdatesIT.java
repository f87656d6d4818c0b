package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Empty;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.grpc.Status;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DataChannelBinding;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.Marker;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions written through the SessionStore gRPC API and read back through the REST API (and GetSession): every
 * kind of update operation, the create defaults, the sequence guard and deletes, over real sockets.
 */
class SessionUpdatesIT {

    private static final String TIMESTAMP = "2021-05-06T18:58:56.20289+01:00";

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();

    @Test
    void shouldCreateClosedNowInUtcNamedAfterItsIdentityWhenCreateIfNotExistsIsEmpty() {
        Instant before = Instant.now();
        sessions.createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity("upd-defaults")
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.getDefaultInstance()).build());
        Instant after = Instant.now();

        JsonNode session = http.getJson("/rta/v2/sessions/upd-defaults");

        assertThat(session.fieldNames()).toIterable().containsExactly("identity", "state", "timestamp", "identifier");
        assertThat(session.get("state").asText()).isEqualTo("closed");
        assertThat(session.get("identifier").asText()).isEqualTo("upd-defaults");
        String timestamp = session.get("timestamp").asText();
        assertThat(timestamp).endsWith("Z");
        assertThat(Instant.parse(timestamp)).isBetween(before, after);
    }

    @Test
    void shouldTypeDetailsFromJsonAndStringsAndKeepExtendedDetailsForProp() {
        sessions.createOrUpdateSession(create("upd-details", "Details", TIMESTAMP, OPEN,
                SessionUpdate.newBuilder().setSetDetails(SessionUpdate.DetailsMap.newBuilder().putAllDetails(Map.of(
                        "Lab Tech", "Bob Jones", "Started", "2021-05-06T18:58:56+01:00", "Old", "x", "Run", "17")))
                        .build(),
                Ops.updateDetailsJson("", """
                        {"Run": 17, "Ratio": 0.5, "Valid": true, "Old": "y", "Finished": "2021-05-06T19:08:56.5Z"}"""),
                SessionUpdate.newBuilder().setDeleteDetails(SessionUpdate.DetailKeysList.newBuilder().addKeys("Old"))
                        .build(),
                Ops.setDetailsJson("CarSetup", "{\"rideHeightFront\": 32, \"rideHeightRear\": 78.5}"),
                SessionUpdate.newBuilder().setUpdateDetails(SessionUpdate.DetailsMap.newBuilder()
                        .setCategory("CarSetup").putDetails("tyre", "soft")).build(),
                Ops.setDetailsJson("Scratch", "{\"a\": 1}"),
                SessionUpdate.newBuilder().setDeleteDetails(SessionUpdate.DetailKeysList.newBuilder()
                        .setCategory("Scratch").addKeys("a")).build()));

        String details = """
                "details": {"Lab Tech": "Bob Jones", "Run": 17, "Started": "2021-05-06T18:58:56+01:00",
                            "Ratio": 0.5, "Valid": true, "Finished": "2021-05-06T19:08:56.5Z"}""";
        Expect.json(http.getJson("/rta/v2/sessions/upd-details"), """
                {"identity": "upd-details", "state": "open", "timestamp": "%s", "identifier": "Details", %s}"""
                .formatted(TIMESTAMP, details));
        String query = "{\"identity\": \"upd-details\"}";
        Expect.json(http.postFormJson("/rta/v2/sessions", "query", query,
                "prop", "extDetails.CarSetup.rideHeightFront", "prop", "extDetails.CarSetup.tyre"), """
                {"sessions": [{"identity": "upd-details", "state": "open", "timestamp": "%s", "identifier": "Details",
                  %s, "extDetails": {"CarSetup": {"rideHeightFront": 32, "tyre": "soft"}}}]}"""
                .formatted(TIMESTAMP, details));
        JsonNode whole = http.postFormJson("/rta/v2/sessions", "query", query, "prop", "extDetails");
        Expect.json(whole.get("sessions").get(0).get("extDetails"),
                "{\"CarSetup\": {\"rideHeightFront\": 32, \"rideHeightRear\": 78.5, \"tyre\": \"soft\"}}");
        assertThat(http.postFormJson("/rta/v2/sessions", "query", query).get("sessions").get(0).has("extDetails"))
                .isFalse();
    }

    @Test
    void shouldCompareDateTimeDetailsAsInstantsNotAsText() {
        sessions.createOrUpdateSession(create("upd-datetime", "DateTime", TIMESTAMP, CLOSED,
                Ops.setDetailsJson("{\"Started\": \"2021-05-06T18:58:56+01:00\"}")));

        // 17:58:56Z is before 18:00Z, although its text sorts after "2021-05-06T18:00"
        JsonNode page = http.postFormJson("/rta/v2/sessions", "query",
                "{\"identity\": \"upd-datetime\", \"details.Started\": {\"$lt\": \"2021-05-06T18:00:00Z\"}}");

        assertThat(Expect.identities(page)).containsExactly("upd-datetime");
    }

    @Test
    void shouldSetUpdateAndDeleteMarkersByIdKeepingTheirCategories() {
        sessions.createOrUpdateSession(create("upd-markers", "Markers", TIMESTAMP, CLOSED,
                SessionUpdate.newBuilder().setSetMarkers(SessionUpdate.MarkersMap.newBuilder()
                        .putMarkersByCategory("Laps", markers(
                                marker("m1", "Lap", "Lap 1").setStartTime(Int64Value.of(100))
                                        .setEndTime(Int64Value.of(200)).setDetailsJson("{\"n\": 1}"),
                                marker("m2", "Lap", "Lap 2").setStartTime(Int64Value.of(201))))
                        .putMarkersByCategory("Events", markers(
                                marker("m3", "Event", "Pit").setDescription(StringValue.of("Box box")))))
                        .build(),
                SessionUpdate.newBuilder().setUpdateMarkers(SessionUpdate.MarkersMap.newBuilder()
                        .putMarkersByCategory("Laps", markers(marker("m2", "Lap", "Lap 2 (out)")
                                .setStartTime(Int64Value.of(201)).setEndTime(Int64Value.of(300))))
                        .putMarkersByCategory("Flags", markers(marker("m4", "", "Yellow"))))
                        .build(),
                SessionUpdate.newBuilder().setDeleteMarkers(SessionUpdate.MarkerIdsList.newBuilder()
                        .addMarkerIds("m3").addMarkerIds("never-set")).build()));

        Expect.json(http.getJson("/rta/v2/sessions/upd-markers").get("markers"), """
                [{"id": "m1", "category": "Laps", "type": "Lap", "label": "Lap 1", "startTime": 100, "endTime": 200,
                  "details": {"n": 1}},
                 {"id": "m2", "category": "Laps", "type": "Lap", "label": "Lap 2 (out)", "startTime": 201,
                  "endTime": 300},
                 {"id": "m4", "category": "Flags", "label": "Yellow"}]""");
    }

    @Test
    void shouldSetUpdateAndDeleteConfigBindingsByIdentifier() {
        sessions.createOrUpdateSession(create("upd-configs", "Configs", TIMESTAMP, CLOSED,
                SessionUpdate.newBuilder().setSetConfigBindings(configBindings(
                        configBinding("cfg-a", 0), configBinding("cfg-b", 1000))).build(),
                SessionUpdate.newBuilder().setUpdateConfigBindings(configBindings(
                        configBinding("cfg-b", 2000), configBinding("cfg-c", 3000))).build(),
                SessionUpdate.newBuilder().setDeleteConfigBindings(SessionUpdate.ConfigIdentifiersList.newBuilder()
                        .addIdentifiers("cfg-a")).build()));

        Expect.json(http.getJson("/rta/v2/sessions/upd-configs").get("configBindings"), """
                [{"identifier": "cfg-b", "channelOffset": 2000}, {"identifier": "cfg-c", "channelOffset": 3000}]""");
    }

    @Test
    void shouldServeDataBindingsToTheGatewayExactlyAsTheDataBindingsGuideShows() {
        DataBinding influx01 = DataBinding.newBuilder()
                .setKey(DataBindingKey.newBuilder().setSource("influx01").setIdentity("someField='abc123'"))
                .addDataChannelBindings(DataChannelBinding.newBuilder()
                        .setFirstDataChannel(0).setFirstSessionChannel(0).setLastSessionChannel(49))
                .build();
        DataBinding influx07 = DataBinding.newBuilder()
                .setKey(DataBindingKey.newBuilder().setSource("influx07").setIdentity("someOtherField='xxxyyyzzz'"))
                .addDataChannelBindings(DataChannelBinding.newBuilder()
                        .setFirstDataChannel(0).setFirstSessionChannel(50).setLastSessionChannel(59))
                .build();
        DataBinding shifted = DataBinding.newBuilder()
                .setKey(DataBindingKey.newBuilder().setSource("influx01").setIdentity("someField='abc123'")
                        .setTimeRef(1_620_323_936_202_890_000L))
                .setSessionStartTime(Int64Value.of(1_620_323_936_202_890_000L))
                .setSessionEndTime(Int64Value.of(1_620_323_936_802_889_999L))
                .setSessionTimeOffset(300_000_000L)
                .build();

        sessions.createOrUpdateSession(create("upd-bindings", "Bindings", TIMESTAMP, CLOSED,
                SessionUpdate.newBuilder().setSetDataBindings(dataBindings(influx01, shifted)).build(),
                SessionUpdate.newBuilder().setUpdateDataBindings(dataBindings(influx07)).build()));
        JsonNode withShifted = http.getJson("/rta/v2/sessions/upd-bindings/data-bindings");
        sessions.createOrUpdateSession(update("upd-bindings", SessionUpdate.newBuilder().setDeleteDataBindings(
                SessionUpdate.DataBindingKeysList.newBuilder().addKeys(shifted.getKey())).build()));

        Expect.json(withShifted.get(1), """
                {"key": {"source": "influx01", "identity": "someField='abc123'", "timeRef": 1620323936202890000},
                 "sessionStartTime": 1620323936202890000, "sessionEndTime": 1620323936802889999,
                 "sessionTimeOffset": 300000000, "dataChannelBindings": []}""");
        Expect.json(http.getJson("/rta/v2/sessions/upd-bindings/data-bindings"), """
                [
                    {
                        "key": {"source": "influx01", "identity": "someField='abc123'", "timeRef": 0},
                        "sessionStartTime": null,
                        "sessionEndTime": null,
                        "sessionTimeOffset": 0,
                        "dataChannelBindings": [{"firstDataChannel": 0, "firstSessionChannel": 0,
                                                 "lastSessionChannel": 49}]
                    },
                    {
                        "key": {"source": "influx07", "identity": "someOtherField='xxxyyyzzz'", "timeRef": 0},
                        "sessionStartTime": null,
                        "sessionEndTime": null,
                        "sessionTimeOffset": 0,
                        "dataChannelBindings": [{"firstDataChannel": 0, "firstSessionChannel": 50,
                                                 "lastSessionChannel": 59}]
                    }
                ]""");
        Session session = sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-bindings")
                .setElements(SessionElements.newBuilder().setDataBindings(true)).build());
        assertThat(session.getDataBindingsList()).containsExactly(influx01, influx07);
        assertThat(http.getJson("/rta/v2/sessions/upd-bindings").has("dataBindings")).isFalse();
    }

    @Test
    void shouldRenderTheTimeRangeInTheOffsetOfTheSessionTimestamp() {
        sessions.createOrUpdateSession(create("upd-range", "Range", TIMESTAMP, CLOSED,
                Ops.setTimeRange(1_620_323_936_202_890_000L, 1_620_324_000_000_000_000L),
                Ops.extendTimeRange(1_620_324_000_000_000_000L, 1_620_324_536_202_890_000L)));

        Expect.json(http.getJson("/rta/v2/sessions/upd-range"), """
                {"identity": "upd-range", "state": "closed", "timestamp": "2021-05-06T18:58:56.20289+01:00",
                 "identifier": "Range",
                 "startTimestamp": "2021-05-06T18:58:56.20289+01:00", "endTimestamp": "2021-05-06T19:08:56.20289+01:00",
                 "timeRange": {"startTime": 1620323936202890000, "endTime": 1620324536202890000}}""");

        sessions.createOrUpdateSession(update("upd-range", Ops.setTimestamp("2021-05-06T12:58:56-05:00")));
        JsonNode moved = http.getJson("/rta/v2/sessions/upd-range");
        assertThat(moved.get("startTimestamp").asText()).isEqualTo("2021-05-06T12:58:56.20289-05:00");
        assertThat(moved.get("endTimestamp").asText()).isEqualTo("2021-05-06T13:08:56.20289-05:00");

        sessions.createOrUpdateSession(update("upd-range", SessionUpdate.newBuilder()
                .setClearTimeRange(Empty.getDefaultInstance()).build()));
        assertThat(http.getJson("/rta/v2/sessions/upd-range").fieldNames()).toIterable()
                .containsExactly("identity", "state", "timestamp", "identifier");
    }

    @Test
    void shouldSetAndClearTypeQualityGroupAndVersion() {
        sessions.createOrUpdateSession(create("upd-classifiers", "Classifiers", TIMESTAMP, CLOSED,
                Ops.setType("DDS"), Ops.setQuality(0.8), Ops.setGroup("Aero"), Ops.setVersion("1.2.0"),
                Ops.setIdentifier("Classified")));
        Expect.json(http.getJson("/rta/v2/sessions/upd-classifiers"), """
                {"identity": "upd-classifiers", "state": "closed", "timestamp": "%s", "identifier": "Classified",
                 "type": "DDS", "quality": 0.8, "group": "Aero", "version": "1.2.0"}""".formatted(TIMESTAMP));

        sessions.createOrUpdateSession(update("upd-classifiers",
                SessionUpdate.newBuilder().setClearType(Empty.getDefaultInstance()).build(),
                SessionUpdate.newBuilder().setClearQuality(Empty.getDefaultInstance()).build(),
                SessionUpdate.newBuilder().setClearGroup(Empty.getDefaultInstance()).build(),
                SessionUpdate.newBuilder().setClearVersion(Empty.getDefaultInstance()).build()));
        Expect.json(http.getJson("/rta/v2/sessions/upd-classifiers"), """
                {"identity": "upd-classifiers", "state": "closed", "timestamp": "%s", "identifier": "Classified"}"""
                .formatted(TIMESTAMP));
    }

    @Test
    void shouldNameEveryNumericStateOfTheModel() {
        sessions.createOrUpdateSession(create("upd-states", "States", TIMESTAMP, OPEN));
        List<String> seen = new ArrayList<>();
        for (int state : List.of(0, 1, 2, 4, 12, 28, 44)) {
            sessions.createOrUpdateSession(update("upd-states", Ops.setState(state)));
            seen.add(http.getJson("/rta/v2/sessions/upd-states").get("state").asText());
        }
        assertThat(seen).containsExactly("unknown", "waiting", "open", "closed", "truncated", "failed", "abandoned");
    }

    @Test
    void shouldTouchTheHeartbeatWithoutChangingTheSession() throws InterruptedException {
        sessions.createOrUpdateSession(create("upd-heartbeat", "Heartbeat", TIMESTAMP, OPEN));
        GetSessionRequest heartbeatOnly = GetSessionRequest.newBuilder().setIdentity("upd-heartbeat")
                .setElements(SessionElements.newBuilder().setHeartbeatUtc(true)).build();
        Instant first = Instant.parse(sessions.getSession(heartbeatOnly).getHeartbeatUtc());
        JsonNode before = http.getJson("/rta/v2/sessions/upd-heartbeat");
        Thread.sleep(20);

        sessions.createOrUpdateSession(update("upd-heartbeat", Ops.heartbeat()));

        Instant second = Instant.parse(sessions.getSession(heartbeatOnly).getHeartbeatUtc());
        assertThat(second).isAfter(first);
        assertThat(first).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(http.getJson("/rta/v2/sessions/upd-heartbeat")).isEqualTo(before);
    }

    @Test
    void shouldApplyAnUpdateOnlyWhenItsSequenceIsGreaterThanTheLastApplied() {
        sessions.createOrUpdateSession(sequenced("upd-sequence", 5, "five"));
        sessions.createOrUpdateSession(sequenced("upd-sequence", 3, "three"));
        sessions.createOrUpdateSession(sequenced("upd-sequence", 5, "five again"));
        assertThat(http.getJson("/rta/v2/sessions/upd-sequence").get("identifier").asText()).isEqualTo("five");

        sessions.createOrUpdateSession(sequenced("upd-sequence", 6, "six"));
        sessions.createOrUpdateSession(update("upd-sequence", Ops.setType("unsequenced")));
        JsonNode session = http.getJson("/rta/v2/sessions/upd-sequence");
        assertThat(session.get("identifier").asText()).isEqualTo("six");
        assertThat(session.get("type").asText()).isEqualTo("unsequenced");
    }

    @Test
    void shouldSetUpdateAndDeleteFolderLinksAndRefsAndShowThemThroughTheElementsMask() {
        sessions.createOrUpdateSession(create("upd-links", "Links", TIMESTAMP, CLOSED,
                Ops.setFolders("f1", "f2"),
                SessionUpdate.newBuilder().setUpdateFolders(folders("f3")).build(),
                SessionUpdate.newBuilder().setDeleteFolders(folders("f1")).build(),
                Ops.setRefAnchors("ref:aaa", "ref:bbb", "ref:ccc"),
                SessionUpdate.newBuilder().setUpdateRefAnchors(Ops.refs("ref:ccc", "ref:ddd")).build(),
                SessionUpdate.newBuilder().setDeleteRefAnchors(Ops.refs("ref:aaa")).build(),
                Ops.setChildOfRefs("ref:p1", "ref:p2"),
                SessionUpdate.newBuilder().setUpdateChildOfRefs(Ops.refs("ref:p3")).build(),
                SessionUpdate.newBuilder().setDeleteChildOfRefs(Ops.refs("ref:p1")).build(),
                Ops.setAlternateOfRefs("ref:a1"),
                SessionUpdate.newBuilder().setUpdateAlternateOfRefs(Ops.refs("ref:a2")).build(),
                SessionUpdate.newBuilder().setDeleteAlternateOfRefs(Ops.refs("ref:a1")).build()));

        Session session = sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-links")
                .setElements(SessionElements.newBuilder().setFolders(true).setRefs(true)).build());

        assertThat(session.getFoldersList()).containsExactly("f2", "f3");
        assertThat(session.getRefAnchorsList()).containsExactly("ref:bbb", "ref:ccc", "ref:ddd");
        assertThat(session.getChildOfRefsList()).containsExactly("ref:p2", "ref:p3");
        assertThat(session.getAlternateOfRefsList()).containsExactly("ref:a2");
        assertThat(session.getJson()).isEmpty();
        assertThat(session.getHeartbeatUtc()).isEmpty();

        sessions.createOrUpdateSession(update("upd-links",
                SessionUpdate.newBuilder().setDeleteFolders(folders("f2", "f3")).build()));
        assertThat(sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-links")
                .setElements(SessionElements.newBuilder().setFolders(true)).build()).getFoldersList())
                .as("a session removed from all its folders is linked to the root").containsExactly("");
    }

    @Test
    void shouldAnswerGetSessionWithOnlyTheSelectedElements() {
        sessions.createOrUpdateSession(create("upd-mask", "Mask", TIMESTAMP, CLOSED, Ops.setType("DDS"),
                Ops.setDetailsJson("Setup", "{\"wing\": 3}"), Ops.setFolders("mask-folder")));

        Session bare = sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-mask").build());
        Session json = sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-mask")
                .setElements(SessionElements.newBuilder().setJson(true)).build());
        Session withExt = sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-mask")
                .setElements(SessionElements.newBuilder().setJson(true).addJsonProperties("extDetails.Setup"))
                .build());

        assertThat(bare).isEqualTo(Session.newBuilder().setIdentity("upd-mask").build());
        assertThat(Expect.parse(json.getJson())).isEqualTo(http.getJson("/rta/v2/sessions/upd-mask"));
        Expect.json(Expect.parse(withExt.getJson()).get("extDetails"), "{\"Setup\": {\"wing\": 3}}");
        assertThat(json.getFoldersList()).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundForASessionThatDoesNotExist() {
        Expect.status(() -> sessions.getSession(GetSessionRequest.newBuilder().setIdentity("upd-nobody").build()),
                Status.Code.NOT_FOUND, "upd-nobody");
        Expect.restError(http.get("/rta/v2/sessions/upd-nobody"), 404, "upd-nobody");
        Expect.restError(http.get("/rta/v2/sessions/upd-nobody/data-bindings"), 404, "upd-nobody");
    }

    @Test
    void shouldDeleteSessionsAndSucceedForIdentitiesThatDoNotExist() {
        sessions.createOrUpdateSession(create("upd-doomed-1", "Doomed 1", TIMESTAMP, CLOSED));
        sessions.createOrUpdateSession(create("upd-doomed-2", "Doomed 2", TIMESTAMP, CLOSED));

        sessions.deleteSessions(DeleteSessionsRequest.newBuilder()
                .addIdentities("upd-doomed-1").addIdentities("upd-never-existed").addIdentities("upd-doomed-2")
                .build());

        assertThat(http.get("/rta/v2/sessions/upd-doomed-1").statusCode()).isEqualTo(404);
        assertThat(http.get("/rta/v2/sessions/upd-doomed-2").statusCode()).isEqualTo(404);
        assertThat(Expect.identities(http.postFormJson("/rta/v2/sessions", "query",
                "{\"identity\": {\"$startsWith\": \"upd-doomed-\"}}"))).isEmpty();
        sessions.deleteSessions(DeleteSessionsRequest.newBuilder().addIdentities("upd-never-existed").build());
    }

    private static CreateOrUpdateSessionRequest sequenced(String identity, long sequence, String identifier) {
        return CreateOrUpdateSessionRequest.newBuilder(update(identity, Ops.setIdentifier(identifier)))
                .setSequence(Int64Value.of(sequence)).build();
    }

    private static Marker.Builder marker(String id, String type, String label) {
        return Marker.newBuilder().setId(id).setType(type).setLabel(label);
    }

    private static SessionUpdate.MarkersList markers(Marker.Builder... markers) {
        SessionUpdate.MarkersList.Builder list = SessionUpdate.MarkersList.newBuilder();
        for (Marker.Builder marker : markers) {
            list.addMarkers(marker);
        }
        return list.build();
    }

    private static ConfigBinding configBinding(String identifier, int offset) {
        return ConfigBinding.newBuilder().setIdentifier(identifier).setChannelOffset(offset).build();
    }

    private static SessionUpdate.ConfigBindingsList configBindings(ConfigBinding... bindings) {
        return SessionUpdate.ConfigBindingsList.newBuilder().addAllConfigBindings(List.of(bindings)).build();
    }

    private static SessionUpdate.DataBindingsList dataBindings(DataBinding... bindings) {
        return SessionUpdate.DataBindingsList.newBuilder().addAllDataBindings(List.of(bindings)).build();
    }

    private static SessionUpdate.FoldersList folders(String... identities) {
        return SessionUpdate.FoldersList.newBuilder().addAllIdentities(List.of(identities)).build();
    }
}
