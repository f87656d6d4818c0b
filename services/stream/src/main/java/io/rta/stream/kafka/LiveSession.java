package io.rta.stream.kafka;

import io.rta.events.SessionState;
import io.rta.events.TimeRange;
import io.rta.stream.live.LiveListener;
import io.rta.topology.session.SessionStates;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session followed by at least one client: its listeners, current JSON and time range. Every call to a listener
 * happens under this object's lock, so each listener sees {@code session} first, {@code end} last, and a JSON update
 * cannot slip between a new listener's first JSON and its registration.
 *
 * <p>Time range: start = min(session JSON start, first data seen), end = max(session JSON end, last data seen); data
 * seen before the first client attached counts through the retained items the session is seeded with.
 */
final class LiveSession {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    private final String identity;
    /** Copy-on-write: a listener may detach (or be dropped) while a delivery walks the list. */
    private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
    private String json;
    private TimeRange jsonRange;
    private long dataStart = Long.MAX_VALUE;
    private long dataEnd = Long.MIN_VALUE;
    private Range sent;
    private boolean ended;

    LiveSession(SessionState state) {
        this.identity = state.getIdentity();
        this.json = StreamSessionJson.render(state);
        this.jsonRange = state.getTimeRange();
        this.sent = range();
    }

    /** Adds a listener after giving it the session JSON and current time range; false once the session ended. */
    synchronized boolean attach(LiveListener listener) {
        if (ended) {
            return false;
        }
        listener.session(json);
        Range current = range();
        if (current != null) {
            listener.timeRange(current.start, current.end);
        }
        listeners.add(listener);
        return true;
    }

    /**
     * Removes a listener; true when none is left, and then the session is retired: a later {@link #attach} fails,
     * so the caller follows the session afresh instead of joining one that is no longer fanned out to.
     */
    synchronized boolean detach(LiveListener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty()) {
            ended = true;
            return true;
        }
        return false;
    }

    /** Counts data seen before this object existed towards the time range. */
    synchronized void seed(Collection<TelemetryItem> items) {
        items.forEach(this::extend);
    }

    synchronized void data(List<TelemetryItem> items) {
        if (ended) {
            return;
        }
        for (TelemetryItem item : items) {
            extend(item);
            deliver(listener -> listener.data(item.data()));
        }
    }

    /**
     * A new state from the session view: an update while open; once it left OPEN, its final JSON and the end.
     *
     * @return true when the session ended
     */
    synchronized boolean changed(SessionState state) {
        if (ended) {
            return true;
        }
        String next = StreamSessionJson.render(state);
        jsonRange = state.getTimeRange();
        if (!next.equals(json)) {
            json = next;
            deliver(listener -> listener.session(next));
        }
        if (state.getState() != SessionStates.OPEN) {
            end("session closed");
        }
        return ended;
    }

    /** Pushes the time range when it moved since the last push. */
    synchronized void tick() {
        Range current = range();
        if (ended || current == null || current.equals(sent)) {
            return;
        }
        sent = current;
        deliver(listener -> listener.timeRange(current.start, current.end));
    }

    synchronized void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        deliver(listener -> listener.end(reason));
        listeners.clear();
    }

    String identity() {
        return identity;
    }

    private void extend(TelemetryItem item) {
        dataStart = Math.min(dataStart, item.startTime());
        dataEnd = Math.max(dataEnd, item.endTime());
    }

    private Range range() {
        boolean data = dataStart <= dataEnd;
        if (jsonRange == null && !data) {
            return null;
        }
        if (jsonRange == null) {
            return new Range(dataStart, dataEnd);
        }
        if (!data) {
            return new Range(jsonRange.getStartTime(), jsonRange.getEndTime());
        }
        return new Range(Math.min(jsonRange.getStartTime(), dataStart), Math.max(jsonRange.getEndTime(), dataEnd));
    }

    /** A listener that throws is a bug in it: it is dropped so the others (and the source) carry on. */
    private void deliver(Consumer<LiveListener> call) {
        for (LiveListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("Dropped a live listener of session {} that failed: {}", identity, e.toString(), e);
                listeners.remove(listener);
            }
        }
    }

    private record Range(long start, long end) {
    }
}
