package io.rta.stream.ws;

import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveData;
import io.rta.stream.protocol.BurstPacker;
import io.rta.stream.protocol.Widening;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's outbound side: a queue of burst entries and an actor that sends them. Sources only queue (from their
 * own threads, never blocking); at most one drain runs at a time, on a shared executor, and at most one burst is in
 * flight, so the next burst starts the moment the previous one left: whatever queued meanwhile goes together, which
 * batches under load without adding latency when idle.
 *
 * <p>A burst is: queued entries in order, then back-fill to fill the rest, then the latest time range (older ones are
 * superseded, not queued). A back-fill item that did not fit leads the next burst, so live traffic cannot starve
 * back-fill. At most one back-fill waits to start: widenings that arrive meanwhile merge into it
 * ({@link CoalescedBackfill}). The very first burst carries only the session JSON, as the protocol requires. A client
 * whose queued and in-flight bytes pass the limit is closed (1008) and its queue dropped: one slow client must cost
 * neither the source nor the other clients anything.
 *
 * <p>Detaching from the source happens on the executor and back-fill cursors are closed by the drain: never inside a
 * source's listener call.
 */
final class ClientSender {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSender.class);
    /** A close frame's reason holds 123 bytes of UTF-8 (125 less the status code). */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final Session session;
    private final Executor executor;
    private final BurstPacker packer;
    private final long limitBytes;
    private final StreamMetrics metrics;
    private final Runnable detachFromSource;

    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<byte[]> timeRange = new AtomicReference<>();
    private final Queue<Backfill> backfills = new ConcurrentLinkedQueue<>();
    /** The back-fill not started yet, which widenings merge into; guarded by {@code backfills}'s monitor. */
    private CoalescedBackfill pendingBackfill;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean started;
    private volatile String endReason;

    // Touched by the drain only (one at a time; the executor hand-off orders successive drains).
    private boolean sessionJsonSent;
    private LiveData heldBackfill;

    ClientSender(Session session, Executor executor, StreamSettings settings, StreamMetrics metrics,
                 Runnable detachFromSource) {
        this.session = session;
        this.executor = executor;
        this.packer = new BurstPacker(settings.burstTargetBytes());
        this.limitBytes = settings.clientBufferBytes();
        this.metrics = metrics;
        this.detachFromSource = detachFromSource;
    }

    /** Bytes queued or in flight to the client, not yet written to its socket. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    /** Starts sending what was queued so far (the session JSON queued while attaching) and all that follows. */
    void start() {
        started = true;
        wake();
    }

    /** Queues an entry, or closes the client with 1008 if it would then have more pending than its limit. */
    void enqueue(byte[] entry) {
        if (closing.get() || endReason != null) {
            return;
        }
        long pending = pendingBytes.addAndGet(entry.length);
        if (pending > limitBytes) {
            if (close(StatusCode.POLICY_VIOLATION,
                    "client cannot keep up: " + pending + " bytes pending (limit " + limitBytes + ")")) {
                metrics.slowClientClosed();
            }
            return;
        }
        queue.add(entry);
        wake();
    }

    /** Sets the time range entry of the next burst, replacing one not yet sent. */
    void timeRange(byte[] entry) {
        if (closing.get() || endReason != null) {
            return;
        }
        timeRange.set(entry);
        wake();
    }

    /**
     * Back-fills what a widening added, pulled into bursts after live entries; closed when done or when the client
     * goes. A widening that arrives while an earlier one's back-fill has not started joins it instead of queueing
     * its own, so at most one back-fill waits (and at most one more runs) per connection.
     *
     * @param source opens the source's back-fill of what widenings added (its snapshot is taken when pulled)
     */
    void widen(Widening widening, Function<Predicate<LiveData>, Backfill> source) {
        synchronized (backfills) {
            if (pendingBackfill != null && pendingBackfill.merge(widening)) {
                metrics.wideningCoalesced();
                return;
            }
            pendingBackfill = new CoalescedBackfill(widening, source);
            backfills.add(pendingBackfill);
        }
        wake();
    }

    /** Sends what is queued, then closes normally with {@code reason}; pending back-fill is dropped. */
    void end(String reason) {
        endReason = reason;
        wake();
    }

    /**
     * Closes the connection with {@code code} and drops everything pending.
     *
     * @return whether this call closed it (false when it was already closing)
     */
    boolean close(int code, String reason) {
        if (!terminate()) {
            return false;
        }
        session.close(code, fitCloseReason(reason), Callback.NOOP);
        return true;
    }

    /**
     * Stops sending without a close handshake of our own (the connection is already closed): drops the queue,
     * detaches from the source and releases back-fill.
     *
     * @return whether this call stopped it
     */
    boolean terminate() {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        queue.clear();
        timeRange.set(null);
        detachSoon();
        wake();
        return true;
    }

    /**
     * Detaches on the executor rather than in the caller, which may be a source delivering to this listener; and not
     * on the drain, which waits for the burst in flight (for as long as the idle timeout if the client stopped reading).
     */
    private void detachSoon() {
        try {
            executor.execute(this::detachQuietly);
        } catch (RejectedExecutionException e) {
            detachQuietly(); // the server is stopping
        }
    }

    private void detachQuietly() {
        try {
            detachFromSource.run();
        } catch (RuntimeException e) {
            LOG.warn("Detaching {} from the live source failed", session.getRemoteSocketAddress(), e);
        }
    }

    boolean isClosing() {
        return closing.get();
    }

    private void wake() {
        if ((started || closing.get()) && running.compareAndSet(false, true)) {
            submit();
        }
    }

    /** Runs a drain; the caller holds {@code running}. */
    private void submit() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The server is stopping: nobody will drain any more, so release here while still holding the turn.
            closing.set(true);
            queue.clear();
            detachQuietly();
            release();
            running.set(false);
        }
    }

    private void drain() {
        try {
            drainOnce();
        } catch (RuntimeException e) {
            LOG.warn("Streaming to {} failed", session.getRemoteSocketAddress(), e);
            close(StatusCode.SERVER_ERROR, "the server failed: " + e);
            release();
            running.set(false);
        }
    }

    private void drainOnce() {
        if (closing.get()) {
            release();
            running.set(false);
            if (!backfills.isEmpty()) {
                wake();
            }
            return;
        }
        int counted = fill();
        if (!packer.isEmpty()) {
            send(counted);
            return;
        }
        running.set(false);
        String reason = endReason;
        if (reason != null) {
            close(StatusCode.NORMAL, reason);
        } else if (!queue.isEmpty() || timeRange.get() != null || !backfills.isEmpty()) {
            wake();
        }
    }

    /** Packs the next burst; returns the bytes of it that count against the client's limit. */
    private int fill() {
        if (!sessionJsonSent) {
            // Attaching queues the session JSON before anything else, so it is the head; it goes alone.
            byte[] json = queue.poll();
            if (json == null) {
                return 0;
            }
            packer.add(json);
            sessionJsonSent = true;
            return json.length;
        }
        boolean backfilling = endReason == null;
        int backfilled = 0;
        if (backfilling && heldBackfill != null) {
            // It did not fit behind the live entries last time: it leads this burst, so it cannot starve.
            backfilled += packHeldBackfill();
        }
        int live = 0;
        for (byte[] next = queue.peek(); next != null && !packer.isFull() && packer.fits(next.length);
             next = queue.peek()) {
            byte[] entry = queue.poll();
            if (entry == null) {
                break;
            }
            packer.add(entry);
            live += entry.length;
        }
        if (backfilling) {
            backfilled += fillFromBackfill();
        }
        pendingBytes.addAndGet(backfilled);
        byte[] range = timeRange.getAndSet(null);
        if (range != null) {
            // Last and regardless of the target: a few bytes that must not keep an oversize entry from going alone.
            packer.add(range);
        }
        return live + backfilled;
    }

    private int fillFromBackfill() {
        int added = 0;
        while (!packer.isFull()) {
            if (heldBackfill == null) {
                Backfill backfill = backfills.peek();
                if (backfill == null) {
                    break;
                }
                heldBackfill = backfill.next();
                if (heldBackfill == null) {
                    backfills.poll().close();
                    continue;
                }
            }
            if (!packer.fits(heldBackfill.size())) {
                break;
            }
            added += packHeldBackfill();
        }
        return added;
    }

    private int packHeldBackfill() {
        int size = heldBackfill.size();
        packer.add(heldBackfill.element());
        heldBackfill = null;
        return size;
    }

    private void send(int counted) {
        byte[] payload = packer.pickle();
        session.sendBinary(ByteBuffer.wrap(payload), Callback.from(() -> {
            pendingBytes.addAndGet(-counted);
            metrics.burstSent(payload.length);
            submit();
        }, failure -> {
            LOG.debug("Sending to {} failed: {}", session.getRemoteSocketAddress(), failure.toString());
            terminate();
            submit();
        }));
    }

    /** Closes back-fill cursors (drain side, after closing). */
    private void release() {
        heldBackfill = null;
        for (Backfill backfill = backfills.poll(); backfill != null; backfill = backfills.poll()) {
            try {
                backfill.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing a back-fill of {} failed", session.getRemoteSocketAddress(), e);
            }
        }
    }

    static String fitCloseReason(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = MAX_CLOSE_REASON_BYTES;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // never cut inside a multi-byte character
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
