package io.rta.stream.redis;

import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveData;
import io.rta.stream.live.LiveListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One listener following one session. It is registered with its stream's reader <em>before</em> the session JSON it
 * opens with is read, so nothing published in between is missed; until {@link #open} the reader's calls are held
 * back, which keeps the contract that the listener hears {@code session(json)} first. After {@code end} or
 * {@link #close} the listener hears nothing more.
 *
 * <p>Calls come from the attaching thread (open) and the stream's reader thread; each is made under this object's
 * lock, so the listener sees them one at a time and in order.
 */
final class RedisAttachment implements LiveAttachment {

    private final LiveListener listener;
    private final Function<Predicate<LiveData>, Backfill> backfills;
    private final Consumer<RedisAttachment> detach;
    private List<Consumer<LiveListener>> held = new ArrayList<>();
    private boolean finished;
    private boolean closed;

    RedisAttachment(LiveListener listener, Function<Predicate<LiveData>, Backfill> backfills,
                    Consumer<RedisAttachment> detach) {
        this.listener = listener;
        this.backfills = backfills;
        this.detach = detach;
    }

    /** Delivers the opening session JSON and time range, then whatever the reader sent meanwhile. */
    synchronized void open(String json, TimeRange range) {
        listener.session(json);
        if (range != null) {
            listener.timeRange(range.start(), range.end());
        }
        for (Consumer<LiveListener> call : held) {
            call.accept(listener);
        }
        held = null;
    }

    void session(String json) {
        deliver(listener -> listener.session(json));
    }

    void timeRange(TimeRange range) {
        deliver(listener -> listener.timeRange(range.start(), range.end()));
    }

    void data(LiveData item) {
        deliver(listener -> listener.data(item));
    }

    /** The session stopped being streamable; the first call wins and nothing follows it. */
    synchronized void end(String reason) {
        deliver(listener -> listener.end(reason));
        finished = true;
    }

    private synchronized void deliver(Consumer<LiveListener> call) {
        if (finished) {
            return;
        }
        if (held != null) {
            held.add(call);
        } else {
            call.accept(listener);
        }
    }

    @Override
    public Backfill backfill(Predicate<LiveData> wanted) {
        return backfills.apply(wanted);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            finished = true;
        }
        detach.accept(this);
    }
}
