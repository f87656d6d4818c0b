package io.rta.stream.ws;

import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveData;
import io.rta.stream.protocol.Widening;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The back-fill of widenings the sender has not started yet. Later widenings merge into it ({@link #merge}) until the
 * sender pulls it, so a connection has at most one back-fill waiting however many requests its client sends, and one
 * source snapshot serves them all. The snapshot is taken when the sender first pulls ({@link #next}): after every
 * widening it covers already applies to live items, so back-fill and live together still leave no gap.
 */
final class CoalescedBackfill implements Backfill {

    private final Function<Predicate<LiveData>, Backfill> source;
    private Widening widening;
    private Backfill opened;
    private boolean closed;

    /** @param source opens the source's back-fill of what a widening added ({@code LiveAttachment::backfill}) */
    CoalescedBackfill(Widening widening, Function<Predicate<LiveData>, Backfill> source) {
        this.widening = widening;
        this.source = source;
    }

    /** Takes a later widening in; false once the back-fill has started (or closed): the caller queues a new one. */
    synchronized boolean merge(Widening later) {
        if (opened != null || closed) {
            return false;
        }
        widening = widening.then(later);
        return true;
    }

    @Override
    public LiveData next() {
        Backfill current;
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (opened == null) {
                opened = source.apply(widening);
            }
            current = opened;
        }
        return current.next();
    }

    @Override
    public void close() {
        Backfill current;
        synchronized (this) {
            closed = true;
            current = opened;
        }
        if (current != null) {
            current.close();
        }
    }
}
