package io.rta.service.grpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.service.errors.InternalErrors;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service definition whose calls fail with the right status. grpc-java parses a request before any of our code
 * runs, and a parse failure ends the call as {@code INTERNAL}/{@code UNKNOWN}; an exception a handler throws ends it as
 * {@code UNKNOWN}. Here each method receives its request bytes unparsed and parses them itself, so that
 * <ul>
 *   <li>a request that does not parse is {@code INVALID_ARGUMENT} naming the method and the parse error, and fields
 *       the request's message does not define are dropped while parsing ({@link RequestParser});</li>
 *   <li>a request over its method's own size limit ({@link RequestSizeLimits}) is {@code INVALID_ARGUMENT} naming the
 *       limit, unparsed;</li>
 *   <li>an exception a handler throws is {@code INTERNAL} with a correlation id, logged with its stack trace
 *       ({@link InternalErrors}).</li>
 * </ul>
 * Method and service descriptors keep their schema descriptors, so server reflection still describes them.
 */
final class GuardedService {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedService.class);

    /** Hands the request's stream on unread; the guarded handler parses it while the call delivers it. */
    private static final MethodDescriptor.Marshaller<InputStream> UNPARSED = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            return stream;
        }
    };

    private GuardedService() {
    }

    static ServerServiceDefinition wrap(ServerServiceDefinition service) {
        return wrap(service, Map.of());
    }

    /** @param limits the methods' own request size limits, by method name ({@link RequestSizeLimits}) */
    static ServerServiceDefinition wrap(ServerServiceDefinition service, Map<String, RequestSizeLimits.Limit> limits) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<InputStream, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            methods.add(guarded(method, limits.get(method.getMethodDescriptor().getBareMethodName())));
        }
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(guarded::addMethod);
        return guarded.build();
    }

    private static <ReqT, RespT> ServerMethodDefinition<InputStream, RespT> guarded(
            ServerMethodDefinition<ReqT, RespT> method, RequestSizeLimits.Limit limit) {
        MethodDescriptor<ReqT, RespT> typed = method.getMethodDescriptor();
        MethodDescriptor<InputStream, RespT> unparsed = typed.toBuilder(UNPARSED, typed.getResponseMarshaller())
                .build();
        return ServerMethodDefinition.create(unparsed, new Handler<>(typed, RequestParser.of(typed, limit),
                method.getServerCallHandler()));
    }

    private static final class Handler<ReqT, RespT> implements ServerCallHandler<InputStream, RespT> {

        private final MethodDescriptor<ReqT, RespT> typed;
        private final RequestParser<ReqT> parser;
        private final ServerCallHandler<ReqT, RespT> next;

        Handler(MethodDescriptor<ReqT, RespT> typed, RequestParser<ReqT> parser, ServerCallHandler<ReqT, RespT> next) {
            this.typed = typed;
            this.parser = parser;
            this.next = next;
        }

        @Override
        public ServerCall.Listener<InputStream> startCall(ServerCall<InputStream, RespT> call, Metadata headers) {
            TypedCall<ReqT, RespT> typedCall = new TypedCall<>(call, typed);
            ServerCall.Listener<ReqT> listener;
            try {
                listener = next.startCall(typedCall, headers);
            } catch (RuntimeException e) {
                typedCall.fail(Status.INTERNAL.withDescription(InternalErrors.report(typed.getFullMethodName(), e)));
                return new ServerCall.Listener<>() { };
            }
            return new ParsingListener<>(typedCall, parser, listener);
        }
    }

    /** Parses each request, and turns what goes wrong in the handler into the call's status. */
    private static final class ParsingListener<ReqT, RespT> extends ServerCall.Listener<InputStream> {

        private final TypedCall<ReqT, RespT> call;
        private final RequestParser<ReqT> parser;
        private final ServerCall.Listener<ReqT> next;
        /** Set once the call failed here: the handler has been told (cancelled) and hears nothing more. */
        private boolean failed;

        ParsingListener(TypedCall<ReqT, RespT> call, RequestParser<ReqT> parser, ServerCall.Listener<ReqT> next) {
            this.call = call;
            this.parser = parser;
            this.next = next;
        }

        @Override
        public void onMessage(InputStream message) {
            // grpc-java closes the message's stream once this returns
            if (failed) {
                return;
            }
            ReqT request;
            try {
                request = parser.parse(message);
            } catch (RequestParser.TooLarge e) {
                fail(Status.INVALID_ARGUMENT.withDescription(call.fullMethodName() + ": " + e.getMessage()));
                return;
            } catch (RuntimeException e) {
                fail(Status.INVALID_ARGUMENT.withDescription("the request to " + call.fullMethodName()
                        + " is not a valid " + call.requestType() + ": " + parseError(e)));
                return;
            }
            guard(() -> next.onMessage(request));
        }

        @Override
        public void onHalfClose() {
            guard(next::onHalfClose);
        }

        @Override
        public void onReady() {
            guard(next::onReady);
        }

        @Override
        public void onCancel() {
            guard(next::onCancel);
        }

        @Override
        public void onComplete() {
            guard(next::onComplete);
        }

        private void guard(Runnable event) {
            if (failed) {
                return;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                fail(Status.INTERNAL.withDescription(InternalErrors.report(call.fullMethodName(), e)));
            }
        }

        /**
         * Ends the call with {@code status}, then cancels the handler's side (so a streaming handler lets go of what
         * it holds); the handler's later answers are dropped.
         */
        private void fail(Status status) {
            failed = true;
            call.fail(status);
            try {
                next.onCancel();
            } catch (RuntimeException e) {
                LOG.warn("The handler of {} failed while being cancelled", call.fullMethodName(), e);
            }
        }
    }

    /** What the parse error says (the marshaller wraps it in an INTERNAL status of its own). */
    private static String parseError(RuntimeException e) {
        Throwable cause = e instanceof StatusRuntimeException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /**
     * The call as the handler sees it: typed requests, and deaf once closed, so that a handler still answering a call
     * that failed here (from another thread, say) neither races nor repeats the close.
     */
    private static final class TypedCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {

        private final ServerCall<InputStream, RespT> call;
        private final MethodDescriptor<ReqT, RespT> typed;
        private final Object lock = new Object();
        private boolean closed;
        /** Closed here, not by the handler: the handler should see a cancelled call. */
        private boolean failed;

        TypedCall(ServerCall<InputStream, RespT> call, MethodDescriptor<ReqT, RespT> typed) {
            this.call = call;
            this.typed = typed;
        }

        String fullMethodName() {
            return typed.getFullMethodName();
        }

        String requestType() {
            Object prototype = typed.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> proto
                    ? proto.getMessagePrototype() : null;
            return prototype == null ? "request" : prototype.getClass().getSimpleName();
        }

        void fail(Status status) {
            synchronized (lock) {
                failed = true;
                close(status, new Metadata());
            }
        }

        @Override
        public void request(int numMessages) {
            call.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            synchronized (lock) {
                if (!closed) {
                    call.sendHeaders(headers);
                }
            }
        }

        @Override
        public void sendMessage(RespT message) {
            synchronized (lock) {
                if (!closed) {
                    call.sendMessage(message);
                }
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            synchronized (lock) {
                if (!closed) {
                    closed = true;
                    call.close(status, trailers);
                }
            }
        }

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public boolean isCancelled() {
            synchronized (lock) {
                return failed || call.isCancelled();
            }
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            call.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            call.setCompression(compressor);
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            call.setOnReadyThreshold(numBytes);
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return call.getSecurityLevel();
        }

        @Override
        public Attributes getAttributes() {
            return call.getAttributes();
        }

        @Override
        public String getAuthority() {
            return call.getAuthority();
        }

        @Override
        public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
            return typed;
        }
    }
}
