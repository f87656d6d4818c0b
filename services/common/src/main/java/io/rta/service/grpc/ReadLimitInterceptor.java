package io.rta.service.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.rta.service.edge.ReadLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC side of {@link ReadLimiter}: a read call (a unary or server-streaming method named {@code Get…},
 * {@code Has…}, {@code List…}, {@code Query…} or {@code Read…}) takes a read slot for its whole life. A call that must
 * wait is not started (so its request is not even read) until a slot frees up; one beyond the queue ends at once with
 * {@code RESOURCE_EXHAUSTED} naming the limit. Writes pass: their streams have flow control of their own.
 */
final class ReadLimitInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ReadLimitInterceptor.class);
    private static final List<String> READ_VERBS = List.of("Get", "Has", "List", "Query", "Read");

    private final ReadLimiter reads;

    ReadLimitInterceptor(ReadLimiter reads) {
        this.reads = reads;
    }

    static boolean isRead(MethodDescriptor<?, ?> method) {
        String name = method.getBareMethodName();
        return method.getType().clientSendsOneMessage() && name != null
                && READ_VERBS.stream().anyMatch(name::startsWith);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                                                                 ServerCallHandler<ReqT, RespT> next) {
        if (!isRead(call.getMethodDescriptor())) {
            return next.startCall(call, headers);
        }
        SlotListener<ReqT> listener = new SlotListener<>();
        Context context = Context.current();
        ReadLimiter.Ticket ticket = reads.admit(admitted -> {
            listener.ticket = admitted;
            context.run(() -> listener.start(call, headers, next));
        });
        listener.ticket = ticket;
        switch (ticket.admittedAs()) {
            case RUNNING -> listener.start(call, headers, next);
            case QUEUED -> { }
            default -> {
                call.close(Status.RESOURCE_EXHAUSTED.withDescription(reads.refusal()), new Metadata());
                return new ServerCall.Listener<>() { };
            }
        }
        return listener;
    }

    /**
     * Holds the call's events until it is started, then passes them on; frees the slot when the call ends. Only
     * {@code onReady} and {@code onCancel} can come before the start: nothing requested a message yet.
     */
    private static final class SlotListener<ReqT> extends ServerCall.Listener<ReqT> {

        private final List<Consumer<ServerCall.Listener<ReqT>>> pending = new ArrayList<>();
        private volatile ReadLimiter.Ticket ticket;
        private ServerCall.Listener<ReqT> next;

        <RespT> void start(ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> handler) {
            ServerCall.Listener<ReqT> started;
            try {
                started = handler.startCall(call, headers);
            } catch (RuntimeException e) {
                LOG.error("Could not start {}", call.getMethodDescriptor().getFullMethodName(), e);
                release();
                throw e;
            }
            synchronized (this) {
                pending.forEach(event -> event.accept(started));
                pending.clear();
                next = started;
            }
        }

        @Override
        public void onMessage(ReqT message) {
            deliver(listener -> listener.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            deliver(ServerCall.Listener::onHalfClose);
        }

        @Override
        public void onReady() {
            deliver(ServerCall.Listener::onReady);
        }

        @Override
        public void onCancel() {
            ReadLimiter.Ticket waiting = ticket;
            if (waiting != null && waiting.withdraw()) {
                return; // gave up while waiting: never started
            }
            try {
                deliver(ServerCall.Listener::onCancel);
            } finally {
                release();
            }
        }

        @Override
        public void onComplete() {
            try {
                deliver(ServerCall.Listener::onComplete);
            } finally {
                release();
            }
        }

        private void deliver(Consumer<ServerCall.Listener<ReqT>> event) {
            ServerCall.Listener<ReqT> started;
            synchronized (this) {
                if (next == null) {
                    pending.add(event);
                    return;
                }
                started = next;
            }
            event.accept(started);
        }

        private void release() {
            ReadLimiter.Ticket held = ticket;
            if (held != null) {
                held.release();
            }
        }
    }
}
