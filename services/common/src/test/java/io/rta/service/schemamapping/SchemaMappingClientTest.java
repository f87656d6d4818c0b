package io.rta.service.schemamapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import io.rta.service.errors.UnavailableException;
import io.rta.service.net.FreePorts;
import jakarta.ws.rs.ForbiddenException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real gRPC server on a local port that plays the schema mapping service. */
class SchemaMappingClientTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final SchemaMapping MAPPING = SchemaMapping.newBuilder().putProperties("measurement", "m")
            .addFieldMappings(FieldMapping.newBuilder().setSourceField("speed").setTargetChannel(1)).build();

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile HealthCheckResponse.ServingStatus serving = HealthCheckResponse.ServingStatus.SERVING;
    private Server server;
    private SchemaMappingClient client;

    @BeforeEach
    void start() throws IOException {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata metadata,
                                                               ServerCallHandler<Q, A> next) {
                calls.add(String.valueOf(metadata.get(AUTHORIZATION)));
                return next.startCall(call, metadata);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", FreePorts.next()))
                .addService(ServerInterceptors.intercept(new Store(), headers)).addService(new Health()).build()
                .start();
        client = SchemaMappingClient.of("SchemaMappingGrpcUri", "http://127.0.0.1:" + server.getPort() + "/",
                Duration.ofSeconds(5), Optional.empty());
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Store extends SchemaMappingStoreGrpc.SchemaMappingStoreImplBase {
        @Override
        public void querySchemaMapping(QuerySchemaMappingRequest request, StreamObserver<SchemaMapping> answer) {
            switch (request.getDataIdentity()) {
                case "known" -> {
                    answer.onNext(MAPPING);
                    answer.onCompleted();
                }
                case "bad" -> answer.onError(Status.INVALID_ARGUMENT.withDescription("select_channels: bad")
                        .asRuntimeException());
                case "secret" -> answer.onError(Status.PERMISSION_DENIED.withDescription("no scope")
                        .asRuntimeException());
                default -> answer.onError(Status.NOT_FOUND.asRuntimeException());
            }
        }
    }

    private final class Health extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            answer.onNext(HealthCheckResponse.newBuilder().setStatus(serving).build());
            answer.onCompleted();
        }
    }

    @Test
    void shouldForwardTheCallersBearerTokenAndSendNoneWithoutOne() {
        assertThat(client.query("src", "known", "1", false, "abc")).isEqualTo(MAPPING);
        assertThat(client.query("src", "known", "1", false, null)).isEqualTo(MAPPING);

        assertThat(calls).containsExactly("Bearer abc", "null");
    }

    @Test
    void shouldAnswerARepeatedQueryOfTheSameCallerFromItsCache() {
        client.query("src", "known", "1", false, "abc");
        client.query("src", "known", "1", false, "abc");
        client.query("src", "known", "1", false, "other");
        client.query("src", "known", "2", false, "abc");

        assertThat(calls).containsExactly("Bearer abc", "Bearer other", "Bearer abc");
    }

    @Test
    void shouldTurnTheServicesRefusalsIntoWhatTheRestLayerAnswers() {
        assertThatThrownBy(() -> client.query("src", "missing", "1", false, null))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no schema mapping for (source 'src', identity 'missing')");
        assertThatThrownBy(() -> client.query("src", "bad", "1", false, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("select_channels: bad");
        assertThatThrownBy(() -> client.query("src", "secret", "1", false, "t"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("refused the caller's token");
    }

    @Test
    void shouldBeUnavailableNamingTheServiceWhenItIsDown() throws InterruptedException {
        int port = server.getPort();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> client.query("src", "known", "1", false, null))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("the schema mapping service at 127.0.0.1:" + port);
        assertThat(client.unhealthy()).hasValueSatisfying(why -> assertThat(why).contains("did not answer"));
    }

    @Test
    void shouldBeHealthyOnlyWhileTheServiceSaysItServes() {
        assertThat(client.unhealthy()).isEmpty();

        serving = HealthCheckResponse.ServingStatus.NOT_SERVING;

        assertThat(client.unhealthy()).hasValueSatisfying(why -> assertThat(why).contains("NOT_SERVING"));
    }

    @Test
    void shouldRefuseAUriThatIsNotHttpNamingTheOption() {
        assertThatThrownBy(() -> SchemaMappingClient.of("SchemaMappingGrpcUri", "localhost:2682",
                Duration.ofSeconds(1), Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SchemaMappingGrpcUri");
    }
}
