package io.rta.proto.toolkit.data;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Writes RTA data to storage.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DataWriterGrpc {

  private DataWriterGrpc() {}

  public static final java.lang.String SERVICE_NAME = "rta.toolkit.api.chunk_service.DataWriter";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.WriteDataStreamMessage,
      io.rta.proto.toolkit.data.WriteDataStreamResponseMessage> getWriteDataStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WriteDataStream",
      requestType = io.rta.proto.toolkit.data.WriteDataStreamMessage.class,
      responseType = io.rta.proto.toolkit.data.WriteDataStreamResponseMessage.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.WriteDataStreamMessage,
      io.rta.proto.toolkit.data.WriteDataStreamResponseMessage> getWriteDataStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.WriteDataStreamMessage, io.rta.proto.toolkit.data.WriteDataStreamResponseMessage> getWriteDataStreamMethod;
    if ((getWriteDataStreamMethod = DataWriterGrpc.getWriteDataStreamMethod) == null) {
      synchronized (DataWriterGrpc.class) {
        if ((getWriteDataStreamMethod = DataWriterGrpc.getWriteDataStreamMethod) == null) {
          DataWriterGrpc.getWriteDataStreamMethod = getWriteDataStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.data.WriteDataStreamMessage, io.rta.proto.toolkit.data.WriteDataStreamResponseMessage>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WriteDataStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.data.WriteDataStreamMessage.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.data.WriteDataStreamResponseMessage.getDefaultInstance()))
              .setSchemaDescriptor(new DataWriterMethodDescriptorSupplier("WriteDataStream"))
              .build();
        }
      }
    }
    return getWriteDataStreamMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DataWriterStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataWriterStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataWriterStub>() {
        @java.lang.Override
        public DataWriterStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataWriterStub(channel, callOptions);
        }
      };
    return DataWriterStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DataWriterBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataWriterBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataWriterBlockingV2Stub>() {
        @java.lang.Override
        public DataWriterBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataWriterBlockingV2Stub(channel, callOptions);
        }
      };
    return DataWriterBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DataWriterBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataWriterBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataWriterBlockingStub>() {
        @java.lang.Override
        public DataWriterBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataWriterBlockingStub(channel, callOptions);
        }
      };
    return DataWriterBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DataWriterFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataWriterFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataWriterFutureStub>() {
        @java.lang.Override
        public DataWriterFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataWriterFutureStub(channel, callOptions);
        }
      };
    return DataWriterFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Writes RTA data to storage.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Writes a stream of RTA data.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<io.rta.proto.toolkit.data.WriteDataStreamMessage> writeDataStream(
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.data.WriteDataStreamResponseMessage> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getWriteDataStreamMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DataWriter.
   * <pre>
   * Writes RTA data to storage.
   * </pre>
   */
  public static abstract class DataWriterImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DataWriterGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DataWriter.
   * <pre>
   * Writes RTA data to storage.
   * </pre>
   */
  public static final class DataWriterStub
      extends io.grpc.stub.AbstractAsyncStub<DataWriterStub> {
    private DataWriterStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataWriterStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataWriterStub(channel, callOptions);
    }

    /**
     * <pre>
     * Writes a stream of RTA data.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<io.rta.proto.toolkit.data.WriteDataStreamMessage> writeDataStream(
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.data.WriteDataStreamResponseMessage> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getWriteDataStreamMethod(), getCallOptions()), responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DataWriter.
   * <pre>
   * Writes RTA data to storage.
   * </pre>
   */
  public static final class DataWriterBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DataWriterBlockingV2Stub> {
    private DataWriterBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataWriterBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataWriterBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Writes a stream of RTA data.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.rta.proto.toolkit.data.WriteDataStreamMessage, io.rta.proto.toolkit.data.WriteDataStreamResponseMessage>
        writeDataStream() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getWriteDataStreamMethod(), getCallOptions());
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DataWriter.
   * <pre>
   * Writes RTA data to storage.
   * </pre>
   */
  public static final class DataWriterBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DataWriterBlockingStub> {
    private DataWriterBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataWriterBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataWriterBlockingStub(channel, callOptions);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DataWriter.
   * <pre>
   * Writes RTA data to storage.
   * </pre>
   */
  public static final class DataWriterFutureStub
      extends io.grpc.stub.AbstractFutureStub<DataWriterFutureStub> {
    private DataWriterFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataWriterFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataWriterFutureStub(channel, callOptions);
    }
  }

  private static final int METHODID_WRITE_DATA_STREAM = 0;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_WRITE_DATA_STREAM:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.writeDataStream(
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.data.WriteDataStreamResponseMessage>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getWriteDataStreamMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.data.WriteDataStreamMessage,
              io.rta.proto.toolkit.data.WriteDataStreamResponseMessage>(
                service, METHODID_WRITE_DATA_STREAM)))
        .build();
  }

  private static abstract class DataWriterBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    DataWriterBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.rta.proto.toolkit.data.DataServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("DataWriter");
    }
  }

  private static final class DataWriterFileDescriptorSupplier
      extends DataWriterBaseDescriptorSupplier {
    DataWriterFileDescriptorSupplier() {}
  }

  private static final class DataWriterMethodDescriptorSupplier
      extends DataWriterBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    DataWriterMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (DataWriterGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new DataWriterFileDescriptorSupplier())
              .addMethod(getWriteDataStreamMethod())
              .build();
        }
      }
    }
    return result;
  }
}
