package io.rta.data.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Holds a reading thread until the call can take another message, or aborts the read when the call is cancelled or
 * the client took nothing for the idle timeout (a client that opens a read and never reads must not hold a store
 * iterator and a thread for ever).
 */
final class ReadyGate {

    /** Stops a read whose client went away. */
    static final class CancelledException extends IOException {
        CancelledException() {
            super("the client cancelled the read");
        }
    }

    /** Stops a read whose client took nothing for the idle timeout. */
    static final class IdleException extends IOException {
        IdleException(String message) {
            super(message);
        }
    }

    private static final long RECHECK_MILLIS = 100;

    private final ServerCallStreamObserver<?> call;
    private final Duration idleTimeout;
    private boolean cancelled;

    ReadyGate(ServerCallStreamObserver<?> call, Duration idleTimeout) {
        this.call = call;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Returns once the call can take a message.
     *
     * @throws CancelledException when the client cancelled the call
     * @throws IdleException when the call could take nothing for the idle timeout
     */
    synchronized void awaitReady() throws IOException {
        long deadline = System.nanoTime() + idleTimeout.toNanos();
        try {
            while (!cancelled && !call.isReady()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IdleException("the client took nothing for " + idleTimeout.toMillis()
                            + " ms (IdleReadTimeout): the read was ended");
                }
                // the timed wait also covers a ready signal that raced with the isReady check
                wait(Math.max(1, Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send");
        }
        if (cancelled) {
            throw new CancelledException();
        }
    }

    synchronized void ready() {
        notifyAll();
    }

    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }
}
