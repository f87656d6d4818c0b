package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.session.DeleteSessionFoldersRequest;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.Marker;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input gets a clear error naming the problem — REST 400 with {@code {"code": 400, "message": ...}}, gRPC
 * INVALID_ARGUMENT — and nothing is written: the end offsets of every topic the APIs produce to stay where they were,
 * and an existing session stays exactly as it was (heartbeat included).
 */
class BadInputIT {

    private static final String EXISTING = "bad-existing";
    private static final String SESSIONS = "/rta/v2/sessions";

    private static TopicEnds topics;

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();
    private final ConfigStoreGrpc.ConfigStoreBlockingStub configs = server.configs();

    @BeforeAll
    static void writeAnExistingSession() {
        TestServer.shared().sessions().createOrUpdateSession(create(EXISTING, "Existing", "2021-01-01T00:00:00Z",
                CLOSED, Ops.setDetailsJson("{\"Driver\": \"SAI\"}"), Ops.setQuality(0.5)));
        TestServer.shared().sessions().putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setIdentity("bad-folder").setLabel("Bad").build());
        TestServer.shared().sessions().putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setParentIdentity("bad-folder").setIdentity("bad-folder::child").setLabel("Child").build());
        topics = new TopicEnds(TestServer.shared().bootstrapServers());
    }

    @AfterAll
    static void closeTopics() {
        topics.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"identifier":                              | query is not valid JSON
            [1, 2]                                      | query must be a JSON object
            {"identifier": {"$regex": "^B"}}            | unknown operator $regex
            {"$xor": [{"type": "a"}]}                   | unknown operator $xor
            {"identifier": {"$contains": 5}}            | $contains expects a string
            {"identifier": {"$startsWith": true}}       | $startsWith expects a string
            {"details.Driver": {"$in": "SAI"}}          | $in expects an array
            {"details.Driver": {"$nin": {"a": 1}}}      | $nin expects an array
            {"details.Driver": {"$in": [["SAI"]]}}      | $in expects an array of strings, numbers, booleans or nulls
            {"$and": {"type": "a"}}                     | $and expects an array
            {"$or": [1]}                                | $or[0] must be a JSON object
            {"type": {"$eq": {"a": 1}}}                 | $eq expects a string, number, boolean or null
            {"type": {}}                                | empty condition at type
            """)
    void shouldRefuseABadQueryNamingTheProblem(String query, String problem) {
        Expect.restError(http.postForm(SESSIONS, Http.form("query", query)), 400, problem);
        Expect.status(() -> sessions.listSessions(ListSessionsRequest.newBuilder().setQuery(query).build()),
                Status.Code.INVALID_ARGUMENT, problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pageIndex=abc           | pageIndex must be an integer
            pageIndex=-1            | pageIndex must be 0 or more
            pageSize=ten            | pageSize must be an integer
            pageSize=-5             | pageSize must be 0 or more
            sort=timestamp:sideways | must be asc or desc
            """)
    void shouldRefuseBadPagingAndSortParametersOverGetAndPost(String parameters, String problem) {
        Expect.restError(http.get(SESSIONS + "?" + parameters), 400, problem);
        Expect.restError(http.postForm(SESSIONS, parameters), 400, problem);
    }

    @Test
    void shouldRefuseANegativePageOverGrpc() {
        Expect.status(() -> sessions.listSessions(ListSessionsRequest.newBuilder().setPageIndex(-1).build()),
                Status.Code.INVALID_ARGUMENT, "pageIndex must be 0 or more");
    }

    @Test
    void shouldRefuseEmptyIdentities() {
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update("", Ops.setType("x"))),
                "identity", "must not be empty");
        refusedWithoutWriting(() -> sessions.deleteSessions(DeleteSessionsRequest.newBuilder()
                .addIdentities(EXISTING).addIdentities("").build()), "identities[1]", "must not be empty");
        Expect.status(() -> sessions.getSession(GetSessionRequest.newBuilder().setIdentity("").build()),
                Status.Code.INVALID_ARGUMENT, "identity");
        assertThat(http.get(SESSIONS + "/" + EXISTING).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseUnknownStateNumbers() {
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(create("bad-state", "Bad", "2021-01-01T00:00:00Z",
                3)), "create_if_not_exists.state", "state 3 is not a known session state");
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING, Ops.setState(99))),
                "updates[0].set_state", "state 99 is not a known session state");
        assertThat(http.get(SESSIONS + "/bad-state").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "quality {0}")
    @CsvSource({"1.5", "-0.1", "NaN"})
    void shouldRefuseQualityOutsideZeroToOne(double quality) {
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING, Ops.setQuality(quality))),
                "updates[0].set_quality", "outside 0..1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"Driver":                  | not valid JSON
            [1, 2]                      | must be a JSON object
            {"Car": {"Wing": 3}}        | a nested object is not allowed
            {"Laps": [1, 2]}            | an array is not allowed
            {"Driver": null}            | null is not allowed
            {"Driver": "A", "Driver": "B"} | Duplicate field
            """)
    void shouldRefuseInvalidDetailsJson(String json, String problem) {
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING, Ops.setDetailsJson(json))),
                "updates[0].set_details_json", problem);
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                Ops.updateDetailsJson("Setup", json))), "updates[0].update_details_json", problem);
    }

    @Test
    void shouldRefuseOtherMalformedUpdates() {
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                Ops.setTimestamp("yesterday"))), "updates[0].set_timestamp", "\"yesterday\" is not an ISO 8601");
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                Ops.setTimeRange(200, 100))), "updates[0].set_time_range", "start_time 200 is after end_time 100");
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                SessionUpdate.getDefaultInstance())), "updates[0]", "no operation set");
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                SessionUpdate.newBuilder().setSetMarkers(SessionUpdate.MarkersMap.newBuilder()
                        .putMarkersByCategory("Laps", SessionUpdate.MarkersList.newBuilder()
                                .addMarkers(Marker.newBuilder().setId("m1").setDetailsJson("{oops")).build()))
                        .build())), "details_json", "not valid JSON");
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                Ops.setRefAnchors("ref:ok", ""))), "updates[0].set_ref_anchors.ref_uris[1]", "must not be empty");
    }

    @Test
    void shouldRefuseTheWholeTransactionWhenOneUpdateIsBad() {
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                Ops.setIdentifier("Renamed"), Ops.setType("Changed"), Ops.setQuality(7))),
                "updates[2].set_quality", "outside 0..1");
    }

    @Test
    void shouldRefuseASessionUpdateOverOneMebibyte() {
        String blob = "x".repeat(1024 * 1024 + 1);
        refusedWithoutWriting(() -> sessions.createOrUpdateSession(update(EXISTING,
                Ops.setDetailsJson("{\"Blob\": \"" + blob + "\"}"))), "1048576 bytes");
    }

    @Test
    void shouldRefuseBadFolderWrites() {
        refusedWithoutWriting(() -> sessions.putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setLabel("Root").build()), "identity", "root folder");
        refusedWithoutWriting(() -> sessions.putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setParentIdentity("bad-no-such-parent").setIdentity("bad-orphan").build()),
                "parent_identity", "bad-no-such-parent", "does not exist");
        refusedWithoutWriting(() -> sessions.putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setParentIdentity("bad-folder::child").setIdentity("bad-folder").build()),
                "parent_identity", "cycle");
        refusedWithoutWriting(() -> sessions.putSessionFolder(PutSessionFolderRequest.newBuilder()
                .setParentIdentity("bad-folder").setIdentity("bad-folder").build()),
                "parent_identity", "its own parent");
        refusedWithoutWriting(() -> sessions.deleteSessionFolders(DeleteSessionFoldersRequest.newBuilder()
                .addFolderIdentities("bad-folder").addFolderIdentities("").build()),
                "folder_identities[1]", "root folder cannot be deleted");
        assertThat(http.getJson("/rta/v2/session-folders/bad-folder")).hasSize(1);
    }

    @Test
    void shouldRefuseBadConfigs() {
        byte[] json = ConfigStoreIT.EXAMPLE.getBytes(StandardCharsets.UTF_8);
        refusedWithoutWriting(() -> putConfig("", ConfigStoreIT.JSON, json), "identifier must not be empty");
        refusedWithoutWriting(() -> putConfig("bad-config", "application/xml", json),
                "content_type", "application/vnd.mat.config+json", "application/xml");
        refusedWithoutWriting(() -> putConfig("bad-config", ConfigStoreIT.FFC, new byte[0]), "must not be empty");
        refusedWithoutWriting(() -> putConfig("bad-config", ConfigStoreIT.JSON,
                "{\"demo\": {\"channels\": [{\"id\": \"one\"}]}}".getBytes(StandardCharsets.UTF_8)),
                "config.schema.json");
        refusedWithoutWriting(() -> ConfigStoreIT.putStream(server, "bad-config", ConfigStoreIT.JSON,
                "{\"demo\": 1}".getBytes(StandardCharsets.UTF_8), 3), "config.schema.json");
        Expect.status(() -> configs.hasConfig(HasConfigRequest.newBuilder().setIdentifier(" ").build()),
                Status.Code.INVALID_ARGUMENT, "identifier must not be empty");
        assertThat(configs.hasConfig(HasConfigRequest.newBuilder().setIdentifier("bad-config").build()).getValue())
                .isFalse();
    }

    /**
     * The call fails with INVALID_ARGUMENT naming the problem, and writes nothing: no topic the APIs produce to
     * moves, and the existing session (heartbeat included) is unchanged.
     */
    private void refusedWithoutWriting(ThrowingCallable call, String... problem) {
        Map<TopicPartition, Long> before = topics.ends();
        assertThat(before).as("partitions of %s", TopicEnds.WRITTEN_BY_APIS).isNotEmpty();
        JsonNode session = http.getJson(SESSIONS + "/" + EXISTING);
        String heartbeat = heartbeat();

        Expect.status(call, Status.Code.INVALID_ARGUMENT, problem);

        assertThat(topics.ends()).as("end offsets of %s", TopicEnds.WRITTEN_BY_APIS).isEqualTo(before);
        assertThat(http.getJson(SESSIONS + "/" + EXISTING)).isEqualTo(session);
        assertThat(heartbeat()).isEqualTo(heartbeat);
    }

    private String heartbeat() {
        return sessions.getSession(GetSessionRequest.newBuilder().setIdentity(EXISTING)
                .setElements(SessionElements.newBuilder().setHeartbeatUtc(true)).build()).getHeartbeatUtc();
    }

    private void putConfig(String identifier, String contentType, byte[] data) {
        configs.putConfig(PutConfigRequest.newBuilder().setIdentifier(identifier).setContentType(contentType)
                .setData(ByteString.copyFrom(data)).build());
    }
}
