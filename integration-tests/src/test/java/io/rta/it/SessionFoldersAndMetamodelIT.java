package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.grpc.Status;
import io.rta.proto.toolkit.session.DeleteSessionFoldersRequest;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.GetSessionFoldersRequest;
import io.rta.proto.toolkit.session.GetSessionMetamodelRequest;
import io.rta.proto.toolkit.session.PropertySummary;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.QuerySessionMetamodelRequest;
import io.rta.proto.toolkit.session.SessionFolder;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Session folders (PutSessionFolder, GetSessionFolders, DeleteSessionFolders and the REST folder listing) and the
 * session metamodel (facets, min/max, extDetails through prop, discovery), over real HTTP and gRPC.
 */
class SessionFoldersAndMetamodelIT {

    private static final String CAPABILITIES = "\"capabilities\": {\"filter\": true, \"sort\": true}";

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();

    @Test
    void shouldCreateRenameAndMoveFoldersAndBrowseThemOverRestAndGrpc() {
        put("", "zoo-animals", "Animals", "All creatures great and small");
        put("", "zoo-plants", "Plants", "Sometimes called 'vegetables'");
        put("zoo-animals", "zoo-animals::felines", "Felines", "Big cats and small cats");
        sessions.createOrUpdateSession(create("zoo-cat", "Cat", "2021-05-19T13:10:04+00:00", CLOSED,
                Ops.setFolders("zoo-animals::felines")));

        Expect.json(rootFolders("/rta/v2/session-folders/", "zoo-"), """
                [{"identity": "zoo-animals", "label": "Animals", "description": "All creatures great and small",
                  "hasChildren": true},
                 {"identity": "zoo-plants", "label": "Plants", "description": "Sometimes called 'vegetables'",
                  "hasChildren": false}]""");
        assertThat(rootFolders("/rta/v2/session-folders", "zoo-"))
                .isEqualTo(rootFolders("/rta/v2/session-folders/", "zoo-"));
        Expect.json(http.getJson("/rta/v2/session-folders/zoo-animals"), """
                [{"identity": "zoo-animals::felines", "label": "Felines", "description": "Big cats and small cats",
                  "hasChildren": false}]""");
        assertThat(sessions.getSessionFolders(GetSessionFoldersRequest.newBuilder()
                .setParentIdentity("zoo-animals").build()).getFoldersList()).containsExactly(SessionFolder.newBuilder()
                .setIdentity("zoo-animals::felines").setLabel("Felines").setDescription("Big cats and small cats")
                .build());
        assertThat(listed("zoo-animals")).containsExactly("zoo-cat");

        put("zoo-animals", "zoo-animals::felines", "Cats", "Renamed");
        assertThat(http.getJson("/rta/v2/session-folders/zoo-animals").get(0).get("label").asText())
                .isEqualTo("Cats");

        put("zoo-plants", "zoo-animals::felines", "Cats", "Moved");
        assertThat(http.getJson("/rta/v2/session-folders/zoo-animals")).isEmpty();
        assertThat(http.getJson("/rta/v2/session-folders/zoo-plants").get(0).get("identity").asText())
                .isEqualTo("zoo-animals::felines");
        assertThat(rootFolders("/rta/v2/session-folders/", "zoo-")).extracting(f -> f.get("hasChildren").asBoolean())
                .containsExactly(false, true);
        assertThat(listed("zoo-animals")).isEmpty();
        assertThat(listed("zoo-plants")).containsExactly("zoo-cat");
    }

