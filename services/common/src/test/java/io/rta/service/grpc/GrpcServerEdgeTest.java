package io.rta.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.proto.health.HealthCheckResponse.ServingStatus;
import io.rta.proto.health.HealthGrpc;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC edge, in-process: unparseable requests are INVALID_ARGUMENT, a handler's unexpected exception INTERNAL
 * with a correlation id, read calls share bounded slots (writes pass), and reflection and health keep working.
 */
class GrpcServerEdgeTest {

    private static final String SERVICE = "test.Things";
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> GET_THING = method("GetThing");
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> PUT_THING = method("PutThing");
    /** A length-delimited field that claims 5 bytes and holds one. */
    private static final byte[] TRUNCATED = {0x0A, 0x05, 'a'};

    private final Things things = new Things();
    private final ReadLimiter reads = new ReadLimiter(1, 1);
    private GrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        String name = InProcessServerBuilder.generateName();
        server = new GrpcServer(InProcessServerBuilder.forName(name), List.of(things), new HealthCheckRegistry(),
                EdgeLimits.defaults(), reads);
        server.start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        things.gate.countDown();
        channel.shutdownNow();
        server.close();
    }

    @Test
    void shouldAnswerAnUnparseableRequestWithInvalidArgumentNamingTheMethod() throws InterruptedException {
        StatusRuntimeException health = call("grpc.health.v1.Health/Check", TRUNCATED);
        StatusRuntimeException ours = call(SERVICE + "/GetThing", TRUNCATED);

        assertThat(health.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(health.getStatus().getDescription()).isEqualTo("the request to grpc.health.v1.Health/Check is "
                + "not a valid HealthCheckRequest: While parsing a protocol message, the input ended unexpectedly in "
                + "the middle of a field.  This could mean either that the input has been truncated or that an "
                + "embedded message misreported its own length.");
        assertThat(ours.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(ours.getStatus().getDescription()).startsWith("the request to test.Things/GetThing is not a valid "
                + "HealthCheckRequest: ");
        awaitIdle(); // the refused reads gave their slots back
    }

    @Test
    void shouldAnswerAHandlersUnexpectedExceptionWithInternalAndACorrelationId() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> get("boom"));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription())
                .matches("internal error \\(correlation id [0-9a-f]{16}\\); the server log has the details");
    }

    @Test
    void shouldKeepReflectionAndHealthWorking() throws Exception {
        ServerReflectionResponse services = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());
        ServerReflectionResponse health = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("grpc.health.v1.Health").build());

        assertThat(services.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                .contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        assertThat(health.getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(observer(answer));
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldQueueReadCallsBeyondTheSlotsAndRefuseThoseBeyondTheQueue() throws Exception {
        things.gate = new CountDownLatch(1);
        Future<HealthCheckResponse> running = future(GET_THING, "slow");
        things.entered.acquire();
        Future<HealthCheckResponse> waiting = future(GET_THING, "slow");
        awaitQueued(1);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> get("fast"));
        HealthCheckResponse write = ClientCalls.blockingUnaryCall(channel, PUT_THING, CallOptions.DEFAULT,
                request("fast"));
        things.gate.countDown();

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription()).isEqualTo("reads waiting for one of the 1 read slots "
                + "(MaxConcurrentReads) is 2; at most 1 allowed (MaxQueuedReads); retry shortly");
        assertThat(write.getStatus()).as("writes take no read slot").isEqualTo(ServingStatus.SERVING);
        assertThat(running.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(waiting.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(ServingStatus.SERVING);
        awaitIdle();
    }

    @Test
    void shouldGiveAQueuedPlaceUpWhenItsCallIsCancelled() throws Exception {
        things.gate = new CountDownLatch(1);
        Future<HealthCheckResponse> running = future(GET_THING, "slow");
        things.entered.acquire();
        ClientCall<HealthCheckRequest, HealthCheckResponse> queued = channel.newCall(GET_THING, CallOptions.DEFAULT);
        Future<HealthCheckResponse> waiting = ClientCalls.futureUnaryCall(queued, request("slow"));
        awaitQueued(1);

        waiting.cancel(true);
        awaitQueued(0);
        things.gate.countDown();

        assertThat(running.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(ServingStatus.SERVING);
        awaitIdle();
        assertThat(things.started).as("the cancelled call never ran").isEqualTo(1);
    }

    @Test
    void shouldListenOnTheBindAddressWithTheEdgeLimits() {
        EdgeLimits limits = new EdgeLimits(1024 * 1024, 4, 4, 4, 2, 65_535, 30_000);
        GrpcServer netty = new GrpcServer(GrpcServer.netty("127.0.0.1", 0, 1024 * 1024, limits), List.of(),
                new HealthCheckRegistry(), limits, new ReadLimiter(4, 4));
        netty.start();
        ManagedChannel tcp = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1",
                netty.port()).usePlaintext().build();
        try {
            assertThat(HealthGrpc.newBlockingStub(tcp).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
        } finally {
            tcp.shutdownNow();
            netty.close();
        }
    }

    private void awaitQueued(int queued) throws InterruptedException {
        while (reads.queued() != queued) {
            Thread.sleep(5);
        }
    }

    private void awaitIdle() throws InterruptedException {
        while (reads.running() != 0) {
            Thread.sleep(5);
        }
    }

    private HealthCheckResponse get(String what) {
        return ClientCalls.blockingUnaryCall(channel, GET_THING, CallOptions.DEFAULT, request(what));
    }

    private Future<HealthCheckResponse> future(MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method,
                                               String what) {
        return ClientCalls.futureUnaryCall(channel.newCall(method, CallOptions.DEFAULT), request(what));
    }

    private static HealthCheckRequest request(String what) {
        return HealthCheckRequest.newBuilder().setService(what).build();
    }

    /** Sends {@code bytes} as the request of {@code fullMethod}, as a client with a broken encoder would. */
    private StatusRuntimeException call(String fullMethod, byte[] bytes) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethod)
                .setRequestMarshaller(RawBytes.MARSHALLER).setResponseMarshaller(RawBytes.MARSHALLER).build();
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT, bytes));
    }

    private static <T> StreamObserver<T> observer(CompletableFuture<T> answer) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new IllegalStateException("no answer"));
            }
        };
    }

    private static MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method(String name) {
        return TestMethods.unary(SERVICE, name);
    }

    /** A read that waits for the test ("slow") or fails ("boom"), and a write. */
    private static final class Things implements BindableService {

        volatile CountDownLatch gate = new CountDownLatch(0);
        final Semaphore entered = new Semaphore(0);
        volatile int started;

        @Override
        public ServerServiceDefinition bindService() {
            return ServerServiceDefinition.builder(SERVICE)
                    .addMethod(GET_THING, ServerCalls.asyncUnaryCall(this::thing))
                    .addMethod(PUT_THING, ServerCalls.asyncUnaryCall(this::thing))
                    .build();
        }

        private void thing(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
            started++;
            switch (request.getService()) {
                case "boom" -> throw new IllegalStateException("a secret the client must not see");
                case "slow" -> {
                    entered.release();
                    try {
                        gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> { }
            }
            response.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
            response.onCompleted();
        }
    }
}
