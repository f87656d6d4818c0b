package io.rta.stream.ws;

import com.codahale.metrics.health.HealthCheck;
import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveData;
import io.rta.stream.live.LiveListener;
import io.rta.stream.live.LiveSource;
import io.rta.stream.live.NotStreamableException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for the Kafka and Redis sources (tested on their own): the test decides what each session's listeners
 * hear live and what back-fill holds, and sees each connection attach, ask for back-fill and detach.
 */
final class TestLiveSource implements LiveSource {

    private final Map<String, TestSession> sessions = new ConcurrentHashMap<>();

    /** Makes {@code identity} streamable with this session JSON. */
    void open(String identity, String json) {
        sessions.put(identity, new TestSession(json, null));
    }

    /** Like {@link #open}, but attaching also reports a time range at once, as a busy source would. */
    void openBusy(String identity, String json, long start, long end) {
        sessions.put(identity, new TestSession(json, new long[] {start, end}));
    }

    /** Adds an item to what back-fill serves (not sent live). */
    void retain(String identity, LiveData item) {
        session(identity).retained.add(item);
    }

    void publish(String identity, LiveData item) {
        session(identity).listeners.forEach(listener -> listener.data(item));
    }

    void timeRange(String identity, long start, long end) {
        session(identity).listeners.forEach(listener -> listener.timeRange(start, end));
    }

    /** Closes the session the way a source does: its final JSON, then the end. */
    void close(String identity, String finalJson, String reason) {
        TestSession session = sessions.remove(identity);
        session.listeners.forEach(listener -> {
            listener.session(finalJson);
            listener.end(reason);
        });
    }

    int listeners(String identity) {
        return session(identity).listeners.size();
    }

    /** Holds every back-fill of the session at its first item until {@code gate} opens (a slow source). */
    void gateBackfills(String identity, java.util.concurrent.CountDownLatch gate) {
        session(identity).gate = gate;
    }

    /** What each back-fill request of the session wanted, in order. */
    List<Predicate<LiveData>> backfillRequests(String identity) {
        return session(identity).backfills;
    }

    private TestSession session(String identity) {
        TestSession session = sessions.get(identity);
        if (session == null) {
            throw new IllegalStateException("the test opened no session " + identity);
        }
        return session;
    }

    @Override
    public LiveAttachment attach(String identity, LiveListener listener) throws NotStreamableException {
        TestSession session = sessions.get(identity);
        if (session == null) {
            throw new NotStreamableException("session " + identity + " is not open");
        }
        session.listeners.add(listener);
        listener.session(session.json);
        if (session.rangeOnAttach != null) {
            listener.timeRange(session.rangeOnAttach[0], session.rangeOnAttach[1]);
        }
        return new LiveAttachment() {
            @Override
            public Backfill backfill(Predicate<LiveData> wanted) {
                session.backfills.add(wanted);
                Iterator<LiveData> items = session.retained.stream().filter(wanted).iterator();
                java.util.concurrent.CountDownLatch gate = session.gate;
                return () -> {
                    if (gate != null) {
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return items.hasNext() ? items.next() : null;
                };
            }

            @Override
            public void close() {
                session.listeners.remove(listener);
            }
        };
    }

    @Override
    public HealthCheck.Result health() {
        return HealthCheck.Result.healthy();
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void close() {
    }

    private static final class TestSession {
        final String json;
        final long[] rangeOnAttach;
        final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
        final List<LiveData> retained = new CopyOnWriteArrayList<>();
        final List<Predicate<LiveData>> backfills = new CopyOnWriteArrayList<>();
        volatile java.util.concurrent.CountDownLatch gate;

        TestSession(String json, long[] rangeOnAttach) {
            this.json = json;
            this.rangeOnAttach = rangeOnAttach;
        }
    }
}
