package io.rta.service.edge;

import io.rta.service.config.EdgeLimits;
import io.rta.topology.limits.InputLimits;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read slots that REST and gRPC share: at most {@code MaxConcurrentReads} reads run at once, up to
 * {@code MaxQueuedReads} more wait (in arrival order, without holding a thread), and any beyond that are refused at
 * once. A read holds its slot until its answer is complete, so a long streamed answer holds it for the whole transfer.
 * Thread-safe; nothing here blocks.
 */
public final class ReadLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ReadLimiter.class);

    /** Where an admitted read stands. */
    public enum State { RUNNING, QUEUED, REFUSED }

    /** One read's place. */
    public interface Ticket {
        /** How the read was admitted (a queued read runs later, when its {@code startLater} is called). */
        State admittedAs();

        /** The read is over: frees its slot (the next waiting read starts) or leaves the queue. Idempotent. */
        void release();

        /** The client gave up: true if the read was still waiting (it leaves the queue and will not start). */
        boolean withdraw();
    }

    private final int maxConcurrent;
    private final int maxQueued;
    private final Object lock = new Object();
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final AtomicLong refused = new AtomicLong();
    private int running;

    public ReadLimiter(int maxConcurrent, int maxQueued) {
        if (maxConcurrent < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("at least one read slot and no negative queue: " + maxConcurrent
                    + ", " + maxQueued);
        }
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
    }

    public static ReadLimiter of(EdgeLimits limits) {
        return new ReadLimiter(limits.maxConcurrentReads(), limits.maxQueuedReads());
    }

    /**
     * Asks for a slot. {@link State#RUNNING}: the caller goes on now. {@link State#QUEUED}: {@code startLater} gets
     * the ticket when a slot frees up, on the thread that freed it (so it should hand the work on rather than do it).
     * {@link State#REFUSED}: answer {@link #refusal()}. Either way, {@link Ticket#release()} when the read is over.
     */
    public Ticket admit(Consumer<Ticket> startLater) {
        Entry entry = new Entry(startLater);
        synchronized (lock) {
            if (running < maxConcurrent) {
                running++;
                entry.admittedAs = State.RUNNING;
            } else if (waiting.size() < maxQueued) {
                waiting.add(entry);
                entry.queued = true;
                entry.admittedAs = State.QUEUED;
            } else {
                entry.admittedAs = State.REFUSED;
                entry.released = true;
            }
        }
        if (entry.admittedAs == State.REFUSED) {
            refused.incrementAndGet();
        }
        return entry;
    }

    /** The message of a refused read: the limits and their options, in the wording every limit uses. */
    public String refusal() {
        return InputLimits.exceeded("reads waiting for one of the " + maxConcurrent + " read slots ("
                + EdgeLimits.MAX_CONCURRENT_READS + ")", maxQueued + 1L, maxQueued, EdgeLimits.MAX_QUEUED_READS)
                + "; retry shortly";
    }

    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    public int queued() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Reads refused since start. */
    public long refused() {
        return refused.get();
    }

    private final class Entry implements Ticket {

        private final Consumer<Ticket> startLater;
        private State admittedAs;
        /** In the waiting queue (all fields guarded by the lock). */
        private boolean queued;
        private boolean released;

        Entry(Consumer<Ticket> startLater) {
            this.startLater = startLater;
        }

        @Override
        public State admittedAs() {
            synchronized (lock) {
                return admittedAs;
            }
        }

        @Override
        public boolean withdraw() {
            synchronized (lock) {
                if (released || !queued) {
                    return false;
                }
                waiting.remove(this);
                queued = false;
                released = true;
                return true;
            }
        }

        @Override
        public void release() {
            Entry next;
            synchronized (lock) {
                if (released) {
                    return;
                }
                released = true;
                if (queued) {
                    waiting.remove(this);
                    queued = false;
                    return;
                }
                next = waiting.poll();
                if (next == null) {
                    running--;
                    return;
                }
                next.queued = false;
            }
            next.start();
        }

        private void start() {
            try {
                startLater.accept(this);
            } catch (RuntimeException e) {
                LOG.error("A waiting read could not be started; its slot goes to the next", e);
                release();
            }
        }
    }
}
