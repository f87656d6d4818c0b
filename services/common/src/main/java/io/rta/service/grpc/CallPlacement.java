package io.rta.service.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.KnownLength;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.rta.service.auth.Authenticator;
import io.rta.service.auth.BearerAuthInterceptor;
import io.rta.service.errors.InternalErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a gRPC call's handlers run. The server runs every call on the transport's thread ({@code directExecutor});
 * this interceptor, the outermost, hands each call to the handler pool — as grpc-java's default executor would —
 * unless its service says the call {@link NonBlockingCalls#neverBlocks never blocks} and its bearer token can be
 * checked without asking the identity provider ({@link Authenticator#answersAtOnce}: auth off, or a token verified
 * before). Such a call runs in place while its request messages are small ({@link #IN_PLACE_MAX_BYTES}); a larger
 * one, whose handling takes longer, is handed over with everything after it, so one big request does not hold up the
 * other connections of the transport's thread. On a 2-core virtual machine the hand-over to the pool and back (a
 * thread parked and woken per call) cost more CPU than a session write's handler: running the session writes in place
 * cut the CPU per written session by about a quarter (the README's Performance section has the A/B).
 * <p>
 * A handed-over call's callbacks run on the pool one at a time and in order ({@code newSequentialExecutor}), in the
 * call's {@link Context} (deadline, cancellation), as grpc-java's own executor runs them. A request message is read
 * into memory before it is handed over, because grpc-java releases the transport's buffers once {@code onMessage}
 * returns.
 */
final class CallPlacement implements ServerInterceptor {

    /** The largest request message a call runs in place with; a larger one is handed to the pool. */
    static final int IN_PLACE_MAX_BYTES = 16 * 1024;

    private final Map<String, NonBlockingCalls> nonBlocking;
    private final Authenticator auth;
    private final Executor pool;

    /**
     * @param nonBlocking by service name: the services some of whose calls may run in place
     * @param pool where every other call runs
     */
    CallPlacement(Map<String, NonBlockingCalls> nonBlocking, Authenticator auth, Executor pool) {
        this.nonBlocking = Map.copyOf(nonBlocking);
        this.auth = auth;
        this.pool = pool;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        Placed<Q, A> placed = new Placed<>(call, pool);
        if (runsInPlace(call.getMethodDescriptor(), headers)) {
            placed.listener = next.startCall(call, headers);
        } else {
            placed.handOver();
            placed.run(() -> placed.listener = next.startCall(call, headers));
        }
        return placed;
    }

    private boolean runsInPlace(MethodDescriptor<?, ?> method, Metadata headers) {
        NonBlockingCalls service = nonBlocking.get(method.getServiceName());
        return service != null && service.neverBlocks(method.getFullMethodName())
                && auth.answersAtOnce(headers.get(BearerAuthInterceptor.AUTHORIZATION));
    }

    /**
     * A call's callbacks: run in place (on the transport's thread, which delivers them one at a time) until the call is
     * handed over, then on the pool, in order, in the call's context.
     */
    private static final class Placed<Q, A> extends ServerCall.Listener<Q> {

        private final ServerCall<Q, A> call;
        private final Executor pool;
        private final Context context = Context.current();
        /** Null while the call runs in place; only the transport's thread reads or sets it. */
        private Executor serial;
        /** The handler's listener: set in place, or by the first task handed over (which every later one follows). */
        private ServerCall.Listener<Q> listener = new ServerCall.Listener<>() { };

        Placed(ServerCall<Q, A> call, Executor pool) {
            this.call = call;
            this.pool = pool;
        }

        void handOver() {
            serial = MoreExecutors.newSequentialExecutor(pool);
        }

        @Override
        public void onMessage(Q message) {
            if (serial == null && !isLarge(message)) {
                listener.onMessage(message);
                return;
            }
            if (serial == null) {
                handOver();
            }
            Q held = held(message);
            run(() -> listener.onMessage(held));
        }

        @Override
        public void onHalfClose() {
            dispatch(() -> listener.onHalfClose());
        }

        @Override
        public void onCancel() {
            dispatch(() -> listener.onCancel());
        }

        @Override
        public void onComplete() {
            dispatch(() -> listener.onComplete());
        }

        @Override
        public void onReady() {
            dispatch(() -> listener.onReady());
        }

        private void dispatch(Runnable task) {
            if (serial == null) {
                task.run();
            } else {
                run(task);
            }
        }

        void run(Runnable task) {
            try {
                serial.execute(() -> {
                    Context previous = context.attach();
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        fail(e);
                    } finally {
                        context.detach(previous);
                    }
                });
            } catch (RejectedExecutionException e) {
                close(Status.UNAVAILABLE.withDescription("the server is shutting down"));
            }
        }

        /** A last resort: the guarded handlers turn their own failures into the call's status. */
        private void fail(Throwable error) {
            listener = new ServerCall.Listener<>() { };
            close(Status.INTERNAL.withDescription(InternalErrors.report(
                    call.getMethodDescriptor().getFullMethodName(), error)));
        }

        private void close(Status status) {
            try {
                call.close(status, new Metadata());
            } catch (IllegalStateException alreadyClosed) {
                // the call ended meanwhile
            }
        }

        private static boolean isLarge(Object message) {
            try {
                return message instanceof InputStream stream
                        && (!(stream instanceof KnownLength) || stream.available() > IN_PLACE_MAX_BYTES);
            } catch (IOException e) {
                return true;
            }
        }

        /** The message's bytes copied out of the transport's buffers, which are released once onMessage returns. */
        @SuppressWarnings("unchecked")
        private static <Q> Q held(Q message) {
            if (!(message instanceof InputStream stream)) {
                return message;
            }
            try {
                byte[] bytes = new byte[stream instanceof KnownLength ? stream.available() : 0];
                int read = stream.readNBytes(bytes, 0, bytes.length);
                byte[] rest = stream.readAllBytes();
                if (read < bytes.length || rest.length > 0) {
                    byte[] all = new byte[read + rest.length];
                    System.arraycopy(bytes, 0, all, 0, read);
                    System.arraycopy(rest, 0, all, read, rest.length);
                    bytes = all;
                }
                return (Q) new HeldMessage(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the request message: " + e.getMessage(), e);
            }
        }
    }

    /** A request's bytes, with their length known (so grpc-java's protobuf parser reads them in one piece). */
    static final class HeldMessage extends ByteArrayInputStream implements KnownLength {

        HeldMessage(byte[] bytes) {
            super(bytes);
        }
    }
}
