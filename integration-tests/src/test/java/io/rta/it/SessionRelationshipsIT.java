package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relationships end to end: anchors, {@code child_of} and {@code alternate_of} refs resolved into the parent's
 * {@code children} and {@code alternates} through Kafka, whichever session arrives first; sub-sessions hidden from
 * lists unless ListSessions asks for them.
 */
class SessionRelationshipsIT {

    private static final String TIMESTAMP = "2021-05-20T10:48:10.072433+01:00";
    /** Resolution takes a few hops through Kafka topics after the write is acknowledged. */
    private static final Duration RESOLUTION = Duration.ofSeconds(30);

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();

    @Test
    void shouldResolveChildrenAndAlternatesWhenTheParentArrivesFirst() {
        sessions.createOrUpdateSession(create("rel-1-telemetry", "Telemetry Session", TIMESTAMP, CLOSED,
                Ops.setRefAnchors("guid:8319B646-D262-47BF-8BD9-85AECC314C50",
                        "acq:turbo-encabulator-5/2021-05-20T08:44:21+0000")));
        sessions.createOrUpdateSession(create("rel-1-downsampled", "Downsampled Session", TIMESTAMP, CLOSED,
                Ops.setAlternateOfRefs("guid:8319B646-D262-47BF-8BD9-85AECC314C50")));
        sessions.createOrUpdateSession(create("rel-1-model", "Model Session", TIMESTAMP, CLOSED,
                Ops.setChildOfRefs("acq:turbo-encabulator-5/2021-05-20T08:44:21+0000")));

        awaitRelations("rel-1-telemetry", "[\"rel-1-model\"]", "[\"rel-1-downsampled\"]");
        Expect.json(http.getJson("/rta/v2/sessions/rel-1-telemetry"), """
                {"identity": "rel-1-telemetry", "state": "closed", "timestamp": "%s",
                 "identifier": "Telemetry Session", "children": ["rel-1-model"], "alternates": ["rel-1-downsampled"]}"""
                .formatted(TIMESTAMP));
        Expect.json(http.getJson("/rta/v2/sessions/rel-1-downsampled"), """
                {"identity": "rel-1-downsampled", "state": "closed", "timestamp": "%s",
                 "identifier": "Downsampled Session"}""".formatted(TIMESTAMP));

        sessions.createOrUpdateSession(update("rel-1-telemetry", Ops.setType("Telemetry")));
        JsonNode updated = http.getJson("/rta/v2/sessions/rel-1-telemetry");
        assertThat(updated.get("type").asText()).isEqualTo("Telemetry");
        Expect.json(updated.get("children"), "[\"rel-1-model\"]");
    }

    @Test
    void shouldResolveChildrenAndAlternatesWhenTheParentArrivesLast() {
        sessions.createOrUpdateSession(create("rel-2-model-b", "Model B", TIMESTAMP, CLOSED,
                Ops.setChildOfRefs("acq:rel-2")));
        sessions.createOrUpdateSession(create("rel-2-model-a", "Model A", TIMESTAMP, CLOSED,
                Ops.setChildOfRefs("guid:rel-2")));
        sessions.createOrUpdateSession(create("rel-2-downsampled", "Downsampled", TIMESTAMP, CLOSED,
                Ops.setAlternateOfRefs("guid:rel-2")));

        sessions.createOrUpdateSession(create("rel-2-telemetry", "Telemetry", TIMESTAMP, CLOSED,
                Ops.setRefAnchors("guid:rel-2", "acq:rel-2")));

        awaitRelations("rel-2-telemetry", "[\"rel-2-model-a\", \"rel-2-model-b\"]", "[\"rel-2-downsampled\"]");
    }

    @Test
    void shouldHideSubSessionsFromListsUnlessListSessionsIncludesThem() {
        sessions.createOrUpdateSession(create("rel-3-child", "Child", TIMESTAMP, CLOSED,
                Ops.setChildOfRefs("acq:rel-3")));
        sessions.createOrUpdateSession(create("rel-3-parent", "Parent", TIMESTAMP, CLOSED,
                Ops.setRefAnchors("acq:rel-3")));
        awaitRelations("rel-3-parent", "[\"rel-3-child\"]", "[]");
        String query = "{\"identity\": {\"$startsWith\": \"rel-3-\"}}";

        assertThat(Expect.identities(http.postFormJson("/rta/v2/sessions", "query", query)))
                .containsExactly("rel-3-parent");
        assertThat(listed(query, false)).containsExactly("rel-3-parent");
        assertThat(listed(query, true)).containsExactlyInAnyOrder("rel-3-parent", "rel-3-child");
        assertThat(http.get("/rta/v2/sessions/rel-3-child").statusCode()).isEqualTo(200);

        sessions.createOrUpdateSession(update("rel-3-child", SessionUpdate.newBuilder()
                .setDeleteChildOfRefs(Ops.refs("acq:rel-3")).build()));

        awaitRelations("rel-3-parent", "[]", "[]");
        assertThat(Expect.identities(http.postFormJson("/rta/v2/sessions", "query", query)))
                .containsExactlyInAnyOrder("rel-3-parent", "rel-3-child");
    }

    /** Waits until the parent's children and alternates are exactly these (an empty array: absent). */
    private void awaitRelations(String parent, String children, String alternates) {
        await().atMost(RESOLUTION).untilAsserted(() -> {
            JsonNode session = http.getJson("/rta/v2/sessions/" + parent);
            Expect.json(relation(session, "children"), children);
            Expect.json(relation(session, "alternates"), alternates);
        });
    }

    private static JsonNode relation(JsonNode session, String name) {
        return session.has(name) ? session.get(name) : Expect.parse("[]");
    }

    private List<String> listed(String query, boolean includeSubSessions) {
        return sessions.listSessions(ListSessionsRequest.newBuilder().setQuery(query)
                        .setIncludeSubSessions(includeSubSessions).build())
                .getSessionsList().stream().map(Session::getIdentity).toList();
    }
}
