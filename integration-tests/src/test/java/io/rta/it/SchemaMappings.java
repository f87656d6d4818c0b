package io.rta.it;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The schema mapping service the data adapter tests read their mappings from: the real one of the shared test server
 * ({@link TestServer#shared()}: {@code SchemaMappingStore} over the {@code rta.schema-mappings} topic and its view),
 * reached through a small relay on its own gRPC port that passes every {@code QuerySchemaMapping} and health check on
 * unchanged and remembers the {@code authorization} metadata it got, so the tests can see the adapter forward its
 * caller's token (the shared server runs without auth and would not tell).
 */
final class SchemaMappings implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub store;
    private final HealthGrpc.HealthBlockingStub health;
    private volatile String lastAuthorization;
    private final Server relay;

    private SchemaMappings(TestServer server) throws IOException {
        this.store = SchemaMappingStoreGrpc.newBlockingStub(server.channel());
        this.health = HealthGrpc.newBlockingStub(server.channel());
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata metadata,
                                                               ServerCallHandler<Q, A> next) {
                lastAuthorization = metadata.get(AUTHORIZATION);
                return next.startCall(call, metadata);
            }
        };
        relay = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", FreePorts.next()))
                .addService(ServerInterceptors.intercept(new Store(), headers)).addService(new Health()).build()
                .start();
    }

    /** Mappings stored in the shared test server's real service. */
    static SchemaMappings start() throws IOException {
        return new SchemaMappings(TestServer.shared());
    }

    /** The {@code SchemaMappingGrpcUri} to give an adapter. */
    String uri() {
        return "http://127.0.0.1:" + relay.getPort() + "/";
    }

    /** Stores a mapping in the real service (it answers once its view shows it). */
    void put(PutSchemaMappingRequest request) {
        store.withDeadlineAfter(60, TimeUnit.SECONDS).putSchemaMapping(request);
    }

    /** The {@code authorization} metadata of the last call, or null. */
    String lastAuthorization() {
        return lastAuthorization;
    }

    private final class Store extends SchemaMappingStoreGrpc.SchemaMappingStoreImplBase {
        @Override
        public void querySchemaMapping(QuerySchemaMappingRequest request, StreamObserver<SchemaMapping> answer) {
            try {
                answer.onNext(store.withDeadlineAfter(30, TimeUnit.SECONDS).querySchemaMapping(request));
                answer.onCompleted();
            } catch (StatusRuntimeException e) {
                answer.onError(e.getStatus().asRuntimeException(e.getTrailers()));
            }
        }
    }

    private final class Health extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            try {
                answer.onNext(health.withDeadlineAfter(10, TimeUnit.SECONDS).check(request));
                answer.onCompleted();
            } catch (StatusRuntimeException e) {
                answer.onError(e.getStatus().asRuntimeException(e.getTrailers()));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        relay.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
