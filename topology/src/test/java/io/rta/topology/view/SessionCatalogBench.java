package io.rta.topology.view;

import static io.rta.topology.Sessions.folder;
import static io.rta.topology.Sessions.session;

import io.rta.events.SessionState;
import io.rta.topology.Sessions;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints catalog figures for 100,000 sessions of 10 details each (one in ten has a child); asserts nothing. Run with
 * {@code mvn -pl topology -am test -Dtest=SessionCatalogBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.only=metamodel} to run only the scenarios whose name contains that text).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SessionCatalogBench {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCatalogBench.class);
    private static final int SESSIONS = 100_000;
    private static final int RUNS = 300;
    /** Sessions per write-lock acquisition in the ingest scenarios, as one consumer poll would bring. */
    private static final int INGEST_BATCH = 100;
    /** About the ingest target of the issue (5,000 sessions/s); the writer sleeps between batches. */
    private static final int INGEST_RATE = 5_000;
    private static final String[] DRIVERS = {"SAI", "RIC", "NOR", "HAM", "VER", "LEC", "PER", "BOT", "RUS", "ALO",
        "OCO", "GAS", "STR", "VET", "TSU", "MSC", "MAZ", "LAT", "GIO", "RAI"};
    private static final String[] OFFSETS = {"Z", "+01:00", "-05:00", "+09:30", "+00:00"};
    private static final String[] SESSION_KINDS = {"FP1", "FP2", "FP3", "Q", "R", "Test"};

    @Test
    void printFigures() {
        run();
    }

    public static void main(String[] args) {
        run();
    }

    private static void run() {
        FolderTree folders = new FolderTree();
        for (int top = 0; top < 10; top++) {
            folders.put(folder("f" + top, "", "Folder " + top));
            for (int sub = 0; sub < 5; sub++) {
                folders.put(folder("f" + top + "/" + sub, "f" + top, "Sub " + sub));
            }
        }
        List<SessionState> sessions = generate(new Random(42));
        long heapBefore = usedHeap();
        SessionCatalog catalog = new SessionCatalog(folders);
        long start = System.nanoTime();
        sessions.forEach(catalog::put);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("loaded {} sessions in {} s: {} puts/s; catalog indexes take about {} MB of heap beyond the sessions",
                SESSIONS, fmt(seconds), fmt(SESSIONS / seconds), (usedHeap() - heapBefore) >> 20);

        SessionSort byRun = SessionSort.parse(List.of("details.Run:desc"));
        SessionSort byDriverThenTime = SessionSort.parse(List.of("details.Driver:asc", "timestamp:asc"));
        SessionQuery contains = SessionQuery.parse("{\"identifier\": {\"$contains\": \"-sai run 4\"}}");
        SessionQuery atlas = SessionQuery.parse("{\"identifier\": {\"$contains\": \"-2021\"},"
                + " \"details.Driver\": {\"$in\": [\"SAI\", \"RIC\"]}, \"details.Wet\": false}");
        SessionQuery rare = SessionQuery.parse("{\"details.Run\": 999, \"details.Driver\": \"RAI\"}");

        measure("default page (timestamp desc)", () -> catalog.list(ListRequest.defaults()));
        measure("default page 50 (pageIndex 50)", () -> catalog.list(ListRequest.defaults().withPage(50, 100)));
        measure("sort details.Run:desc", () -> catalog.list(ListRequest.defaults().withSort(byRun)));
        measure("sort details.Driver:asc,timestamp:asc", () -> catalog.list(ListRequest.defaults().withSort(byDriverThenTime)));
        measure("sort timestamp:asc", () -> catalog.list(ListRequest.defaults().withSort(SessionSort.parse(List.of("timestamp:asc")))));
        measure("$contains identifier", () -> catalog.list(ListRequest.defaults().withQuery(contains)));
        measure("$contains + $in + eq (ATLAS-like)", () -> catalog.list(ListRequest.defaults().withQuery(atlas)));
        measure("rare match (full scan)", () -> catalog.list(ListRequest.defaults().withQuery(rare)));
        measure("folder f3 subtree (10%)", () -> catalog.list(ListRequest.defaults().withFolder("f3")));
        measure("folder f3/2 (2%)", () -> catalog.list(ListRequest.defaults().withFolder("f3/2")));
        measure("folder f3 + sort details.Run", () -> catalog.list(ListRequest.defaults().withFolder("f3").withSort(byRun)));
        measure("metamodel whole tree", () -> catalog.metamodel(null, List.of()));
        measure("metamodel folder f3", () -> catalog.metamodel("f3", List.of()));
        measure("metamodel + extDetails.Setup", () -> catalog.metamodel(null, List.of("extDetails.Setup")));
        measure("properties ?query=r", () -> catalog.properties("r", null));
        measureConcurrentIngest(catalog, sessions);
    }

    /** Read latency while another thread rewrites sessions in batches at about the target ingest rate. */
    private static void measureConcurrentIngest(SessionCatalog catalog, List<SessionState> sessions) {
        java.util.concurrent.atomic.AtomicLong puts = new java.util.concurrent.atomic.AtomicLong();
        Thread writer = new Thread(() -> {
            int i = 0;
            while (!Thread.currentThread().isInterrupted()) {
                java.util.Map<String, SessionState> batch = new java.util.LinkedHashMap<>();
                for (int n = 0; n < INGEST_BATCH; n++) {
                    SessionState session = sessions.get(i++ % sessions.size());
                    batch.put(session.getIdentity(), session);
                }
                catalog.applyAll(batch);
                puts.addAndGet(INGEST_BATCH);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L * INGEST_BATCH / INGEST_RATE);
            }
        }, "bench-writer");
        long start = System.nanoTime();
        writer.start();
        try {
            measure("default page during ingest", () -> catalog.list(ListRequest.defaults()));
            measure("sort details.Run during ingest", () -> catalog.list(
                    ListRequest.defaults().withSort(SessionSort.parse(List.of("details.Run:desc")))));
            measure("$contains identifier during ingest", () -> catalog.list(ListRequest.defaults()
                    .withQuery(SessionQuery.parse("{\"identifier\": {\"$contains\": \"-sai run 4\"}}"))));
        } finally {
            writer.interrupt();
        }
        LOG.info("the writer thread meanwhile put {} sessions/s", fmt(puts.get() / ((System.nanoTime() - start) / 1e9)));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void measure(String name, Supplier<?> call) {
        if (!name.contains(System.getProperty("bench.only", ""))) {
            return;
        }
        for (int i = 0; i < RUNS / 3; i++) {
            call.get();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Object last = call.get();
        int results = last instanceof List<?> list ? list.size() : last instanceof com.fasterxml.jackson.databind.JsonNode node ? node.size() : -1;
        LOG.info(String.format(Locale.ROOT, "%-40s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%d results)", name,
                nanos[RUNS / 2] / 1e6, nanos[RUNS * 99 / 100] / 1e6, nanos[RUNS - 1] / 1e6, results));
    }

    /** 100,000 sessions as the figures use them (shared with {@code SessionCatalogSnapshotCostTest}). */
    static List<SessionState> generate(Random random) {
        List<SessionState> sessions = new ArrayList<>(SESSIONS);
        long base = 1_600_000_000L;
        for (int i = 0; i < SESSIONS; i++) {
            long epochSecond = base + (long) (random.nextDouble() * 63_000_000L);
            String offset = OFFSETS[random.nextInt(OFFSETS.length)];
            String timestamp = java.time.Instant.ofEpochSecond(epochSecond)
                    .atOffset(offset.equals("Z") ? java.time.ZoneOffset.UTC : java.time.ZoneOffset.of(offset))
                    .toString();
            String driver = DRIVERS[random.nextInt(DRIVERS.length)];
            long run = random.nextInt(1000);
            Sessions s = session(String.format(Locale.ROOT, "%08x-%04x", random.nextInt(), i))
                    .timestamp(timestamp)
                    .identifier("Turbo-" + timestamp.substring(0, 10).replace("-", "") + "-" + driver + " run " + run)
                    .timeRange(epochSecond * 1_000_000_000L, (epochSecond + 3600) * 1_000_000_000L)
                    .type(random.nextBoolean() ? "Stream" : "Model")
                    .quality(random.nextDouble())
                    .folders("f" + random.nextInt(10) + "/" + random.nextInt(5))
                    .detail("Driver", driver)
                    .detail("Run", run)
                    .detail("Track", "Track " + random.nextInt(30))
                    .detail("AirTemp", 10 + random.nextDouble() * 25)
                    .detail("Wet", random.nextInt(5) == 0)
                    .detail("Engineer", "Engineer " + random.nextInt(50))
                    .detail("Lap", (long) random.nextInt(70))
                    .detail("Fuel", random.nextDouble() * 110)
                    .detail("Session", SESSION_KINDS[random.nextInt(SESSION_KINDS.length)])
                    .detail("Car", (long) (1 + random.nextInt(2)))
                    .extDetail("Setup", "RideHeightFront", (long) (25 + random.nextInt(15)));
            sessions.add(s.build());
        }
        // one session in ten is the parent of the next one, which is then hidden from lists
        for (int i = 0; i + 1 < SESSIONS; i += 10) {
            sessions.get(i).setChildren(List.of(sessions.get(i + 1).getIdentity()));
        }
        return sessions;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
