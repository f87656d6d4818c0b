package io.rta.stream.kafka;

import io.rta.events.SessionState;
import io.rta.service.view.SessionChangeListener;
import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveData;
import io.rta.stream.live.LiveListener;
import io.rta.stream.live.NotStreamableException;
import io.rta.topology.session.SessionStates;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions clients follow, keyed by identity. Attaching, detaching and session changes serialise on this object:
 * an attach reads the catalog and registers in one step, and a change is applied after the catalog holds it, so a
 * session cannot close unnoticed between a client's check and its registration. Data and ticks only look sessions up.
 */
final class LiveSessions implements SessionChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSessions.class);

    private final Function<String, Optional<SessionState>> catalog;
    private final LiveRetention retention;
    private final Map<String, LiveSession> followed = new ConcurrentHashMap<>();
    private String stopped;

    /** @param catalog the session view: identity -> current state */
    LiveSessions(Function<String, Optional<SessionState>> catalog, LiveRetention retention) {
        this.catalog = catalog;
        this.retention = retention;
    }

    synchronized LiveAttachment attach(String identity, LiveListener listener) throws NotStreamableException {
        if (stopped != null) {
            throw new NotStreamableException(stopped);
        }
        LiveSession session = followed.get(identity);
        if (session != null && !session.attach(listener)) {
            // its last client left a moment ago and it retired: follow the session afresh
            followed.remove(identity, session);
            session = null;
        }
        if (session == null) {
            SessionState state = catalog.apply(identity)
                    .orElseThrow(() -> new NotStreamableException("session not found"));
            if (state.getState() != SessionStates.OPEN) {
                throw new NotStreamableException("session is " + SessionStates.name(state.getState())
                        + ", not open");
            }
            session = new LiveSession(state);
            followed.put(identity, session);
            session.seed(retention.snapshot(identity));
            session.attach(listener);
        }
        return new Attachment(session, listener);
    }

    /**
     * Takes only the session's lock (never this object's): a detach may run on a thread that is inside a delivery of
     * this session, while an attach holds this object's lock and waits for the session's.
     */
    private void detach(LiveSession session, LiveListener listener) {
        if (session.detach(listener)) {
            followed.remove(session.identity(), session);
        }
    }

    @Override
    public synchronized void changed(Map<String, SessionState> changes) {
        changes.forEach((identity, state) -> {
            LiveSession session = followed.get(identity);
            if (session == null) {
                return;
            }
            try {
                if (state == null) {
                    session.end("session deleted");
                    followed.remove(identity, session);
                } else if (session.changed(state)) {
                    followed.remove(identity, session);
                }
            } catch (RuntimeException e) {
                // one session that cannot be rendered must not keep the rest of the batch from its clients
                LOG.error("Live session {} could not take its change: {}", identity, e.toString(), e);
            }
        });
    }

    /** Fans the items of one record out to the session's clients, if any. */
    void data(String identity, List<TelemetryItem> items) {
        data(identity, RecordItems.decoded(items));
    }

    /** Fans one record out to the session's clients, if any: a record nobody follows is not decoded here. */
    void data(String identity, RecordItems items) {
        LiveSession session = followed.get(identity);
        if (session != null) {
            session.data(items.items());
        }
    }

    /** Pushes every time range that moved. */
    void tick() {
        followed.values().forEach(LiveSession::tick);
    }

    /** Ends every session and refuses new clients: the source stops. */
    synchronized void endAll(String reason) {
        stopped = reason;
        for (Iterator<LiveSession> it = followed.values().iterator(); it.hasNext(); ) {
            it.next().end(reason);
            it.remove();
        }
    }

    /** How many sessions have clients. */
    int followed() {
        return followed.size();
    }

    private final class Attachment implements LiveAttachment {
        private final LiveSession session;
        private final LiveListener listener;

        Attachment(LiveSession session, LiveListener listener) {
            this.session = session;
            this.listener = listener;
        }

        @Override
        public Backfill backfill(Predicate<LiveData> wanted) {
            Iterator<TelemetryItem> items = retention.snapshot(session.identity()).iterator();
            return () -> {
                while (items.hasNext()) {
                    LiveData item = items.next().data();
                    if (wanted.test(item)) {
                        return item;
                    }
                }
                return null;
            };
        }

        @Override
        public void close() {
            detach(session, listener);
        }
    }
}
