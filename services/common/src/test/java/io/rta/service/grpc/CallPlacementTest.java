package io.rta.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse.ServingStatus;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.service.auth.Authenticator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where calls run, over a real socket: a service's non-blocking calls with small requests on the transport's thread;
 * large requests, other calls and a service that says "not now" on the handler pool, in the call's context; a stream
 * handed over mid-way keeps its messages in order and intact.
 */
class CallPlacementTest {

    private static final String SERVICE = "test.Places";
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> QUICK =
            method("Quick", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> OTHER =
            method("Other", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> MANY =
            method("Many", MethodDescriptor.MethodType.CLIENT_STREAMING);
    /** Declared in place; its handler moves its work off the transport's thread. */
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> MOVED =
            method("Moved", MethodDescriptor.MethodType.UNARY);
    /** A read (it takes a read slot) whose handler throws an Error past the guarded handler. */
    private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> GET_BROKEN =
            method("GetBroken", MethodDescriptor.MethodType.UNARY);
    private static final String POOL = "grpc-handler-";

    private final Places places = new Places();
    private LocalGrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        server = LocalGrpcServer.start(places, Authenticator.off());
        channel = server.channel();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldRunANonBlockingCallWithASmallRequestOnTheTransportsThread() {
        call(QUICK, "small");

        assertThat(places.seen).singleElement().satisfies(seen -> {
            assertThat(seen.thread()).as("a Netty event loop").contains("worker-ELG");
            assertThat(seen.request()).isEqualTo("small");
        });
    }

    @Test
    void shouldHandALargeRequestToThePoolIntact() {
        String large = "x".repeat(CallPlacement.IN_PLACE_MAX_BYTES + 1);

        call(QUICK, large);

        assertThat(places.seen).singleElement().satisfies(seen -> {
            assertThat(seen.thread()).startsWith(POOL);
            assertThat(seen.request()).isEqualTo(large);
        });
    }

    @Test
    void shouldHandACompressedLargeRequestToThePoolIntact() {
        String large = "z".repeat(CallPlacement.IN_PLACE_MAX_BYTES * 3);

        HealthCheckResponse response = ClientCalls.blockingUnaryCall(channel, QUICK,
                io.grpc.CallOptions.DEFAULT.withCompression("gzip"),
                HealthCheckRequest.newBuilder().setService(large).build());

        assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(places.seen).singleElement().satisfies(seen -> {
            assertThat(seen.thread()).startsWith(POOL);
            assertThat(seen.request()).isEqualTo(large);
        });
    }

    @Test
    void shouldReleaseWhatAHandedOverCallHoldsWhenItsHandlerThrowsAnError() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            // the slot is released by the call's completion callback, which runs on the pool just after the client
            // has its status: the next call may come first and find it still held, briefly. A leaked slot never
            // comes back.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            io.grpc.Status.Code code = brokenCall();
            while (code == io.grpc.Status.Code.RESOURCE_EXHAUSTED && System.nanoTime() < deadline) {
                Thread.sleep(10);
                code = brokenCall();
            }

            assertThat(code).as("call %d: INTERNAL, not RESOURCE_EXHAUSTED for 10 s (the one read slot was released)",
                    i).isEqualTo(io.grpc.Status.Code.INTERNAL);
        }
    }

