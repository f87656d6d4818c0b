package io.rta.proto.toolkit.data;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Reads RTA data from storage.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DataReaderGrpc {

  private DataReaderGrpc() {}

  public static final java.lang.String SERVICE_NAME = "rta.toolkit.api.chunk_service.DataReader";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
      io.rta.proto.model.data.TimestampedDataList> getReadTimestampedDataStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadTimestampedDataStream",
      requestType = io.rta.proto.toolkit.data.ReadChannelDataStreamRequest.class,
      responseType = io.rta.proto.model.data.TimestampedDataList.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
      io.rta.proto.model.data.TimestampedDataList> getReadTimestampedDataStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest, io.rta.proto.model.data.TimestampedDataList> getReadTimestampedDataStreamMethod;
    if ((getReadTimestampedDataStreamMethod = DataReaderGrpc.getReadTimestampedDataStreamMethod) == null) {
      synchronized (DataReaderGrpc.class) {
        if ((getReadTimestampedDataStreamMethod = DataReaderGrpc.getReadTimestampedDataStreamMethod) == null) {
          DataReaderGrpc.getReadTimestampedDataStreamMethod = getReadTimestampedDataStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest, io.rta.proto.model.data.TimestampedDataList>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadTimestampedDataStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.data.ReadChannelDataStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.model.data.TimestampedDataList.getDefaultInstance()))
              .setSchemaDescriptor(new DataReaderMethodDescriptorSupplier("ReadTimestampedDataStream"))
              .build();
        }
      }
    }
    return getReadTimestampedDataStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
      io.rta.proto.model.data.PeriodicDataList> getReadPeriodicDataStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadPeriodicDataStream",
      requestType = io.rta.proto.toolkit.data.ReadChannelDataStreamRequest.class,
      responseType = io.rta.proto.model.data.PeriodicDataList.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
      io.rta.proto.model.data.PeriodicDataList> getReadPeriodicDataStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest, io.rta.proto.model.data.PeriodicDataList> getReadPeriodicDataStreamMethod;
    if ((getReadPeriodicDataStreamMethod = DataReaderGrpc.getReadPeriodicDataStreamMethod) == null) {
      synchronized (DataReaderGrpc.class) {
        if ((getReadPeriodicDataStreamMethod = DataReaderGrpc.getReadPeriodicDataStreamMethod) == null) {
          DataReaderGrpc.getReadPeriodicDataStreamMethod = getReadPeriodicDataStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest, io.rta.proto.model.data.PeriodicDataList>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadPeriodicDataStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.data.ReadChannelDataStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.model.data.PeriodicDataList.getDefaultInstance()))
              .setSchemaDescriptor(new DataReaderMethodDescriptorSupplier("ReadPeriodicDataStream"))
              .build();
        }
      }
    }
    return getReadPeriodicDataStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
      io.rta.proto.model.data.RowDataList> getReadRowDataStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadRowDataStream",
      requestType = io.rta.proto.toolkit.data.ReadChannelDataStreamRequest.class,
      responseType = io.rta.proto.model.data.RowDataList.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
      io.rta.proto.model.data.RowDataList> getReadRowDataStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest, io.rta.proto.model.data.RowDataList> getReadRowDataStreamMethod;
    if ((getReadRowDataStreamMethod = DataReaderGrpc.getReadRowDataStreamMethod) == null) {
      synchronized (DataReaderGrpc.class) {
        if ((getReadRowDataStreamMethod = DataReaderGrpc.getReadRowDataStreamMethod) == null) {
          DataReaderGrpc.getReadRowDataStreamMethod = getReadRowDataStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.data.ReadChannelDataStreamRequest, io.rta.proto.model.data.RowDataList>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadRowDataStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.data.ReadChannelDataStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.model.data.RowDataList.getDefaultInstance()))
              .setSchemaDescriptor(new DataReaderMethodDescriptorSupplier("ReadRowDataStream"))
              .build();
        }
      }
    }
    return getReadRowDataStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadDataStreamRequest,
      io.rta.proto.model.data.EventsList> getReadEventsStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadEventsStream",
      requestType = io.rta.proto.toolkit.data.ReadDataStreamRequest.class,
      responseType = io.rta.proto.model.data.EventsList.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadDataStreamRequest,
      io.rta.proto.model.data.EventsList> getReadEventsStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.data.ReadDataStreamRequest, io.rta.proto.model.data.EventsList> getReadEventsStreamMethod;
    if ((getReadEventsStreamMethod = DataReaderGrpc.getReadEventsStreamMethod) == null) {
      synchronized (DataReaderGrpc.class) {
        if ((getReadEventsStreamMethod = DataReaderGrpc.getReadEventsStreamMethod) == null) {
          DataReaderGrpc.getReadEventsStreamMethod = getReadEventsStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.data.ReadDataStreamRequest, io.rta.proto.model.data.EventsList>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadEventsStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.data.ReadDataStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.model.data.EventsList.getDefaultInstance()))
              .setSchemaDescriptor(new DataReaderMethodDescriptorSupplier("ReadEventsStream"))
              .build();
        }
      }
    }
    return getReadEventsStreamMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DataReaderStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataReaderStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataReaderStub>() {
        @java.lang.Override
        public DataReaderStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataReaderStub(channel, callOptions);
        }
      };
    return DataReaderStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DataReaderBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataReaderBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataReaderBlockingV2Stub>() {
        @java.lang.Override
        public DataReaderBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataReaderBlockingV2Stub(channel, callOptions);
        }
      };
    return DataReaderBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DataReaderBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataReaderBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataReaderBlockingStub>() {
        @java.lang.Override
        public DataReaderBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataReaderBlockingStub(channel, callOptions);
        }
      };
    return DataReaderBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DataReaderFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataReaderFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataReaderFutureStub>() {
        @java.lang.Override
        public DataReaderFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataReaderFutureStub(channel, callOptions);
        }
      };
    return DataReaderFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Reads RTA data from storage.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Reads timestamped data.
     * </pre>
     */
    default void readTimestampedDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.TimestampedDataList> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadTimestampedDataStreamMethod(), responseObserver);
    }

    /**
     * <pre>
     * Reads periodic data.
     * </pre>
     */
    default void readPeriodicDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.PeriodicDataList> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadPeriodicDataStreamMethod(), responseObserver);
    }

    /**
     * <pre>
     * Reads row data.
     * </pre>
     */
    default void readRowDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.RowDataList> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadRowDataStreamMethod(), responseObserver);
    }

    /**
     * <pre>
     * Reads events.
     * </pre>
     */
    default void readEventsStream(io.rta.proto.toolkit.data.ReadDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.EventsList> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadEventsStreamMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DataReader.
   * <pre>
   * Reads RTA data from storage.
   * </pre>
   */
  public static abstract class DataReaderImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DataReaderGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DataReader.
   * <pre>
   * Reads RTA data from storage.
   * </pre>
   */
  public static final class DataReaderStub
      extends io.grpc.stub.AbstractAsyncStub<DataReaderStub> {
    private DataReaderStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataReaderStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataReaderStub(channel, callOptions);
    }

    /**
     * <pre>
     * Reads timestamped data.
     * </pre>
     */
    public void readTimestampedDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.TimestampedDataList> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadTimestampedDataStreamMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Reads periodic data.
     * </pre>
     */
    public void readPeriodicDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.PeriodicDataList> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadPeriodicDataStreamMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Reads row data.
     * </pre>
     */
    public void readRowDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.RowDataList> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadRowDataStreamMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Reads events.
     * </pre>
     */
    public void readEventsStream(io.rta.proto.toolkit.data.ReadDataStreamRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.model.data.EventsList> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadEventsStreamMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DataReader.
   * <pre>
   * Reads RTA data from storage.
   * </pre>
   */
  public static final class DataReaderBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DataReaderBlockingV2Stub> {
    private DataReaderBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataReaderBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataReaderBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Reads timestamped data.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.rta.proto.model.data.TimestampedDataList>
        readTimestampedDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadTimestampedDataStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads periodic data.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.rta.proto.model.data.PeriodicDataList>
        readPeriodicDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadPeriodicDataStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads row data.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.rta.proto.model.data.RowDataList>
        readRowDataStream(io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadRowDataStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads events.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.rta.proto.model.data.EventsList>
        readEventsStream(io.rta.proto.toolkit.data.ReadDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadEventsStreamMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DataReader.
   * <pre>
   * Reads RTA data from storage.
   * </pre>
   */
  public static final class DataReaderBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DataReaderBlockingStub> {
    private DataReaderBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataReaderBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataReaderBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Reads timestamped data.
     * </pre>
     */
    public java.util.Iterator<io.rta.proto.model.data.TimestampedDataList> readTimestampedDataStream(
        io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadTimestampedDataStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads periodic data.
     * </pre>
     */
    public java.util.Iterator<io.rta.proto.model.data.PeriodicDataList> readPeriodicDataStream(
        io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadPeriodicDataStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads row data.
     * </pre>
     */
    public java.util.Iterator<io.rta.proto.model.data.RowDataList> readRowDataStream(
        io.rta.proto.toolkit.data.ReadChannelDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadRowDataStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads events.
     * </pre>
     */
    public java.util.Iterator<io.rta.proto.model.data.EventsList> readEventsStream(
        io.rta.proto.toolkit.data.ReadDataStreamRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadEventsStreamMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DataReader.
   * <pre>
   * Reads RTA data from storage.
   * </pre>
   */
  public static final class DataReaderFutureStub
      extends io.grpc.stub.AbstractFutureStub<DataReaderFutureStub> {
    private DataReaderFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataReaderFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataReaderFutureStub(channel, callOptions);
    }
  }

  private static final int METHODID_READ_TIMESTAMPED_DATA_STREAM = 0;
  private static final int METHODID_READ_PERIODIC_DATA_STREAM = 1;
  private static final int METHODID_READ_ROW_DATA_STREAM = 2;
  private static final int METHODID_READ_EVENTS_STREAM = 3;

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
        case METHODID_READ_TIMESTAMPED_DATA_STREAM:
          serviceImpl.readTimestampedDataStream((io.rta.proto.toolkit.data.ReadChannelDataStreamRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.model.data.TimestampedDataList>) responseObserver);
          break;
        case METHODID_READ_PERIODIC_DATA_STREAM:
          serviceImpl.readPeriodicDataStream((io.rta.proto.toolkit.data.ReadChannelDataStreamRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.model.data.PeriodicDataList>) responseObserver);
          break;
        case METHODID_READ_ROW_DATA_STREAM:
          serviceImpl.readRowDataStream((io.rta.proto.toolkit.data.ReadChannelDataStreamRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.model.data.RowDataList>) responseObserver);
          break;
        case METHODID_READ_EVENTS_STREAM:
          serviceImpl.readEventsStream((io.rta.proto.toolkit.data.ReadDataStreamRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.model.data.EventsList>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getReadTimestampedDataStreamMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
              io.rta.proto.model.data.TimestampedDataList>(
                service, METHODID_READ_TIMESTAMPED_DATA_STREAM)))
        .addMethod(
          getReadPeriodicDataStreamMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
              io.rta.proto.model.data.PeriodicDataList>(
                service, METHODID_READ_PERIODIC_DATA_STREAM)))
        .addMethod(
          getReadRowDataStreamMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.data.ReadChannelDataStreamRequest,
              io.rta.proto.model.data.RowDataList>(
                service, METHODID_READ_ROW_DATA_STREAM)))
        .addMethod(
          getReadEventsStreamMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.data.ReadDataStreamRequest,
              io.rta.proto.model.data.EventsList>(
                service, METHODID_READ_EVENTS_STREAM)))
        .build();
  }

  private static abstract class DataReaderBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    DataReaderBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.rta.proto.toolkit.data.DataServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("DataReader");
    }
  }

  private static final class DataReaderFileDescriptorSupplier
      extends DataReaderBaseDescriptorSupplier {
    DataReaderFileDescriptorSupplier() {}
  }

  private static final class DataReaderMethodDescriptorSupplier
      extends DataReaderBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    DataReaderMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (DataReaderGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new DataReaderFileDescriptorSupplier())
              .addMethod(getReadTimestampedDataStreamMethod())
              .addMethod(getReadPeriodicDataStreamMethod())
              .addMethod(getReadRowDataStreamMethod())
              .addMethod(getReadEventsStreamMethod())
              .build();
        }
      }
    }
    return result;
  }
}
