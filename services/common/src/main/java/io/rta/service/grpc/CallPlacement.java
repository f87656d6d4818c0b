package io.rta.service.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Detachable;
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
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a gRPC call's handlers run. The server runs every call on the transport's thread ({@code directExecutor});
 * this interceptor, the outermost, hands each call to the handler pool — as grpc-java's default executor would —
 * unless its service says the call {@link NonBlockingCalls#neverBlocks never blocks} and its bearer token can be
 * checked without asking the identity provider ({@link Authenticator#answerAtOnce}: auth off, or a token verified
 * before that stays valid 30 s more, whose principal the call then carries to the token check,
 * {@link BearerAuthInterceptor#withKnownCaller}, so the check never verifies it anew on the transport's thread). A
 * handler running in place may still move its work to the pool once it sees its request
 * ({@link NonBlockingCalls#moveOffTransport}). Such a call runs in place while its request messages are small
 * ({@link #IN_PLACE_MAX_BYTES}); a larger one, whose handling takes longer, is handed over with everything after it,
 * so one big request does not hold up the other connections of the transport's thread. On a 2-core virtual machine
 * the hand-over to the pool and back (a thread parked and woken per call) cost more CPU than a session write's
 * handler: running the session writes in place cut the CPU per written session by 18–36% in three A/B pairs (the
 * README's Performance section has them).
 * <p>
 * A handed-over call's callbacks run on the pool one at a time and in order ({@code newSequentialExecutor}), in the
 * call's {@link Context} (deadline, cancellation), as grpc-java's own executor runs them. A handed-over request
 * message keeps its buffers ({@link Detachable}), because grpc-java releases them once {@code onMessage} returns.
 */
final class CallPlacement implements ServerInterceptor {

    /** The largest request message a call runs in place with; a larger one is handed to the pool. */
    static final int IN_PLACE_MAX_BYTES = 16 * 1024;

    /** In the context of a call placed in place: the call, which knows whether it still runs there. */
    private static final Context.Key<Placed<?, ?>> IN_PLACE = Context.key("rta-in-place");

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
        Authenticator.AtOnce auth = inPlace(call.getMethodDescriptor(), headers);
        if (auth != null) {
            Context context = BearerAuthInterceptor.withKnownCaller(Context.current().withValue(IN_PLACE, placed),
                    auth);
            placed.listener = Contexts.interceptCall(context, call, headers, next);
        } else {
            placed.handOver();
            placed.run(() -> placed.listener = next.startCall(call, headers), false);
        }
        return placed;
    }

    /** See {@link NonBlockingCalls#moveOffTransport}. */
    static void moveOffTransport(Runnable task) {
        Placed<?, ?> placed = IN_PLACE.get();
        if (placed == null || placed.serial != null) {
            task.run();
            return;
        }
        Runnable inContext = Context.current().wrap(task);
        try {
            placed.pool.execute(inContext);
        } catch (RejectedExecutionException shuttingDown) {
            inContext.run();
        }
    }

    /**
     * How a call that may run in place has its token checked without the identity provider; null when the call is
     * handed to the pool (its service may block, or checking its token may ask the provider).
     */
    private Authenticator.AtOnce inPlace(MethodDescriptor<?, ?> method, Metadata headers) {
        NonBlockingCalls service = nonBlocking.get(method.getServiceName());
        if (service == null || !service.neverBlocks(method.getFullMethodName())) {
            return null;
        }
        return auth.answerAtOnce(headers.get(BearerAuthInterceptor.AUTHORIZATION));
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
        /** Set by {@link #fail}, on the pool: messages, half-close and readiness no longer reach the listener. */
        private boolean failed;

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
            if (!run(() -> {
                try {
                    if (!failed) {
                        listener.onMessage(held);
                    }
                } finally {
                    release(held);
                }
            }, false)) {
                release(held);
            }
        }

        @Override
        public void onHalfClose() {
            dispatch(() -> {
                if (!failed) {
                    listener.onHalfClose();
                }
            }, false);
        }

        @Override
        public void onReady() {
            dispatch(() -> {
                if (!failed) {
                    listener.onReady();
                }
            }, false);
        }

        /** Always delivered, also after a failure: the listeners inside release what the call holds (a read slot). */
        @Override
        public void onCancel() {
            dispatch(() -> listener.onCancel(), true);
        }

        /** Always delivered, like {@link #onCancel}. */
        @Override
        public void onComplete() {
            dispatch(() -> listener.onComplete(), true);
        }

        private void dispatch(Runnable task, boolean always) {
            if (serial == null) {
                task.run();
            } else {
                run(task, always);
            }
        }

        /**
         * Runs {@code task} on the pool after the call's earlier tasks, in its context; false when the pool refused it
         * (the server is shutting down): then the call is closed, and a task that must always run runs here.
         */
        boolean run(Runnable task, boolean always) {
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
                return true;
            } catch (RejectedExecutionException e) {
                close(Status.UNAVAILABLE.withDescription("the server is shutting down"));
                if (always) {
                    task.run();
                }
                return false;
            }
        }

        /**
         * A last resort: the guarded handlers turn their own failures into the call's status, so this is an error
         * thrown past them. The call is closed; only {@code onCancel} and {@code onComplete} still reach the listener.
         */
        private void fail(Throwable error) {
            if (failed) {
                return;
            }
            failed = true;
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

        /**
         * The message, kept past this callback: grpc-java releases the transport's buffers once {@code onMessage}
         * returns. An uncompressed message's buffers are detached from it (no copy); a compressed one is read into
         * memory here. A message that cannot be read fails when the handler reads it, as it would have there.
         */
        @SuppressWarnings("unchecked")
        private static <Q> Q held(Q message) {
            if (!(message instanceof InputStream stream)) {
                return message;
            }
            try {
                if (stream instanceof Detachable detachable) {
                    return (Q) detachable.detach();
                }
                return (Q) new HeldMessage(stream.readAllBytes());
            } catch (IOException | RuntimeException e) {
                return (Q) new UnreadableMessage(e);
            }
        }

        private static void release(Object held) {
            if (held instanceof InputStream stream) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // nothing held
                }
            }
        }
    }

    /** A compressed request's bytes, with their length known (so the protobuf parser reads them in one piece). */
    static final class HeldMessage extends ByteArrayInputStream implements KnownLength {

        HeldMessage(byte[] bytes) {
            super(bytes);
        }
    }

    /** A request whose reading failed: the handler's read fails the same way, and the call's status says so. */
    static final class UnreadableMessage extends InputStream {

        private final Exception failure;

        UnreadableMessage(Exception failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
    }
}
