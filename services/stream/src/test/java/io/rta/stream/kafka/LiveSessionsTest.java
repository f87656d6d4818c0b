package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.SessionState;
import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveData;
import io.rta.stream.live.NotStreamableException;
import io.rta.topology.session.SessionStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {

    private final Map<String, SessionState> catalog = new HashMap<>();
    private final LiveRetention retention = new LiveRetention(Duration.ofSeconds(30), 1 << 20, () -> 0L);
    private final LiveSessions sessions = new LiveSessions(id -> Optional.ofNullable(catalog.get(id)), retention);

    @Test
    void shouldRefuseUnknownAndNotOpenSessionsWithTheCloseReason() {
        catalog.put("closed", TestSessions.open("closed").setState(SessionStates.CLOSED).build());

        assertThatThrownBy(() -> sessions.attach("missing", new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("session not found");
        assertThatThrownBy(() -> sessions.attach("closed", new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("session is closed, not open");
    }

    @Test
    void shouldGiveTheSessionJsonThenTheTimeRangeFirst() throws Exception {
        SessionState state = TestSessions.open("s", 100, 200);
        catalog.put("s", state);
        RecordingListener listener = new RecordingListener();

        sessions.attach("s", listener);

        assertThat(listener.calls()).containsExactly("session " + StreamSessionJson.render(state), "range 100..200");
    }

    @Test
    void shouldStartTheTimeRangeAtRetainedDataSeenBeforeTheFirstClient() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        retention.add(0, 1, "s", List.of(item(50, 60), item(190, 250)));
        RecordingListener listener = new RecordingListener();

        sessions.attach("s", listener);

        assertThat(listener.calls()).last().isEqualTo("range 50..250");
    }

    @Test
    void shouldDecodeARecordOnlyForASessionWithClients() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        RecordingListener listener = attached("s");
        java.util.concurrent.atomic.AtomicInteger decodes = new java.util.concurrent.atomic.AtomicInteger();
        RecordItems followed = RecordItems.undecoded(new byte[1], bytes -> {
            decodes.incrementAndGet();
            return List.of(item(150, 160));
        });
        RecordItems unfollowed = RecordItems.undecoded(new byte[1], bytes -> {
            throw new AssertionError("a record of a session without clients was decoded");
        });

        sessions.data("s", followed);
        sessions.data("nobody", unfollowed);

        assertThat(listener.calls()).containsExactly("data 160");
        assertThat(decodes).hasValue(1);
        assertThat(unfollowed.isDecoded()).isFalse();
    }

    @Test
    void shouldFanDataOutToEveryClientOfTheSessionOnly() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        catalog.put("other", TestSessions.open("other", 100, 200));
        RecordingListener one = attached("s");
        RecordingListener two = attached("s");
        RecordingListener other = attached("other");

        sessions.data("s", List.of(item(150, 160), item(160, 170)));
        sessions.data("nobody", List.of(item(150, 160)));

        assertThat(one.calls()).containsExactly("data 160", "data 170");
        assertThat(two.calls()).containsExactly("data 160", "data 170");
        assertThat(other.calls()).isEmpty();
    }

    @Test
    void shouldTickTheTimeRangeOnlyWhenItMoved() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        RecordingListener listener = attached("s");

        sessions.tick();
        sessions.data("s", List.of(item(150, 180)));
        sessions.tick();
        assertThat(listener.take()).containsExactly("data 180");

        sessions.data("s", List.of(item(90, 260)));
        sessions.tick();
        sessions.tick();
        assertThat(listener.take()).containsExactly("data 260", "range 90..260");

        sessions.changed(Map.of("s", TestSessions.open("s", 80, 300)));
        listener.take();
        sessions.tick();
        assertThat(listener.take()).containsExactly("range 80..300");
    }

    @Test
    void shouldSendSessionUpdatesOnlyWhenTheJsonChanged() throws Exception {
        SessionState state = TestSessions.open("s", 100, 200);
        catalog.put("s", state);
        RecordingListener listener = attached("s");

        sessions.changed(Map.of("s", state));
        SessionState renamed = TestSessions.open("s").setIdentifier("renamed").build();
        sessions.changed(Map.of("s", renamed));

        assertThat(listener.calls()).containsExactly("session " + StreamSessionJson.render(renamed));
    }

    @Test
    void shouldSendTheFinalJsonThenEndWhenTheSessionCloses() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        RecordingListener listener = attached("s");
        SessionState closed = TestSessions.open("s").setState(SessionStates.CLOSED).build();
        catalog.put("s", closed);

        sessions.changed(Map.of("s", closed));
        sessions.data("s", List.of(item(150, 160)));
        sessions.tick();

        assertThat(listener.calls()).containsExactly("session " + StreamSessionJson.render(closed),
                "end session closed");
        assertThat(sessions.followed()).isZero();
        assertThatThrownBy(() -> sessions.attach("s", new RecordingListener()))
                .isInstanceOf(NotStreamableException.class);
    }

    @Test
    void shouldEndWhenTheSessionIsDeleted() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        RecordingListener listener = attached("s");
        Map<String, SessionState> deleted = new HashMap<>();
        deleted.put("s", null);

        sessions.changed(deleted);

        assertThat(listener.calls()).containsExactly("end session deleted");
        assertThat(sessions.followed()).isZero();
    }

    @Test
    void shouldStopDeliveringToADetachedClientAndForgetTheSessionWithNoneLeft() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        RecordingListener stays = attached("s");
        RecordingListener leaves = new RecordingListener();
        LiveAttachment attachment = sessions.attach("s", leaves);
        leaves.take();

        attachment.close();
        sessions.data("s", List.of(item(150, 160)));

        assertThat(leaves.calls()).isEmpty();
        assertThat(stays.calls()).containsExactly("data 160");
        assertThat(sessions.followed()).isEqualTo(1);
    }

    @Test
    void shouldForgetASessionWhenItsLastClientDetaches() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        LiveAttachment attachment = sessions.attach("s", new RecordingListener());

        attachment.close();

        assertThat(sessions.followed()).isZero();
    }

    @Test
    void shouldBackfillTheRetainedItemsOfTheSessionThatAreWantedInOrder() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        retention.add(0, 1, "s", List.of(item(100, 110), event(115)));
        retention.add(0, 2, "other", List.of(item(100, 111)));
        retention.add(0, 3, "s", List.of(item(120, 130)));
        LiveAttachment attachment = sessions.attach("s", new RecordingListener());

        List<Long> backfilled = new ArrayList<>();
        Backfill backfill = attachment.backfill(item -> !item.event());
        for (LiveData item = backfill.next(); item != null; item = backfill.next()) {
            backfilled.add(item.endTime());
        }

        assertThat(backfilled).containsExactly(110L, 130L);
    }

    @Test
    void shouldEndEveryStreamAndRefuseNewClientsOnceStopped() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        RecordingListener listener = attached("s");

        sessions.endAll("live source stopped");

        assertThat(listener.calls()).containsExactly("end live source stopped");
        assertThatThrownBy(() -> sessions.attach("s", new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("live source stopped");
    }

    @Test
    void shouldDropAListenerThatThrowsAndKeepServingTheOthers() throws Exception {
        catalog.put("s", TestSessions.open("s", 100, 200));
        sessions.attach("s", new RecordingListener() {
            @Override
            public synchronized void data(LiveData item) {
                throw new IllegalStateException("broken client");
            }
        });
        RecordingListener healthy = attached("s");

        sessions.data("s", List.of(item(150, 160)));
        sessions.data("s", List.of(item(160, 170)));

        assertThat(healthy.calls()).containsExactly("data 160", "data 170");
    }

    /** A listener attached to {@code identity}, its first calls (JSON, range) already taken. */
    private RecordingListener attached(String identity) throws NotStreamableException {
        RecordingListener listener = new RecordingListener();
        sessions.attach(identity, listener);
        listener.take();
        return listener;
    }

    private static TelemetryItem item(long start, long end) {
        return new TelemetryItem(start, new LiveData(false, new int[] {1}, end, new byte[8]));
    }

    private static TelemetryItem event(long time) {
        return new TelemetryItem(time, new LiveData(true, new int[0], time, new byte[8]));
    }
}
