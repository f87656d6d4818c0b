package io.rta.topology.view;

import static io.rta.topology.Sessions.folder;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionState;
import io.rta.topology.model.SessionValues;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query is evaluated on a snapshot, outside the catalog's lock: the writer that completes acknowledged writes
 * ({@link SessionCatalog#applyAll}) is never held up by it, however long it takes. Each case holds a query in the
 * middle of its evaluation (a filter that waits on a latch) and applies a write meanwhile; ordering is asserted with
 * latches and futures, never with timings (the 30 s bounds only keep a broken build from hanging).
 */
class SessionCatalogSnapshotTest {

    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void fill() {
        folders.put(folder("f", "", "F"));
        for (int i = 0; i < 5; i++) {
            catalog.put(session("s" + i).timestamp("2021-05-0" + (i + 1) + "T12:00:00Z").folders("f")
                    .detail("Run", (long) i).build());
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default order", "sorted by a detail", "folder members", "sub-sessions included"})
    void shouldApplyAWriteWhileAQueryIsStillEvaluating(String shape) throws Exception {
        CountDownLatch evaluating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        SessionQuery slow = SessionQuery.where("slow", session -> {
            if (first.compareAndSet(true, false)) {
                evaluating.countDown();
                awaitQuietly(release);
            }
            return true;
        });
        ListRequest request = request(shape).apply(ListRequest.defaults().withQuery(slow));

        Future<List<SessionState>> query = threads.submit(() -> catalog.list(request));
        assertThat(evaluating.await(30, TimeUnit.SECONDS)).as("the query started evaluating").isTrue();
        Future<?> write = threads.submit(() -> catalog.applyAll(Map.of(
                "s0", session("s0").timestamp("2021-06-01T12:00:00Z").folders("f").detail("Run", 99L).build(),
                "new", session("new").folders("f").detail("Run", 100L).build())));

        write.get(30, TimeUnit.SECONDS);
        assertThat(query.isDone()).as("the query is still evaluating when the write is applied").isFalse();
        release.countDown();

        assertThat(identities(query.get(30, TimeUnit.SECONDS))).as("the query saw the state it started on")
                .containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4");
        assertThat(identities(catalog.list(request(shape).apply(ListRequest.defaults()
                .withQuery(SessionQuery.where("all", s -> true))))))
                .as("the next query sees the write").contains("new").hasSize(6);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default order", "sorted by a detail", "folder members", "sub-sessions included"})
    void shouldGiveEachQueryTheStateOfOneVersion(String shape) {
        Predicate<SessionValues> all = s -> true;
        List<String> before = identities(catalog.list(request(shape).apply(ListRequest.defaults()
                .withQuery(SessionQuery.where("all", all)))));
        catalog.remove("s3");
        List<String> after = identities(catalog.list(request(shape).apply(ListRequest.defaults()
                .withQuery(SessionQuery.where("all", all)))));

        assertThat(before).contains("s3");
        assertThat(after).doesNotContain("s3").hasSize(before.size() - 1);
    }

    private static Function<ListRequest, ListRequest> request(String shape) {
        return switch (shape) {
            case "default order" -> r -> r;
            case "sorted by a detail" -> r -> r.withSort(SessionSort.parse(List.of("details.Run:desc")));
            case "folder members" -> r -> r.withFolder("f");
            case "sub-sessions included" -> r -> r.withSubSessions(true);
            default -> throw new IllegalArgumentException(shape);
        };
    }

    private static List<String> identities(List<SessionState> page) {
        return page.stream().map(SessionState::getIdentity).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
