package io.rta.it;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.proto.health.HealthGrpc;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.service.net.FreePorts;
import io.rta.topology.data.ChannelsExpression;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small in-process schema mapping store on a real gRPC port, standing in for the schema mapping service (being built
 * on its own branch) in the data adapter tests: {@code QuerySchemaMapping} keeps the field mappings whose channel the
 * expression selects (none for an empty one) and the event mappings when asked; an unknown (source, identity) is
 * {@code NOT_FOUND}; {@code grpc.health.v1} says SERVING. It remembers the last {@code authorization} header it got.
 * Kept in this one class so it can be swapped for the real service.
 */
final class SchemaMappings implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, SchemaMapping> mappings = new ConcurrentHashMap<>();
    private volatile String lastAuthorization;
    private final Server server;

    private SchemaMappings() throws IOException {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata metadata,
                                                               ServerCallHandler<Q, A> next) {
                lastAuthorization = metadata.get(AUTHORIZATION);
                return next.startCall(call, metadata);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", FreePorts.next()))
                .addService(ServerInterceptors.intercept(new Store(), headers)).addService(new Health()).build()
                .start();
    }

    static SchemaMappings start() throws IOException {
        return new SchemaMappings();
    }

    /** The {@code SchemaMappingGrpcUri} of this store. */
    String uri() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    void put(PutSchemaMappingRequest request) {
        mappings.put(key(request.getDataSource(), request.getDataIdentity()), request.getSchemaMapping());
    }

    /** The {@code authorization} metadata of the last call, or null. */
    String lastAuthorization() {
        return lastAuthorization;
    }

    private static String key(String source, String identity) {
        return source + "\u0000" + identity;
    }

    private final class Store extends SchemaMappingStoreGrpc.SchemaMappingStoreImplBase {
        @Override
        public void querySchemaMapping(QuerySchemaMappingRequest request, StreamObserver<SchemaMapping> answer) {
            SchemaMapping mapping = mappings.get(key(request.getDataSource(), request.getDataIdentity()));
            if (mapping == null) {
                answer.onError(Status.NOT_FOUND.withDescription("no schema mapping").asRuntimeException());
                return;
            }
            ChannelsExpression channels = request.getSelectChannels().isEmpty() ? null
                    : ChannelsExpression.parse(request.getSelectChannels());
            SchemaMapping.Builder selected = mapping.toBuilder().clearFieldMappings();
            mapping.getFieldMappingsList().stream().filter(field -> channels != null
                    && channels.matches(Integer.toUnsignedLong(field.getTargetChannel())))
                    .forEach(selected::addFieldMappings);
            if (!request.getSelectEvents()) {
                selected.clearEventMappings();
            }
            answer.onNext(selected.build());
            answer.onCompleted();
        }
    }

    private static final class Health extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            answer.onNext(HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING)
                    .build());
            answer.onCompleted();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
