package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Listing sessions over REST ({@code GET} and {@code POST /rta/v2/sessions}): paging, folder sub-trees, typed
 * multi-key sorts, the default newest-first order across time zones, and the whole query dialect. The sessions live
 * in their own folder tree so that sessions written by other tests do not show.
 *
 * <pre>
 * list          list-a 2022-03-01T10:00:00+02:00 (08:00Z)   list-c 2022-03-01T04:00:00-05:00 (09:00Z)
 *               list-e 2022-02-28T23:59:59-09:00 (08:59:59Z)
 * list/sub      list-b 2022-03-01T09:30:00Z                  list-d 2022-03-01T08:30:00.5+00:00
 * list-other    list-x 2022-03-01T12:00:00Z
 * </pre>
 * Newest first in "list": b, c, e, d, a (text order would give a, b, d, c, e).
 */
class SessionListingIT {

    private static final String SESSIONS = "/rta/v2/sessions";

    private final Http http = TestServer.shared().http();

    @BeforeAll
    static void writeSessions() {
        SessionStoreGrpc.SessionStoreBlockingStub sessions = TestServer.shared().sessions();
        sessions.putSessionFolder(folder("", "list", "Listing"));
        sessions.putSessionFolder(folder("list", "list/sub", "Listing sub-folder"));
        sessions.putSessionFolder(folder("", "list-other", "Other listing"));
        sessions.createOrUpdateSession(create("list-a", "Bahrain-0301-FP1", "2022-03-01T10:00:00+02:00", CLOSED,
                Ops.setType("Stream"), Ops.setQuality(0.9), Ops.setFolders("list"),
                Ops.setDetailsJson("{\"Driver\": \"SAI\", \"Run\": 2, \"Started\": \"2022-03-01T10:05:00+02:00\"}"),
                Ops.setDetailsJson("Setup", "{\"wing\": 3, \"ride\": 30}")));
        sessions.createOrUpdateSession(create("list-b", "Bahrain-0301-FP2 model", "2022-03-01T09:30:00Z", CLOSED,
                Ops.setType("Model"), Ops.setQuality(0.5), Ops.setFolders("list/sub"),
                Ops.setDetailsJson("{\"Driver\": \"RIC\", \"Run\": 10}")));
        sessions.createOrUpdateSession(create("list-c", "Bahrain-0301-FP3", "2022-03-01T04:00:00-05:00", CLOSED,
                Ops.setType("Stream"), Ops.setQuality(0.7), Ops.setFolders("list"),
                Ops.setDetailsJson("{\"Driver\": \"SAI\", \"Run\": 10, \"Started\": \"2022-03-01T03:10:00-05:00\"}")));
        sessions.createOrUpdateSession(create("list-d", "Jeddah-0309-FP1", "2022-03-01T08:30:00.5+00:00", OPEN,
                Ops.setFolders("list/sub"), Ops.setDetailsJson("{\"Driver\": \"NOR\", \"Run\": 1}")));
        sessions.createOrUpdateSession(create("list-e", "Test session", "2022-02-28T23:59:59-09:00", CLOSED,
                Ops.setFolders("list")));
        sessions.createOrUpdateSession(create("list-x", "Other", "2022-03-01T12:00:00Z", CLOSED,
                Ops.setFolders("list-other"), Ops.setDetailsJson("{\"Driver\": \"SAI\"}")));
    }

    @Test
    void shouldListNewestFirstByInstantWhateverTheTimeZoneOffsets() {
        assertThat(listed("folder", "list")).containsExactly("list-b", "list-c", "list-e", "list-d", "list-a");
        assertThat(queried("{\"identity\": {\"$startsWith\": \"list-\"}}"))
                .containsExactly("list-x", "list-b", "list-c", "list-e", "list-d", "list-a");
    }

