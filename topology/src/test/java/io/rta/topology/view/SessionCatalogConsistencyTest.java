package io.rta.topology.view;

import static io.rta.topology.Sessions.folder;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionState;
import io.rta.topology.Sessions;
import io.rta.topology.query.Metamodel;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks every index path of the catalog against a brute-force filter + sort of all sessions. */
class SessionCatalogConsistencyTest {

    private static final String[] OFFSETS = {"Z", "+01:00", "-05:00"};
    /** Eight first keys besides the default: all keep their index, so index maintenance is checked. */
    private static final List<List<String>> SORTS = List.of(
            List.of(), List.of("timestamp:asc"), List.of("quality:desc"), List.of("details.Driver:asc", "timestamp:desc"),
            List.of("details.Run:desc"), List.of("details.Wet:desc", "details.Run:asc"), List.of("details.Rare:asc"),
            List.of("type:asc", "details.Driver:desc"), List.of("startTimestamp:asc"));
    /** More first keys than indexes are kept: indexes are dropped and rebuilt. */
    private static final List<List<String>> MORE_SORTS = List.of(
            List.of("identity:desc"), List.of("state:desc"), List.of("group:asc"), List.of("version:asc"),
            List.of("timeRange.endTime:desc"), List.of("details.Run:asc"), List.of("quality:asc"), List.of("type:desc"),
            List.of("endTimestamp:desc"), List.of("identifier:asc"));
    private static final List<String> QUERIES = List.of("{}", "{\"details.Driver\": \"SAI\"}",
            "{\"identifier\": {\"$contains\": \"a\"}}", "{\"quality\": {\"$gt\": 0.5}}", "{\"details.Rare\": {\"$neq\": null}}");
    private static final List<String> FOLDERS = List.of("", "f0", "f0/1", "f1");

    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);
    private final Map<String, SessionState> reference = new HashMap<>();
    private final Random random = new Random(7);

    @Test
    void shouldListExactlyWhatABruteForceSortOfEverythingGives() {
        checkRounds(SORTS);
    }

    @Test
    void shouldStayExactWhenMoreKeysAreSortedThanIndexesKept() {
        checkRounds(MORE_SORTS);
    }

    private void checkRounds(List<List<String>> sorts) {
        for (int f = 0; f < 2; f++) {
            folders.put(folder("f" + f, "", "F" + f));
            for (int sub = 0; sub < 3; sub++) {
                folders.put(folder("f" + f + "/" + sub, "f" + f, "Sub" + sub));
            }
        }
        for (int round = 0; round < 4; round++) {
            mutate(round == 0 ? 400 : 80);
            for (List<String> sort : sorts) {
                for (String query : QUERIES) {
                    for (String folder : FOLDERS) {
                        for (int[] page : new int[][] {{0, 10}, {1, 7}, {3, 25}, {0, 500}}) {
                            check(sort, query, folder, page[0], page[1]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepTheIncrementalMetamodelEqualToAFreshScan() {
        for (int round = 0; round < 5; round++) {
            mutate(round == 0 ? 400 : 120);
            List<SessionState> topLevel = topLevel();
            List<String> props = List.of("extDetails.Setup");

            assertThat(catalog.metamodel(null, props)).isEqualTo(Metamodel.of(topLevel, props));
            assertThat(catalog.properties("", null)).isEqualTo(Metamodel.properties(topLevel, ""));
        }
    }

    private List<SessionState> topLevel() {
        Set<String> hidden = hidden();
        return reference.values().stream().filter(s -> !hidden.contains(s.getIdentity())).toList();
    }

    private Set<String> hidden() {
        Set<String> hidden = new HashSet<>();
        reference.values().forEach(s -> {
            s.getChildren().stream().filter(c -> !c.equals(s.getIdentity())).forEach(hidden::add);
            s.getAlternates().stream().filter(c -> !c.equals(s.getIdentity())).forEach(hidden::add);
        });
        return hidden;
    }

    private void check(List<String> sorts, String queryText, String folder, int pageIndex, int pageSize) {
        SessionSort sort = SessionSort.parse(sorts);
        SessionQuery query = SessionQuery.parse(queryText);
        ListRequest request = new ListRequest(query, folder, sort, pageIndex, pageSize, false);

        List<String> actual = catalog.list(request).stream().map(SessionState::getIdentity).toList();

        assertThat(actual).as("sort %s query %s folder '%s' page %d/%d", sorts, queryText, folder, pageIndex, pageSize)
                .isEqualTo(expected(sort, query, folder, pageIndex, pageSize));
    }

    private List<String> expected(SessionSort sort, SessionQuery query, String folder, int pageIndex, int pageSize) {
        Set<String> hidden = hidden();
        Set<String> scope = folders.subtree(folder);
        List<SessionState> all = new ArrayList<>();
        for (SessionState s : reference.values()) {
            boolean inScope = folder.isEmpty() || s.getFolders().stream().anyMatch(scope::contains);
            if (inScope && !hidden.contains(s.getIdentity()) && query.matches(s)) {
                all.add(s);
            }
        }
        all.sort(sort);
        int from = Math.min(all.size(), pageIndex * pageSize);
        return all.subList(from, Math.min(all.size(), from + pageSize)).stream().map(SessionState::getIdentity).toList();
    }

    private void mutate(int operations) {
        for (int i = 0; i < operations; i++) {
            String identity = "s" + random.nextInt(300);
            if (random.nextInt(10) == 0) {
                catalog.remove(identity);
                reference.remove(identity);
            } else {
                SessionState s = randomSession(identity);
                catalog.put(s);
                reference.put(identity, s);
            }
        }
    }

    private SessionState randomSession(String identity) {
        String timestamp = String.format(Locale.ROOT, "2021-05-%02dT%02d:00:00%s", 1 + random.nextInt(3),
                random.nextInt(24), OFFSETS[random.nextInt(OFFSETS.length)]);
        Sessions s = session(identity).timestamp(timestamp)
                .identifier(identity + (random.nextBoolean() ? "-A" : "-b"))
                .state(new int[] {1, 2, 4, 28}[random.nextInt(4)])
                .detail("Driver", new String[] {"SAI", "RIC", "NOR"}[random.nextInt(3)])
                .detail("Run", (long) random.nextInt(20))
                .detail("Wet", random.nextBoolean());
        if (random.nextInt(4) == 0) {
            s.detail("Rare", random.nextInt(3) == 0 ? (Object) "text" : (Object) (long) random.nextInt(5));
        }
        if (random.nextBoolean()) {
            s.quality(random.nextInt(10) / 10.0).type(random.nextBoolean() ? "Stream" : "Model");
        }
        if (random.nextInt(3) > 0) {
            s.timeRange(random.nextInt(1000) * 1_000_000_000L, 2_000_000_000_000L);
        }
        if (random.nextInt(5) > 0) {
            s.folders(random.nextBoolean() ? "f" + random.nextInt(2) : "f" + random.nextInt(3) + "/" + random.nextInt(3));
        }
        if (random.nextInt(20) == 0) {
            s.children("s" + random.nextInt(300));
        }
        if (random.nextInt(30) == 0) {
            s.group("G" + random.nextInt(2));
        }
        if (random.nextInt(4) == 0) {
            s.version("1." + random.nextInt(3));
        }
        if (random.nextInt(3) == 0) {
            s.detail("Temp", random.nextInt(3) == 0 ? (Object) (double) random.nextInt(40) : (Object) (random.nextInt(400) / 10.0));
            s.extDetail("Setup", "Height", (long) random.nextInt(200)).extDetail("Other", "X", "y");
        }
        if (random.nextInt(5) == 0) {
            s.detail("Started", Sessions.dateTime(timestamp));
        }
        return s.build();
    }
}