    @Test
    void shouldDeleteFoldersWithTheirSubTreesAndLeaveTheirSessionsInTheRoot() {
        put("", "fold-del", "Doomed", "");
        put("fold-del", "fold-del::child", "Child", "");
        put("fold-del::child", "fold-del::child::grandchild", "Grandchild", "");
        put("", "fold-keep", "Kept", "");
        sessions.createOrUpdateSession(create("fold-orphan-1", "Orphan 1", "2021-05-19T13:10:04Z", CLOSED,
                Ops.setFolders("fold-del::child")));
        sessions.createOrUpdateSession(create("fold-orphan-2", "Orphan 2", "2021-05-19T13:10:05Z", CLOSED,
                Ops.setFolders("fold-del::child::grandchild", "fold-keep")));
        assertThat(listed("fold-del")).containsExactly("fold-orphan-2", "fold-orphan-1");

        sessions.deleteSessionFolders(DeleteSessionFoldersRequest.newBuilder().addFolderIdentities("fold-del")
                .addFolderIdentities("fold-never-existed").build());

        Expect.restError(http.get("/rta/v2/session-folders/fold-del"), 404, "fold-del");
        Expect.restError(http.get("/rta/v2/session-folders/fold-del::child"), 404, "fold-del::child");
        Expect.status(() -> sessions.getSessionFolders(GetSessionFoldersRequest.newBuilder()
                .setParentIdentity("fold-del::child::grandchild").build()), Status.Code.NOT_FOUND,
                "fold-del::child::grandchild");
        assertThat(rootFolders("/rta/v2/session-folders/", "fold-")).extracting(f -> f.get("identity").asText())
                .doesNotContain("fold-del", "fold-del::child", "fold-del::child::grandchild").contains("fold-keep");
        assertThat(listed("fold-del")).isEmpty();
        assertThat(listed("fold-keep")).containsExactly("fold-orphan-2");
        assertThat(Expect.identities(http.postFormJson("/rta/v2/sessions", "query",
                "{\"identity\": {\"$in\": [\"fold-orphan-1\", \"fold-orphan-2\"]}}")))
                .as("orphaned sessions stay, in the root").containsExactly("fold-orphan-2", "fold-orphan-1");
        assertThat(http.get("/rta/v2/sessions/fold-orphan-1").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDescribeTheSessionsOfAFolderInTheMetamodelWithValuesAndMinMax() {
        writeMetamodelSessions();

        JsonNode metamodel = http.getJson("/rta/v2/session-metamodel?folder=fold-meta");

        Expect.json(metamodel, """
                {"state": {"filter": true, "sort": true},
                 "timestamp": {%1$s, "constraints": {"minimum": "2023-01-01T05:00:00-05:00",
                                                      "maximum": "2023-01-01T11:30:00Z"}},
                 "startTimestamp": {%1$s, "constraints": {"minimum": "2023-01-01T12:00:00+01:00",
                                                           "maximum": "2023-01-01T11:30:00Z"}},
                 "endTimestamp": {%1$s, "constraints": {"minimum": "2023-01-01T12:10:00+01:00",
                                                         "maximum": "2023-01-01T11:40:00Z"}},
                 "identifier": {%1$s},
                 "type": {%1$s, "constraints": {"values": ["Model", "Stream"]}},
                 "quality": {%1$s, "constraints": {"minimum": 0.25, "maximum": 1.0}},
                 "group": {%1$s, "constraints": {"values": ["Aero"]}},
                 "version": {%1$s, "constraints": {"values": ["1.0.0"]}},
                 "details": {
                   "Driver": {"label": "Driver", "type": "string", %1$s, "constraints": {"values": ["RIC", "SAI"]}},
                   "FoldMetaOnly": {"label": "FoldMetaOnly", "type": "integer", %1$s,
                                    "constraints": {"values": [42], "minimum": 42, "maximum": 42}},
                   "Ratio": {"label": "Ratio", "type": "number", %1$s,
                             "constraints": {"values": [0.5, 2], "minimum": 0.5, "maximum": 2}},
                   "Run": {"label": "Run", "type": "integer", %1$s,
                           "constraints": {"values": [17, 200], "minimum": 17, "maximum": 200}},
                   "Started": {"label": "Started", "type": "dateTime", %1$s,
                               "constraints": {"values": ["2023-01-01T12:00:00+01:00"],
                                               "minimum": "2023-01-01T12:00:00+01:00",
                                               "maximum": "2023-01-01T12:00:00+01:00"}},
                   "Valid": {"label": "Valid", "type": "boolean", %1$s, "constraints": {"values": [true]}}
                 },
                 "extDetails": {}}""".formatted(CAPABILITIES));
        Expect.json(http.getJson("/rta/v2/session-metamodel?folder=fold-meta&prop=extDetails.Setup")
                .get("extDetails"), """
                {"Setup": {"label": "Setup", "properties": {
                   "ride": {"label": "ride", "type": "string", %1$s, "constraints": {"values": ["low"]}},
                   "wing": {"label": "wing", "type": "integer", %1$s,
                            "constraints": {"values": [3, 5], "minimum": 3, "maximum": 5}}}}}"""
                .formatted(CAPABILITIES));
        assertThat(Expect.parse(sessions.getSessionMetamodel(GetSessionMetamodelRequest.newBuilder()
                .setFolderSubtree("fold-meta").addJsonProperties("extDetails.Setup").build()).getMetamodelJson()))
                .isEqualTo(http.getJson("/rta/v2/session-metamodel?folder=fold-meta&prop=extDetails.Setup"));
    }

    @Test
    void shouldDiscoverPropertiesOfAFolderByPartialMatch() {
        writeMetamodelSessions();

        Expect.json(http.getJson("/rta/v2/session-metamodel/properties?folder=fold-meta&query=setup"), """
                [{"id": "extDetails.Setup", "label": "Setup"},
                 {"id": "extDetails.Setup.ride", "label": "ride"},
                 {"id": "extDetails.Setup.wing", "label": "wing"}]""");
        Expect.json(http.getJson("/rta/v2/session-metamodel/properties?folder=fold-meta&query=details.R"), """
                [{"id": "details.Ratio", "label": "Ratio"}, {"id": "details.Run", "label": "Run"}]""");
        Expect.json(http.getJson("/rta/v2/session-metamodel/properties?folder=fold-meta&query=TIME"), """
                [{"id": "endTimestamp", "label": "End Timestamp", "description": "End of the telemetry"},
                 {"id": "startTimestamp", "label": "Start Timestamp", "description": "Start of the telemetry"},
                 {"id": "timestamp", "label": "Timestamp", "description": "Official session timestamp"}]""");
        assertThat(sessions.querySessionMetamodel(QuerySessionMetamodelRequest.newBuilder()
                .setFolderSubtree("fold-meta").setPartialMatch("setup.w").build()).getPropertySummariesList())
                .containsExactly(PropertySummary.newBuilder().setId("extDetails.Setup.wing").setLabel("wing").build());
    }

    @Test
    void shouldKeepTheWholeTreeMetamodelUpToDateAsSessionsComeAndGo() {
        sessions.createOrUpdateSession(create("fold-temp", "Temporary", "2023-01-02T00:00:00Z", CLOSED,
                Ops.setDetailsJson("{\"FoldTempOnly\": \"here\"}")));
        Expect.json(http.getJson("/rta/v2/session-metamodel").get("details").get("FoldTempOnly"), """
                {"label": "FoldTempOnly", "type": "string", %s, "constraints": {"values": ["here"]}}"""
                .formatted(CAPABILITIES));
        Expect.json(http.getJson("/rta/v2/session-metamodel/properties?query=FoldTempOnly"),
                "[{\"id\": \"details.FoldTempOnly\", \"label\": \"FoldTempOnly\"}]");

        sessions.deleteSessions(DeleteSessionsRequest.newBuilder().addIdentities("fold-temp").build());

        assertThat(http.getJson("/rta/v2/session-metamodel").get("details").has("FoldTempOnly")).isFalse();
        assertThat(http.getJson("/rta/v2/session-metamodel/properties?query=FoldTempOnly")).isEmpty();
    }

    /** Three sessions in folder fold-meta; idempotent, so each metamodel test can call it. */
    private void writeMetamodelSessions() {
        put("", "fold-meta", "Metamodel", "");
        sessions.createOrUpdateSession(create("fold-meta-1", "Meta 1", "2023-01-01T12:00:00+01:00", CLOSED,
                Ops.setFolders("fold-meta"), Ops.setType("Stream"), Ops.setQuality(0.25), Ops.setGroup("Aero"),
                Ops.setVersion("1.0.0"),
                Ops.setTimeRange(nanos("2023-01-01T11:00:00Z"), nanos("2023-01-01T11:10:00Z")),
                Ops.setDetailsJson("""
                        {"Driver": "SAI", "Run": 17, "Ratio": 0.5, "Valid": true,
                         "Started": "2023-01-01T12:00:00+01:00"}"""),
                Ops.setDetailsJson("Setup", "{\"wing\": 3}")));
        sessions.createOrUpdateSession(create("fold-meta-2", "Meta 2", "2023-01-01T11:30:00Z", CLOSED,
                Ops.setFolders("fold-meta"), Ops.setType("Model"), Ops.setQuality(1.0),
                Ops.setTimeRange(nanos("2023-01-01T11:30:00Z"), nanos("2023-01-01T11:40:00Z")),
                Ops.setDetailsJson("{\"Driver\": \"RIC\", \"Run\": 200, \"Ratio\": 2}"),
                Ops.setDetailsJson("Setup", "{\"wing\": 5, \"ride\": \"low\"}")));
        sessions.createOrUpdateSession(create("fold-meta-3", "Meta 3", "2023-01-01T05:00:00-05:00", CLOSED,
                Ops.setFolders("fold-meta"), Ops.setDetailsJson("{\"Driver\": \"SAI\", \"FoldMetaOnly\": 42}")));
    }

    private void put(String parent, String identity, String label, String description) {
        sessions.putSessionFolder(PutSessionFolderRequest.newBuilder().setParentIdentity(parent)
                .setIdentity(identity).setLabel(label).setDescription(description).build());
    }

    /** The root folders whose identity starts with the prefix (other tests add their own). */
    private ArrayNode rootFolders(String path, String prefix) {
        ArrayNode mine = JsonNodeFactory.instance.arrayNode();
        http.getJson(path).forEach(folder -> {
            if (folder.get("identity").asText().startsWith(prefix)) {
                mine.add(folder);
            }
        });
        return mine;
    }

    private List<String> listed(String folder) {
        return Expect.identities(http.getJson("/rta/v2/sessions?" + Http.form("folder", folder)));
    }

    private static long nanos(String instant) {
        Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
