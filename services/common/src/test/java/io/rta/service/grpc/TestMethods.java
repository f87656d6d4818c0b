package io.rta.service.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;

/** Unary test methods taking and answering health messages (any small protobuf messages would do). */
final class TestMethods {

    private TestMethods() {
    }

    static MethodDescriptor<HealthCheckRequest, HealthCheckResponse> unary(String service, String name) {
        return MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
                .build();
    }
}
