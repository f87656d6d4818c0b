package io.rta.topology.view;

import static io.rta.topology.Sessions.folder;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.SessionState;
import io.rta.topology.query.PropertySummary;
import io.rta.topology.query.QueryException;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionCatalogTest {

    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);

    @BeforeEach
    void createFolders() {
        folders.put(folder("animals", "", "Animals"));
        folders.put(folder("animals::felines", "animals", "Felines"));
        folders.put(folder("plants", "", "Plants"));
    }

    private List<String> list(ListRequest request) {
        return catalog.list(request).stream().map(SessionState::getIdentity).toList();
    }

    private static String day(int day) {
        return String.format(java.util.Locale.ROOT, "2021-05-%02dT12:00:00Z", day);
    }

    @Test
    void shouldGetPutSessionsAndForgetRemovedOnes() {
        catalog.put(session("a").build());
        catalog.put(session("a").identifier("renamed").build());

        assertThat(catalog.get("a")).map(SessionState::getIdentifier).contains("renamed");
        assertThat(catalog.size()).isEqualTo(1);
        catalog.remove("a");
        catalog.remove("never-there");
        assertThat(catalog.get("a")).isEmpty();
        assertThat(list(ListRequest.defaults())).isEmpty();
    }

    @Test
    void shouldApplyABatchOfPutsAndRemovals() {
        catalog.put(session("gone").build());
        java.util.Map<String, SessionState> batch = new java.util.LinkedHashMap<>();
        batch.put("a", session("a").timestamp(day(1)).build());
        batch.put("gone", null);
        batch.put("b", session("b").timestamp(day(2)).children("a").build());

        catalog.applyAll(batch);

        assertThat(list(ListRequest.defaults().withSubSessions(true))).containsExactly("b", "a");
        assertThat(list(ListRequest.defaults())).containsExactly("b");
    }

    @Test
    void shouldListNewestFirstByDefaultAcrossTimeZones() {
        catalog.put(session("late").timestamp("2021-05-06T18:30:00Z").build());
        catalog.put(session("early").timestamp("2021-05-06T18:58:56+01:00").build());
        catalog.put(session("latest").timestamp("2021-05-07T00:00:00-05:00").build());

        assertThat(list(ListRequest.defaults())).containsExactly("latest", "late", "early");
    }

    @Test
    void shouldReorderWhenATimestampChanges() {
        catalog.put(session("a").timestamp(day(1)).build());
        catalog.put(session("b").timestamp(day(2)).build());
        catalog.put(session("a").timestamp(day(3)).build());

        assertThat(list(ListRequest.defaults())).containsExactly("a", "b");
    }

    @Test
    void shouldPageThroughResults() {
        for (int i = 1; i <= 25; i++) {
            catalog.put(session("s" + i).timestamp(day(i)).detail("Run", (long) i).build());
        }

        assertThat(list(ListRequest.defaults().withPage(0, 10))).hasSize(10).startsWith("s25");
        assertThat(list(ListRequest.defaults().withPage(2, 10))).containsExactly("s5", "s4", "s3", "s2", "s1");
        assertThat(list(ListRequest.defaults().withPage(3, 10))).isEmpty();
        SessionSort byRun = SessionSort.parse(List.of("details.Run:asc"));
        assertThat(list(ListRequest.defaults().withSort(byRun).withPage(1, 10))).startsWith("s11").endsWith("s20");
        assertThat(list(ListRequest.defaults().withSort(byRun).withPage(2, 10))).containsExactly("s21", "s22", "s23", "s24", "s25");
        assertThat(list(ListRequest.defaults().withSort(byRun).withPage(9, 10))).isEmpty();
    }

    @Test
    void shouldUseTheDefaultPageSizeForZero() {
        for (int i = 0; i < 150; i++) {
            catalog.put(session("s" + i).build());
        }

        assertThat(list(ListRequest.defaults().withPage(0, 0))).hasSize(ListRequest.DEFAULT_PAGE_SIZE);
    }

    @Test
    void shouldRejectNegativePaging() {
        assertThatThrownBy(() -> ListRequest.defaults().withPage(-1, 10))
                .isInstanceOf(QueryException.class).hasMessage("pageIndex must be 0 or more, not -1");
        assertThatThrownBy(() -> ListRequest.defaults().withPage(0, -5))
                .isInstanceOf(QueryException.class).hasMessage("pageSize must be 0 or more, not -5");
    }

    @Test
    void shouldFilterAndSort() {
        catalog.put(session("a").identifier("Run-20200313-1").detail("driver", "SAI").quality(0.5).build());
        catalog.put(session("b").identifier("Run-20200313-2").detail("driver", "RIC").quality(0.9).build());
        catalog.put(session("c").identifier("Run-20200314-1").detail("driver", "SAI").quality(0.7).build());

        SessionQuery query = SessionQuery.parse(
                "{\"identifier\": {\"$contains\": \"-20200313-\"}, \"details.driver\": {\"$in\": [\"SAI\", \"RIC\"]}}");
        ListRequest request = ListRequest.defaults().withQuery(query).withSort(SessionSort.parse(List.of("quality:desc")));

        assertThat(list(request)).containsExactly("b", "a");
    }

    @Test
    void shouldFilterInDefaultOrder() {
        catalog.put(session("a").timestamp(day(1)).type("X").build());
        catalog.put(session("b").timestamp(day(2)).type("Y").build());
        catalog.put(session("c").timestamp(day(3)).type("X").build());

        assertThat(list(ListRequest.defaults().withQuery(SessionQuery.parse("{\"type\": \"X\"}")))).containsExactly("c", "a");
    }

    @Test
    void shouldListAFolderSubtree() {
        catalog.put(session("root").timestamp(day(1)).build());
        catalog.put(session("dog").timestamp(day(2)).folders("animals").build());
        catalog.put(session("cat").timestamp(day(3)).folders("animals::felines").build());
        catalog.put(session("fern").timestamp(day(4)).folders("plants").build());
        catalog.put(session("catnip").timestamp(day(5)).folders("plants", "animals::felines").build());

        assertThat(list(ListRequest.defaults().withFolder("animals"))).containsExactly("catnip", "cat", "dog");
        assertThat(list(ListRequest.defaults().withFolder("animals::felines"))).containsExactly("catnip", "cat");
        assertThat(list(ListRequest.defaults().withFolder("plants"))).containsExactly("catnip", "fern");
        assertThat(list(ListRequest.defaults().withFolder(""))).hasSize(5);
        assertThat(list(ListRequest.defaults())).hasSize(5);
        assertThat(list(ListRequest.defaults().withFolder("nowhere"))).isEmpty();
    }

    @Test
    void shouldSortAndPageWithinAFolder() {
        for (int i = 1; i <= 20; i++) {
            catalog.put(session("a" + i).timestamp(day(i)).folders(i % 2 == 0 ? "animals" : "plants").quality(i / 100.0).build());
        }

        ListRequest animals = ListRequest.defaults().withFolder("animals").withPage(1, 3);
        assertThat(list(animals)).containsExactly("a14", "a12", "a10");
        assertThat(list(animals.withSort(SessionSort.parse(List.of("quality:asc"))))).containsExactly("a8", "a10", "a12");
    }

    @Test
    void shouldPlaceSessionsLinkedOnlyToMissingFoldersInTheRootOnly() {
        catalog.put(session("orphan").folders("deleted-folder").build());
        catalog.put(session("half").folders("deleted-folder", "plants").build());

        assertThat(list(ListRequest.defaults())).containsExactlyInAnyOrder("orphan", "half");
        assertThat(list(ListRequest.defaults().withFolder("plants"))).containsExactly("half");
        assertThat(list(ListRequest.defaults().withFolder("deleted-folder"))).isEmpty();

        folders.put(folder("deleted-folder", "animals", "Back again"));
        assertThat(list(ListRequest.defaults().withFolder("animals"))).containsExactlyInAnyOrder("orphan", "half");
    }

    @Test
    void shouldFollowFolderMembershipChanges() {
        catalog.put(session("s").folders("animals").build());
        catalog.put(session("s").folders("plants").build());

        assertThat(list(ListRequest.defaults().withFolder("animals"))).isEmpty();
        assertThat(list(ListRequest.defaults().withFolder("plants"))).containsExactly("s");
    }

    @Test
    void shouldHideSubSessionsUnlessIncluded() {
        catalog.put(session("parent").timestamp(day(3)).children("child").alternates("alt").build());
        catalog.put(session("child").timestamp(day(2)).build());
        catalog.put(session("alt").timestamp(day(1)).build());

        assertThat(list(ListRequest.defaults())).containsExactly("parent");
        assertThat(list(ListRequest.defaults().withSubSessions(true))).containsExactly("parent", "child", "alt");
        assertThat(list(ListRequest.defaults().withSort(SessionSort.parse(List.of("identity:asc"))))).containsExactly("parent");
    }

    @Test
    void shouldHideChildrenWhateverOrderTheyArriveIn() {
        catalog.put(session("child").build());
        assertThat(list(ListRequest.defaults())).containsExactly("child");

        catalog.put(session("parent").children("child").build());
        assertThat(list(ListRequest.defaults())).containsExactly("parent");
    }

    @Test
    void shouldShowSubSessionsAgainWhenNoLongerReferenced() {
        catalog.put(session("p1").children("child").build());
        catalog.put(session("p2").alternates("child").build());
        catalog.put(session("child").detail("k", "v").build());

        catalog.put(session("p1").build());
        assertThat(list(ListRequest.defaults())).containsExactlyInAnyOrder("p1", "p2");
        catalog.remove("p2");
        assertThat(list(ListRequest.defaults())).containsExactlyInAnyOrder("p1", "child");
        assertThat(catalog.metamodel(null, List.of()).get("details").has("k")).isTrue();
    }

    @Test
    void shouldNotHideASessionThatListsItself() {
        catalog.put(session("narcissus").children("narcissus").build());

        assertThat(list(ListRequest.defaults())).containsExactly("narcissus");
    }

    @Test
    void shouldDescribeTopLevelSessionsInTheMetamodel() {
        catalog.put(session("parent").children("child").detail("Run", 1L).type("Stream").build());
        catalog.put(session("child").detail("Run", 2L).detail("Model", "aero").type("Model").build());

        JsonNode metamodel = catalog.metamodel(null, List.of());

        assertThat(metamodel.get("details").get("Run").get("constraints").get("values").toString()).isEqualTo("[1]");
        assertThat(metamodel.get("details").has("Model")).isFalse();
        assertThat(metamodel.get("type").get("constraints").get("values").toString()).isEqualTo("[\"Stream\"]");
    }

    @Test
    void shouldKeepTheMetamodelUpToDateAsSessionsChange() {
        catalog.put(session("a").detail("Run", 1L).quality(0.1).build());
        catalog.put(session("b").detail("Run", 5L).quality(0.9).build());
        catalog.put(session("b").detail("Run", 3L).quality(0.4).build());
        catalog.remove("a");

        JsonNode metamodel = catalog.metamodel("", List.of());

        assertThat(metamodel.get("details").get("Run").get("constraints").toString())
                .isEqualTo("{\"values\":[3],\"minimum\":3,\"maximum\":3}");
        assertThat(metamodel.get("quality").get("constraints").toString()).isEqualTo("{\"minimum\":0.4,\"maximum\":0.4}");
    }

    @Test
    void shouldScopeTheMetamodelToAFolder() {
        catalog.put(session("cat").folders("animals::felines").detail("Legs", 4L).build());
        catalog.put(session("fern").folders("plants").detail("Leaves", 12L).build());

        JsonNode animals = catalog.metamodel("animals", List.of());

        assertThat(animals.get("details").fieldNames()).toIterable().containsExactly("Legs");
        assertThat(catalog.metamodel("nowhere", List.of()).get("details").isEmpty()).isTrue();
    }

    @Test
    void shouldDescribeRequestedExtDetails() {
        catalog.put(session("a").extDetail("CarSetup", "RideHeightFront", 32L).build());

        assertThat(catalog.metamodel(null, List.of()).get("extDetails").isEmpty()).isTrue();
        assertThat(catalog.metamodel(null, List.of("extDetails.CarSetup")).get("extDetails").get("CarSetup")
                .get("properties").has("RideHeightFront")).isTrue();
    }

    @Test
    void shouldFindPropertiesInScope() {
        catalog.put(session("cat").folders("animals").detail("Legs", 4L).extDetail("Body", "Fur", "ginger").build());
        catalog.put(session("fern").folders("plants").detail("Leaves", 12L).build());

        assertThat(catalog.properties("l", null)).extracting(PropertySummary::id)
                .contains("details.Leaves", "details.Legs");
        assertThat(catalog.properties("details.", "animals")).extracting(PropertySummary::id).containsExactly("details.Legs");
        assertThat(catalog.properties("fur", "animals")).extracting(PropertySummary::id).containsExactly("extDetails.Body.Fur");
    }
}