    @Test
    void shouldPageWithPageIndexAndPageSizeOverGetAndPost() {
        assertThat(listed("folder", "list", "pageSize", "2")).containsExactly("list-b", "list-c");
        assertThat(listed("folder", "list", "pageSize", "2", "pageIndex", "1")).containsExactly("list-e", "list-d");
        assertThat(listed("folder", "list", "pageSize", "2", "pageIndex", "2")).containsExactly("list-a");
        assertThat(listed("folder", "list", "pageSize", "2", "pageIndex", "3")).isEmpty();
        assertThat(posted("folder", "list", "pageSize", "2", "pageIndex", "1", "sort", "timestamp:asc"))
                .containsExactly("list-e", "list-c");
        assertThat(posted("folder", "list", "pageSize", "1", "pageIndex", "1", "sort", "details.Run:desc",
                "query", "{\"details.Driver\": {\"$in\": [\"SAI\", \"NOR\"]}}")).containsExactly("list-a");
    }

    @Test
    void shouldListAFolderWithItsWholeSubTree() {
        assertThat(listed("folder", "list/sub")).containsExactly("list-b", "list-d");
        assertThat(posted("folder", "list/sub")).containsExactly("list-b", "list-d");
        assertThat(listed("folder", "list-other")).containsExactly("list-x");
        assertThat(listed("folder", "list-no-such-folder")).isEmpty();
    }

    @Test
    void shouldAnswerAPageAsExactSessionJson() {
        Expect.json(http.postFormJson(SESSIONS, "folder", "list/sub"), """
                {"sessions": [
                  {"identity": "list-b", "state": "closed", "timestamp": "2022-03-01T09:30:00Z",
                   "identifier": "Bahrain-0301-FP2 model", "details": {"Driver": "RIC", "Run": 10},
                   "type": "Model", "quality": 0.5},
                  {"identity": "list-d", "state": "open", "timestamp": "2022-03-01T08:30:00.5+00:00",
                   "identifier": "Jeddah-0309-FP1", "details": {"Driver": "NOR", "Run": 1}}
                ]}""");
    }

    @Test
    void shouldSortByTypedValuesOnSeveralKeysWithAscAndDesc() {
        assertThat(listed("folder", "list", "sort", "timestamp:asc"))
                .containsExactly("list-a", "list-d", "list-e", "list-c", "list-b");
        // numeric, not text (2 before 10); equal runs ordered by the second key; no run last
        assertThat(listed("folder", "list", "sort", "details.Run:asc,details.Driver:desc"))
                .containsExactly("list-d", "list-a", "list-c", "list-b", "list-e");
        assertThat(listed("folder", "list", "sort", "details.Run:asc", "sort", "details.Driver:desc"))
                .containsExactly("list-d", "list-a", "list-c", "list-b", "list-e");
        assertThat(posted("folder", "list", "sort", "details.Started:desc"))
                .containsExactly("list-c", "list-a", "list-b", "list-d", "list-e");
    }

    @Test
    void shouldAcceptExtraSortsWrittenAsBareParametersAsTheGuideShows() {
        // the guide's own example: ?sort=timestamp:asc&quality:desc, here quality first
        String page = "?folder=list&sort=quality:desc&timestamp:asc";
        assertThat(Expect.identities(http.getJson(SESSIONS + page)))
                .containsExactly("list-a", "list-c", "list-b", "list-d", "list-e");
        assertThat(Expect.identities(Http.json(Http.ok(http.postForm(SESSIONS, page.substring(1))))))
                .containsExactly("list-a", "list-c", "list-b", "list-d", "list-e");
    }