    private io.grpc.Status.Code brokenCall() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> ClientCalls.blockingUnaryCall(
                channel, GET_BROKEN, io.grpc.CallOptions.DEFAULT, HealthCheckRequest.getDefaultInstance()));
        return io.grpc.Status.fromThrowable(failure).getCode();
    }

    @Test
    void shouldLetAnInPlaceHandlerMoveItsWorkToThePoolInTheCallsContext() {
        callWithDeadline(MOVED, "moved");

        assertRanOnThePoolWithTheDeadline();
        assertThat(places.movedFrom).as("the handler itself ran in place").contains("worker-ELG");
    }

    @Test
    void shouldRefuseUnparseableRequestsInPlaceAndHandedOverAsInvalidArgument() {
        byte[] truncated = {0x0A, 0x05, 'a'};
        byte[] largeTruncated = new byte[CallPlacement.IN_PLACE_MAX_BYTES + 10];
        largeTruncated[0] = 0x0A;
        largeTruncated[1] = (byte) 0xFF;
        largeTruncated[2] = (byte) 0xFF;
        largeTruncated[3] = 0x7F;
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(QUICK.getFullMethodName())
                .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();

        for (byte[] bytes : List.of(truncated, largeTruncated)) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> ClientCalls.blockingUnaryCall(
                    channel, raw, io.grpc.CallOptions.DEFAULT, bytes));

            io.grpc.Status status = io.grpc.Status.fromThrowable(failure);
            assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains(QUICK.getFullMethodName());
        }
        assertThat(places.seen).as("no handler ran").isEmpty();
    }

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    @Test
    void shouldRunOtherCallsOnThePoolInTheCallsContext() {
        callWithDeadline(OTHER, "other");

        assertRanOnThePoolWithTheDeadline();
    }

    private void callWithDeadline(MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method, String service) {
        ClientCalls.blockingUnaryCall(channel, method,
                io.grpc.CallOptions.DEFAULT.withDeadline(Deadline.after(30, TimeUnit.SECONDS)),
                HealthCheckRequest.newBuilder().setService(service).build());
    }

    private void assertRanOnThePoolWithTheDeadline() {
        assertThat(places.seen).singleElement().satisfies(seen -> {
            assertThat(seen.thread()).startsWith(POOL);
            assertThat(seen.deadline()).as("the call's deadline is in its context").isTrue();
        });
    }

    @Test
    void shouldHandOverWhileTheServiceSaysItWouldBlock() {
        places.wouldBlock = true;

        call(QUICK, "small");

        assertThat(places.seen).singleElement().satisfies(seen -> assertThat(seen.thread()).startsWith(POOL));
    }

    @Test
    void shouldKeepAStreamInOrderWhenALargeMessageHandsItOver() throws Exception {
        List<String> sent = List.of("a", "b", "c".repeat(CallPlacement.IN_PLACE_MAX_BYTES * 2), "d", "e");
        CompletableFuture<HealthCheckResponse> answer = new CompletableFuture<>();
        StreamObserver<HealthCheckRequest> requests = ClientCalls.asyncClientStreamingCall(
                channel.newCall(MANY, io.grpc.CallOptions.DEFAULT), new StreamObserver<>() {
                    @Override
                    public void onNext(HealthCheckResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        sent.forEach(text -> requests.onNext(HealthCheckRequest.newBuilder().setService(text).build()));
        requests.onCompleted();

        assertThat(answer.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(places.seen).extracting(Seen::request).containsExactlyElementsOf(sent);
        assertThat(places.seen.subList(0, 2)).allSatisfy(seen -> assertThat(seen.thread())
                .as("the small messages before it run in place").contains("worker-ELG"));
        assertThat(places.seen.subList(2, sent.size())).allSatisfy(seen -> assertThat(seen.thread())
                .as("everything from the large message on runs on the pool").startsWith(POOL));
        assertThat(places.completedOn).startsWith(POOL);
    }

    private void call(MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method, String text) {
        HealthCheckResponse response = ClientCalls.blockingUnaryCall(channel, method, io.grpc.CallOptions.DEFAULT,
                HealthCheckRequest.newBuilder().setService(text).build());
        assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    private static MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method(
            String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
                .build();
    }

    private record Seen(String thread, String request, boolean deadline) {
    }

    /** Records where each request was handled; {@code Quick} and {@code Many} never block unless told otherwise. */
    private static final class Places implements BindableService, NonBlockingCalls {

        final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        volatile boolean wouldBlock;
        volatile String completedOn = "";
        volatile String movedFrom = "";

        @Override
        public boolean neverBlocks(String fullMethodName) {
            return !wouldBlock && !fullMethodName.equals(OTHER.getFullMethodName())
                    && !fullMethodName.equals(GET_BROKEN.getFullMethodName());
        }

        @Override
        public ServerServiceDefinition bindService() {
            return ServerServiceDefinition.builder(SERVICE)
                    .addMethod(QUICK, ServerCalls.asyncUnaryCall(this::one))
                    .addMethod(OTHER, ServerCalls.asyncUnaryCall(this::one))
                    .addMethod(MANY, ServerCalls.asyncClientStreamingCall(this::many))
                    .addMethod(MOVED, ServerCalls.asyncUnaryCall((request, response) -> {
                        movedFrom = Thread.currentThread().getName();
                        NonBlockingCalls.moveOffTransport(() -> one(request, response));
                    }))
                    .addMethod(GET_BROKEN, ServerCalls.asyncUnaryCall((request, response) -> {
                        throw new AssertionError("an Error the guarded handler does not catch");
                    }))
                    .build();
        }

        private void one(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
            record(request);
            response.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
            response.onCompleted();
        }

        private StreamObserver<HealthCheckRequest> many(StreamObserver<HealthCheckResponse> response) {
            return new StreamObserver<>() {
                @Override
                public void onNext(HealthCheckRequest request) {
                    record(request);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    completedOn = Thread.currentThread().getName();
                    response.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
                    response.onCompleted();
                }
            };
        }

        private void record(HealthCheckRequest request) {
            seen.add(new Seen(Thread.currentThread().getName(), request.getService(),
                    Context.current().getDeadline() != null));
        }
    }
}
