package io.rta.topology.view;

import io.rta.events.SessionState;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints what the snapshot a query runs on costs for 100,000 sessions (asserts nothing; figures, not tests, measure
 * speed). A query that follows a write copies the candidates once (the default order, or the first sort key's index)
 * under the read lock; queries with no write in between share that copy. The difference between the two figures is
 * the copy, which is also the longest a list request holds the lock. For scale, it also times one walk of the whole
 * default-order index under the lock (a match-all page beyond the end): what the catalog did under the lock for
 * every filtered query before queries ran on snapshots, evaluation not included. Figures move a lot with the load
 * of the machine: compare them with each other, within one run.
 */
class SessionCatalogSnapshotCostTest {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCatalogSnapshotCostTest.class);
    private static final int RUNS = 60;

    @Test
    void printsWhatASnapshotCostsFor100000Sessions() {
        List<SessionState> sessions = SessionCatalogBench.generate(new Random(42));
        SessionCatalog catalog = new SessionCatalog(new FolderTree());
        sessions.forEach(catalog::put);
        SessionQuery nothing = SessionQuery.where("nothing", session -> false);
        ListRequest byDefault = ListRequest.defaults().withQuery(nothing);
        ListRequest byRun = byDefault.withSort(SessionSort.parse(List.of("details.Run:desc")));
        SessionState touched = sessions.get(0);

        ListRequest beyondTheEnd = ListRequest.defaults().withPage(1_000_000, 100);
        long[] walks = new long[RUNS];
        for (int i = 0; i < RUNS + 10; i++) {
            catalog.applyAll(Map.of(touched.getIdentity(), touched));
            long start = System.nanoTime();
            catalog.list(beyondTheEnd);
            if (i >= 10) {
                walks[i - 10] = System.nanoTime() - start;
            }
        }
        Arrays.sort(walks);
        LOG.info(String.format(Locale.ROOT, "%,d sessions, one walk of the default-order index under the lock: "
                + "p50 %.2f ms p99 %.2f ms", catalog.size(), walks[RUNS / 2] / 1e6, walks[RUNS * 99 / 100] / 1e6));
        for (ListRequest request : List.of(byDefault, byRun)) {
            String name = request == byDefault ? "default order" : "sort details.Run";
            long[] afterWrite = new long[RUNS];
            long[] shared = new long[RUNS];
            for (int i = 0; i < RUNS + 10; i++) {
                catalog.applyAll(Map.of(touched.getIdentity(), touched));
                long start = System.nanoTime();
                catalog.list(request);
                long copied = System.nanoTime() - start;
                start = System.nanoTime();
                catalog.list(request);
                long reused = System.nanoTime() - start;
                if (i >= 10) {
                    afterWrite[i - 10] = copied;
                    shared[i - 10] = reused;
                }
            }
            Arrays.sort(afterWrite);
            Arrays.sort(shared);
            LOG.info(String.format(Locale.ROOT, "%,d sessions, %s, filter rejecting all: after a write p50 %.2f ms"
                            + " p99 %.2f ms (snapshot copied); no write since p50 %.2f ms p99 %.2f ms (shared); "
                            + "the copy is about %.2f ms",
                    catalog.size(), name, afterWrite[RUNS / 2] / 1e6, afterWrite[RUNS * 99 / 100] / 1e6,
                    shared[RUNS / 2] / 1e6, shared[RUNS * 99 / 100] / 1e6,
                    (afterWrite[RUNS / 2] - shared[RUNS / 2]) / 1e6));
        }
    }
}
