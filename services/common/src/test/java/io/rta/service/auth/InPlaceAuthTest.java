package io.rta.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.service.grpc.LocalGrpcServer;
import io.rta.service.grpc.NonBlockingCalls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call that runs on the transport's thread because its token was verified before carries that principal to the
 * token check ({@link BearerAuthInterceptor#KNOWN_CALLER}), so the check never verifies the token anew there (the cache
 * may have dropped it in between; verifying may fetch the provider's keys). Real gRPC server and OIDC test provider.
 */
class InPlaceAuthTest {

    private static final String AUDIENCE = "rta";
    private static final String SERVICE = "rta.test.InPlaceAuth";
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> QUICK =
            MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Quick"))
                    .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
                    .build();

    private final TestProvider provider = new TestProvider();
    private final Authenticator auth = Authenticator.of(new AuthSettings(true, List.of(
            new AuthSettings.Issuer(AuthSettings.DEFAULT_ISSUER, URI.create(provider.issuer()), AUDIENCE)),
            Duration.ofSeconds(30), "rta.write", "rta.internal"));
    private final Quick quick = new Quick();
    private LocalGrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        server = LocalGrpcServer.start(quick, auth);
        channel = server.channel();
    }

    @AfterEach
    void stop() {
        server.close();
        provider.close();
    }

    @Test
    void shouldCarryTheVerifiedPrincipalOfACallRunInPlaceToTheTokenCheck() {
        String token = provider.token(AUDIENCE, c -> c);

        call(token);
        Seen first = quick.seen.get();
        assertThat(first.thread()).as("a token not seen yet is verified on the pool").startsWith("grpc-handler-");
        assertThat(first.known()).isNull();
        assertThat(first.principal().subject()).isEqualTo("engineer-1");

        call(token);
        Seen second = quick.seen.get();
        assertThat(second.thread()).as("a known token's call runs in place").doesNotStartWith("grpc-handler-");
        assertThat(second.known()).isNotNull().isSameAs(second.principal());
        assertThat(second.principal().subject()).isEqualTo("engineer-1");
    }

    @Test
    void shouldAuthorizeWithTheKnownPrincipalWithoutLookingAtTheTokenAgain() throws Exception {
        Principal reader = new Principal(AuthSettings.DEFAULT_ISSUER, "engineer-1", Set.of("openid"), Map.of(),
                System.currentTimeMillis() + 3_600_000);
        BearerAuthInterceptor interceptor = new BearerAuthInterceptor(auth);

        // a token the verifier would refuse: the known principal is what counts
        Context known = BearerAuthInterceptor.withKnownCaller(Context.current(), new Authenticator.AtOnce(reader));
        Principal seen = known.call(() -> intercept(interceptor, "Bearer not-a-jwt", false));
        assertThat(seen).isSameAs(reader);

        assertThatThrownBy(() -> known.call(() -> intercept(interceptor, "Bearer not-a-jwt", true)))
                .as("the write scope is still checked").isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("rta.write");
        assertThatThrownBy(() -> intercept(interceptor, "Bearer not-a-jwt", false))
                .as("without a known principal the token is checked").isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("UNAUTHENTICATED").hasMessageContaining("not a JWT");
    }

    /** Runs the interceptor over a call with {@code authorization}; the principal its handler saw, or its status. */
    private static Principal intercept(BearerAuthInterceptor interceptor, String authorization, boolean write) {
        Metadata headers = new Metadata();
        headers.put(BearerAuthInterceptor.AUTHORIZATION, authorization);
        MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method = write
                ? QUICK.toBuilder().setFullMethodName(Authenticator.WRITE_METHODS.iterator().next()).build() : QUICK;
        AtomicReference<Principal> principal = new AtomicReference<>();
        AtomicReference<Status> closed = new AtomicReference<>();
        interceptor.interceptCall(new ClosingCall<>(method, closed), headers, (call, h) -> {
            principal.set(BearerAuthInterceptor.PRINCIPAL.get());
            return new ServerCall.Listener<>() { };
        });
        if (closed.get() != null) {
            throw closed.get().asRuntimeException();
        }
        return principal.get();
    }

    private void call(String token) {
        Metadata headers = new Metadata();
        headers.put(BearerAuthInterceptor.AUTHORIZATION, "Bearer " + token);
        Channel withToken = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        ClientCalls.blockingUnaryCall(withToken, QUICK, CallOptions.DEFAULT, HealthCheckRequest.getDefaultInstance());
    }

    private record Seen(String thread, Principal known, Principal principal) {
    }

    /** A call that never blocks: where it ran, and the principals in its context. */
    private static final class Quick implements BindableService, NonBlockingCalls {

        final AtomicReference<Seen> seen = new AtomicReference<>();

        @Override
        public boolean neverBlocks(String fullMethodName) {
            return true;
        }

        @Override
        public ServerServiceDefinition bindService() {
            return ServerServiceDefinition.builder(SERVICE)
                    .addMethod(QUICK, ServerCalls.asyncUnaryCall((request, response) -> {
                        seen.set(new Seen(Thread.currentThread().getName(), BearerAuthInterceptor.KNOWN_CALLER.get(),
                                BearerAuthInterceptor.PRINCIPAL.get()));
                        response.onNext(HealthCheckResponse.getDefaultInstance());
                        response.onCompleted();
                    }))
                    .build();
        }
    }

    /** A server call that only records how it was closed. */
    private static final class ClosingCall<Q, A> extends ServerCall<Q, A> {

        private final MethodDescriptor<Q, A> method;
        private final AtomicReference<Status> closed;

        ClosingCall(MethodDescriptor<Q, A> method, AtomicReference<Status> closed) {
            this.method = method;
            this.closed = closed;
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(A message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed.set(status);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public MethodDescriptor<Q, A> getMethodDescriptor() {
            return method;
        }
    }
}