    @Test
    void shouldAcceptSortsOnUnknownOrMissingPropertiesGracefully() {
        assertThat(listed("folder", "list", "sort", "bogus:asc"))
                .containsExactly("list-b", "list-c", "list-e", "list-d", "list-a");
        assertThat(listed("folder", "list", "sort", "bogus:desc", "sort", "details.Run:desc"))
                .containsExactly("list-b", "list-c", "list-a", "list-d", "list-e");
        assertThat(listed("folder", "list", "sort", "details.NoSuchDetail:asc"))
                .containsExactlyInAnyOrder("list-a", "list-b", "list-c", "list-d", "list-e");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void shouldFilterWithTheQueryDialect(String query, List<String> expected) {
        assertThat(posted("folder", "list", "query", query)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                query("{\"details.Driver\": \"SAI\"}", "list-c", "list-a"),
                query("{\"type\": {\"$eq\": \"Model\"}}", "list-b"),
                query("{\"details.Driver\": {\"$neq\": \"SAI\"}}", "list-b", "list-e", "list-d"),
                query("{\"details.Run\": {\"$gt\": 2}}", "list-b", "list-c"),
                query("{\"details.Run\": {\"$gte\": 2}}", "list-b", "list-c", "list-a"),
                query("{\"quality\": {\"$lt\": 0.7}}", "list-b"),
                query("{\"quality\": {\"$lte\": 0.7}}", "list-b", "list-c"),
                query("{\"timestamp\": {\"$gt\": \"2022-03-01T09:00:00Z\"}}", "list-b"),
                query("{\"timestamp\": {\"$gte\": \"2022-03-01T10:00:00+01:00\"}}", "list-b", "list-c"),
                query("{\"timestamp\": {\"$lt\": \"2022-03-01T08:30:00.5Z\"}}", "list-a"),
                query("{\"timestamp\": {\"$lte\": \"2022-03-01T08:30:00.5Z\"}}", "list-d", "list-a"),
                query("{\"details.Started\": {\"$gt\": \"2022-03-01T08:07:00Z\"}}", "list-c"),
                query("{\"identifier\": {\"$contains\": \"0301\"}}", "list-b", "list-c", "list-a"),
                query("{\"identifier\": {\"$startsWith\": \"Jeddah\"}}", "list-d"),
                query("{\"identifier\": {\"$endsWith\": \"FP1\"}}", "list-d", "list-a"),
                query("{\"details.Driver\": {\"$in\": [\"SAI\", \"NOR\"]}}", "list-c", "list-d", "list-a"),
                query("{\"details.Driver\": {\"$nin\": [\"SAI\", \"NOR\"]}}", "list-b", "list-e"),
                query("{\"$not\": {\"type\": \"Stream\"}}", "list-b", "list-e", "list-d"),
                query("{\"$and\": [{\"details.Driver\": \"SAI\"}, {\"details.Run\": 10}]}", "list-c"),
                query("{\"$or\": [{\"type\": \"Model\"}, {\"details.Run\": 1}]}", "list-b", "list-d"),
                query("{\"$nor\": [{\"details.Driver\": \"SAI\"}, {\"details.Driver\": \"RIC\"}]}",
                        "list-e", "list-d"),
                query("{\"details.Driver\": \"SAI\", \"quality\": 0.9}", "list-a"),
                query("{\"quality\": null}", "list-e", "list-d"),
                query("{\"quality\": {\"$neq\": null}}", "list-b", "list-c", "list-a"),
                query("{\"state\": \"open\"}", "list-d"),
                query("{}", "list-b", "list-c", "list-e", "list-d", "list-a"));
    }

    @Test
    void shouldAddRequestedExtendedDetailsWithProp() {
        Expect.json(http.postFormJson(SESSIONS, "query", "{\"identity\": \"list-a\"}",
                "prop", "extDetails.Setup.wing").get("sessions").get(0).get("extDetails"),
                "{\"Setup\": {\"wing\": 3}}");
        Expect.json(http.postFormJson(SESSIONS, "query", "{\"identity\": \"list-a\"}",
                "prop", "extDetails.Setup").get("sessions").get(0).get("extDetails"),
                "{\"Setup\": {\"wing\": 3, \"ride\": 30}}");
    }

    private List<String> listed(String... params) {
        return Expect.identities(http.getJson(SESSIONS + "?" + Http.form(params)));
    }

    private List<String> posted(String... params) {
        return Expect.identities(http.postFormJson(SESSIONS, params));
    }

    private List<String> queried(String query) {
        return posted("query", query);
    }

    private static Arguments query(String query, String... identities) {
        return Arguments.of(query, List.of(identities));
    }

    private static PutSessionFolderRequest folder(String parent, String identity, String label) {
        return PutSessionFolderRequest.newBuilder().setParentIdentity(parent).setIdentity(identity).setLabel(label)
                .build();
    }
}
