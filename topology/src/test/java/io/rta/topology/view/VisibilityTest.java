package io.rta.topology.view;

import static io.rta.topology.Sessions.folder;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.SessionState;
import io.rta.topology.query.PropertySummary;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a caller restricted by access policies sees of the catalog: every read path treats the others as absent. */
class VisibilityTest {

    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);
    /** The partner of car 7: sessions with detail car = 7, or anything in the "shared" folder sub-tree. */
    private final Visibility partner = Visibility.of(List.of(
            new Visibility.Grant(SessionQuery.parse("{\"details.car\": \"7\"}"), null),
            new Visibility.Grant(null, "shared")));

    @BeforeEach
    void load() {
        folders.put(folder("teams", "", "Teams"));
        folders.put(folder("teams::seven", "teams", "Seven"));
        folders.put(folder("teams::nine", "teams", "Nine"));
        folders.put(folder("shared", "", "Shared"));
        folders.put(folder("shared::tests", "shared", "Tests"));
        catalog.put(session("s7a").timestamp("2021-05-01T00:00:00Z").detail("car", "7").folders("teams::seven")
                .children("s9-child", "s7-child").configBinding("cfg7", 0).build());
        catalog.put(session("s7-child").timestamp("2021-05-02T00:00:00Z").detail("car", "7").build());
        catalog.put(session("s9a").timestamp("2021-05-03T00:00:00Z").detail("car", "9").folders("teams::nine")
                .configBinding("cfg9", 0).build());
        catalog.put(session("s9-child").timestamp("2021-05-04T00:00:00Z").detail("car", "9").build());
        catalog.put(session("shared1").timestamp("2021-05-05T00:00:00Z").detail("car", "9")
                .folders("shared::tests").build());
    }

    private List<String> list(ListRequest request, Visibility visibility) {
        return catalog.list(request, visibility).stream().map(SessionState::getIdentity).toList();
    }

    @Test
    void shouldListOnlyVisibleSessionsInEveryPlanAndPage() {
        assertThat(list(ListRequest.defaults(), partner)).containsExactly("shared1", "s7a");
        assertThat(list(ListRequest.defaults().withSubSessions(true), partner))
                .containsExactly("shared1", "s7-child", "s7a");
        assertThat(list(ListRequest.defaults().withFolder("teams"), partner)).containsExactly("s7a");
        assertThat(list(ListRequest.defaults().withSort(SessionSort.parse(List.of("details.car:desc"))), partner))
                .containsExactly("shared1", "s7a");
        assertThat(list(ListRequest.defaults().withPage(1, 1), partner)).containsExactly("s7a");
        assertThat(list(ListRequest.defaults().withPage(2, 1), partner)).isEmpty();
        assertThat(list(ListRequest.defaults().withQuery(SessionQuery.parse("{\"details.car\": \"9\"}")), partner))
                .containsExactly("shared1");
        assertThat(list(ListRequest.defaults(), Visibility.NONE)).isEmpty();
        assertThat(list(ListRequest.defaults(), Visibility.ALL)).containsExactly("shared1", "s9a", "s7a");
    }

    @Test
    void shouldTreatAnInvisibleSessionAsAbsent() {
        assertThat(catalog.get("s7a", partner)).isPresent();
        assertThat(catalog.get("shared1", partner)).isPresent();
        assertThat(catalog.get("s9a", partner)).isEmpty();
        assertThat(catalog.get("s9a", Visibility.NONE)).isEmpty();
        assertThat(catalog.get("s9a", Visibility.ALL)).isPresent();
    }

    @Test
    void shouldHideLinksToInvisibleSessions() {
        SessionState s7a = catalog.get("s7a", partner).orElseThrow();
        SessionState shown = partner.withVisibleLinks(s7a, id -> catalog.get(id, partner).isPresent());
        assertThat(shown.getChildren()).containsExactly("s7-child");
        assertThat(Visibility.ALL.withVisibleLinks(s7a, id -> false)).isSameAs(s7a);
    }

    @Test
    void shouldComputeTheMetamodelOverVisibleSessionsOnly() {
        JsonNode all = catalog.metamodel(null, List.of(), Visibility.ALL);
        JsonNode seen = catalog.metamodel(null, List.of(), partner);
        assertThat(all.toString()).contains("\"9\"");
        // the only visible car 9 session is shared1: its value shows, s9a's folder does not
        assertThat(seen.toString()).contains("\"7\"").doesNotContain("teams::nine");
        assertThat(catalog.metamodel("teams", List.of(), partner).toString()).doesNotContain("\"9\"");
        assertThat(catalog.metamodel(null, List.of(), Visibility.NONE).toString()).doesNotContain("\"7\"");
        List<String> properties = catalog.properties("car", "teams", partner).stream().map(PropertySummary::id)
                .toList();
        assertThat(properties).isNotEmpty();
        assertThat(catalog.properties("car", null, Visibility.NONE)).isEmpty();
    }

    @Test
    void shouldShowOnlyFoldersHoldingVisibleSessions() {
        Set<String> shown = folders.withAncestors(catalog.linkedFolders(partner));
        assertThat(shown).containsExactlyInAnyOrder("teams", "teams::seven", "shared", "shared::tests");
        assertThat(folders.children("teams", shown)).extracting(node -> node.folder().getIdentity())
                .containsExactly("teams::seven");
        assertThat(folders.children("", shown)).extracting(FolderNode::hasChildren).containsOnly(true);
        assertThat(folders.children("teams", shown)).extracting(FolderNode::hasChildren).containsOnly(false);
        assertThat(folders.withAncestors(catalog.linkedFolders(Visibility.NONE))).isEmpty();
    }

    @Test
    void shouldFindWhetherAVisibleSessionBindsSomething() {
        assertThat(catalog.anyVisible(partner, s -> s.getConfigBindings().stream()
                .anyMatch(b -> b.getIdentifier().equals("cfg7")))).isTrue();
        assertThat(catalog.anyVisible(partner, s -> s.getConfigBindings().stream()
                .anyMatch(b -> b.getIdentifier().equals("cfg9")))).isFalse();
        assertThat(catalog.anyVisible(Visibility.ALL, s -> s.getIdentity().equals("s9a"))).isTrue();
    }

    @Test
    void shouldGrantEverythingWhenOneGrantHasNoCondition() {
        assertThat(Visibility.of(List.of(new Visibility.Grant(null, "shared"), new Visibility.Grant(null, null))))
                .isSameAs(Visibility.ALL);
        assertThat(Visibility.of(List.of())).isSameAs(Visibility.NONE);
        assertThat(Visibility.NONE.isNone()).isTrue();
        assertThat(partner.isAll() || partner.isNone()).isFalse();
    }
}
