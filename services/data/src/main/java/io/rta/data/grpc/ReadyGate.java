package io.rta.data.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;

/** Holds a reading thread until the call can take another message, or aborts the read when the call is cancelled. */
final class ReadyGate {

    /** Stops a read whose client went away. */
    static final class CancelledException extends IOException {
        CancelledException() {
            super("the client cancelled the read");
        }
    }

    private static final long RECHECK_MILLIS = 100;

    private final ServerCallStreamObserver<?> call;
    private boolean cancelled;

    ReadyGate(ServerCallStreamObserver<?> call) {
        this.call = call;
    }

    synchronized void awaitReady() throws IOException {
        try {
            while (!cancelled && !call.isReady()) {
                // the timed wait also covers a ready signal that raced with the isReady check
                wait(RECHECK_MILLIS);
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
