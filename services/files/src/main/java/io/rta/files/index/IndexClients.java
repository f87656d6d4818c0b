package io.rta.files.index;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.AbstractStub;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.service.auth.AuthException;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.ClientCredentials;
import io.rta.service.auth.ServiceToken;
import io.rta.service.config.Options;
import io.rta.service.grpc.GrpcChannels;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The index's gRPC clients of the session, config and schema mapping services, each call with a deadline and, when
 * {@code Auth:ClientId} is set, a bearer token of the index's own (client-credentials flow, {@code Auth:WriteScope}
 * unless {@code Auth:TokenScope} says otherwise).
 */
final class IndexClients implements AutoCloseable {

    static final String CONFIG_JSON = "application/vnd.mat.config+json";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final List<GrpcChannels.Target> targets;
    private final SessionStoreGrpc.SessionStoreBlockingStub sessions;
    private final ConfigStoreGrpc.ConfigStoreBlockingStub configs;
    private final SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings;
    private final Duration deadline;

    IndexClients(Options options) {
        Optional<ServiceToken> token = ClientCredentials.from(options, AuthSettings.WRITE_SCOPE)
                .map(credentials -> new ServiceToken(credentials, Duration.ofSeconds(10)));
        this.deadline = Duration.ofMillis(options.getLong(IndexOptions.UPSTREAM_TIMEOUT));
        for (var option : List.of(IndexOptions.SESSION_SERVICE_URI, IndexOptions.CONFIG_SERVICE_URI,
                IndexOptions.SCHEMA_MAPPING_GRPC_URI)) {
            if (options.getString(option).isBlank()) {
                throw new IllegalArgumentException("option " + option.name() + " is required: " + option.doc());
            }
        }
        GrpcChannels.Target session = target(options, IndexOptions.SESSION_SERVICE_URI);
        GrpcChannels.Target config = target(options, IndexOptions.CONFIG_SERVICE_URI);
        GrpcChannels.Target mapping = target(options, IndexOptions.SCHEMA_MAPPING_GRPC_URI);
        this.targets = List.of(session, config, mapping);
        ClientInterceptor bearer = token.<ClientInterceptor>map(IndexClients::bearer).orElse(null);
        this.sessions = authorized(SessionStoreGrpc.newBlockingStub(session.channel()), bearer);
        this.configs = authorized(ConfigStoreGrpc.newBlockingStub(config.channel()), bearer);
        this.mappings = authorized(SchemaMappingStoreGrpc.newBlockingStub(mapping.channel()), bearer);
    }

    private static GrpcChannels.Target target(Options options, io.rta.service.config.OptionDef option) {
        return GrpcChannels.of(option.name(), options.getString(option).strip(), Optional.empty());
    }

    private static <S extends AbstractStub<S>> S authorized(S stub, ClientInterceptor bearer) {
        return bearer == null ? stub : stub.withInterceptors(bearer);
    }

    /** Adds {@code authorization: Bearer ...} to each call; a token that cannot be had fails the call. */
    private static ClientInterceptor bearer(ServiceToken token) {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options,
                                                         Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        try {
                            headers.put(AUTHORIZATION, token.authorization());
                        } catch (AuthException e) {
                            throw Status.UNAUTHENTICATED.withDescription("no token for Auth:ClientId '"
                                    + token.clientId() + "': " + e.getMessage()).asRuntimeException();
                        }
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    SessionStoreGrpc.SessionStoreBlockingStub sessions() {
        return sessions.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings() {
        return mappings.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stores the config unless it is there already (its identifier is a hash of its content).
     *
     * @return whether it was stored now
     */
    boolean putConfig(String identifier, byte[] json) {
        var stub = configs.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (stub.hasConfig(HasConfigRequest.newBuilder().setIdentifier(identifier).build()).getValue()) {
            return false;
        }
        configs.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).putConfig(PutConfigRequest.newBuilder()
                .setIdentifier(identifier).setContentType(CONFIG_JSON).setData(ByteString.copyFrom(json)).build());
        return true;
    }

    /** Where each service is, for messages. */
    String describe() {
        return "sessions " + targets.get(0).target() + ", configs " + targets.get(1).target() + ", schema mappings "
                + targets.get(2).target();
    }

    @Override
    public void close() {
        for (GrpcChannels.Target target : targets) {
            target.channel().shutdownNow();
        }
        for (GrpcChannels.Target target : targets) {
            try {
                target.channel().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
