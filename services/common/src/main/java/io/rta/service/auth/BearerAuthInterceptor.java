package io.rta.service.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The gRPC side of {@link Authenticator}: every call but the open services' needs the bearer token in its
 * {@code authorization} metadata ({@code UNAUTHENTICATED} without a valid one), write RPCs the write scope and a
 * token the access policies do not restrict, schema mapping reads such a token too ({@code PERMISSION_DENIED}), and an
 * unreachable provider is {@code UNAVAILABLE}. The caller's {@link Principal} is
 * in {@link #PRINCIPAL} for the call's handlers, and whether it may read internals in {@link #INTERNALS_ALLOWED}.
 */
public final class BearerAuthInterceptor implements ServerInterceptor {

    public static final Context.Key<Principal> PRINCIPAL = Context.key("rta-principal");
    /** The caller's {@code Authorization} value as sent, for a service that relays the call to another instance. */
    public static final Context.Key<String> AUTHORIZATION_VALUE = Context.key("rta-authorization");
    /**
     * Whether the caller may read a session's data bindings (the {@code data_bindings} session element): the internal
     * or the write scope ({@link Authenticator#mayReadInternals}); true when auth is off.
     */
    public static final Context.Key<Boolean> INTERNALS_ALLOWED = Context.keyWithDefault("rta-internals-allowed",
            Boolean.TRUE);
    /**
     * Set by the call placement for a call it runs on the transport's thread: the principal the call's token was
     * found verified with when the call was placed ({@link Authenticator#answerAtOnce}). The check then uses it and
     * does not verify the token again: the verifier's cache may have dropped the token in between, and verifying
     * it anew may fetch the provider's keys, which must never happen on the transport's thread.
     */
    static final Context.Key<Principal> KNOWN_CALLER = Context.key("rta-known-caller");
    /** The metadata key of the bearer token. */
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Authenticator authenticator;

    /**
     * {@code context} carrying the principal {@link Authenticator#answerAtOnce} found for a call's token, if it found
     * one ({@link #KNOWN_CALLER}); for the call placement, which runs that call in place within the returned context.
     */
    public static Context withKnownCaller(Context context, Authenticator.AtOnce atOnce) {
        return atOnce.known() == null ? context : context.withValue(KNOWN_CALLER, atOnce.known());
    }

    public BearerAuthInterceptor(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        String service = call.getMethodDescriptor().getServiceName();
        if (!authenticator.enabled() || Authenticator.OPEN_SERVICES.contains(service)) {
            return next.startCall(call, headers);
        }
        Principal principal;
        Principal known = KNOWN_CALLER.get();
        boolean write = Authenticator.WRITE_METHODS.contains(method);
        try {
            principal = known != null ? authenticator.authorizeKnown(known, write)
                    : authenticator.authorize(headers.get(AUTHORIZATION), write);
            if (Authenticator.UNRESTRICTED_READS.contains(method)) {
                authenticator.requireUnrestricted(principal, "reading schema mappings");
            }
        } catch (AuthException e) {
            Status status = switch (e.kind()) {
                case MISSING, INVALID -> Status.UNAUTHENTICATED;
                case INSUFFICIENT_SCOPE -> Status.PERMISSION_DENIED;
                case UNAVAILABLE -> Status.UNAVAILABLE;
            };
            call.close(status.withDescription(e.getMessage()), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValues(PRINCIPAL, principal, AUTHORIZATION_VALUE,
                headers.get(AUTHORIZATION), Access.KEY, authenticator.visibility(principal), INTERNALS_ALLOWED,
                authenticator.mayReadInternals(principal)), call, headers, next);
    }
}
