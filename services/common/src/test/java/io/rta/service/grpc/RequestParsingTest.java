package io.rta.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.CodedOutputStream;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.service.auth.Authenticator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How requests are parsed, over a real socket: fields the request's message does not define are dropped (a request
 * of millions of them parsed into gigabytes), and a method's own size limit refuses a larger request unparsed with
 * INVALID_ARGUMENT naming the limit, while requests within it are served.
 */
class RequestParsingTest {

    private static final String SERVICE = "test.Sized";
    private static final int PUT_LIMIT = 1000;

    private final Sized sized = new Sized();
    private LocalGrpcServer server;

    @BeforeEach
    void start() {
        server = LocalGrpcServer.start(sized, Authenticator.off());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldDropFieldsTheRequestDoesNotDefineWhileParsing() throws IOException {
        // field 1 (service) and 200,000 distinct unknown varint fields
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, "known");
        for (int field = 1000; field < 201_000; field++) {
            out.writeUInt64(field, field);
        }
        out.flush();

        call("GetThing", bytes.toByteArray());

        assertThat(sized.seen.get().getService()).isEqualTo("known");
        assertThat(sized.seen.get().getUnknownFields().asMap()).isEmpty();
    }

    @Test
    void shouldRefuseARequestOverItsMethodsOwnLimitUnparsedNamingTheLimit() {
        byte[] within = request("w".repeat(PUT_LIMIT - 3));
        byte[] over = request("o".repeat(PUT_LIMIT - 2));
        assertThat(within).hasSize(PUT_LIMIT);
        assertThat(over).hasSize(PUT_LIMIT + 1);

        call("PutThing", within);
        assertThat(sized.seen.get().getService()).hasSize(PUT_LIMIT - 3);
        sized.seen.set(null);
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> call("PutThing", over));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).isEqualTo("test.Sized/PutThing: the request is larger "
                + "than 1,000 bytes, the most a test put may have; nothing was parsed or written");
        assertThat(sized.seen.get()).as("the handler never saw it").isNull();
        // a method without a limit of its own takes it
        call("GetThing", over);
        assertThat(sized.seen.get().getService()).hasSize(PUT_LIMIT - 2);
    }

    private static byte[] request(String service) {
        return HealthCheckRequest.newBuilder().setService(service).build().toByteArray();
    }

    private void call(String method, byte[] request) {
        MethodDescriptor<byte[], HealthCheckResponse> raw = MethodDescriptor.<byte[], HealthCheckResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
                .setRequestMarshaller(RawBytes.MARSHALLER)
                .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
                .build();
        ClientCalls.blockingUnaryCall(server.channel(), raw, CallOptions.DEFAULT, request);
    }

    private static MethodDescriptor<HealthCheckRequest, HealthCheckResponse> method(String name) {
        return TestMethods.unary(SERVICE, name);
    }

    /** Two methods that remember the request they parsed: a put with a limit of its own, a get without. */
    private static final class Sized implements BindableService, RequestSizeLimits {

        final AtomicReference<HealthCheckRequest> seen = new AtomicReference<>();

        @Override
        public Map<String, Limit> requestSizeLimits() {
            return Map.of("PutThing", new Limit(PUT_LIMIT, "a test put may have"));
        }

        @Override
        public ServerServiceDefinition bindService() {
            return ServerServiceDefinition.builder(SERVICE)
                    .addMethod(method("GetThing"), ServerCalls.asyncUnaryCall(this::thing))
                    .addMethod(method("PutThing"), ServerCalls.asyncUnaryCall(this::thing))
                    .build();
        }

        private void thing(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
            seen.set(request);
            response.onNext(HealthCheckResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
