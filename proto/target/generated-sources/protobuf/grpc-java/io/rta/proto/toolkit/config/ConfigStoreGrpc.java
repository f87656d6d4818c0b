package io.rta.proto.toolkit.config;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages RTA Configuration.
 * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ConfigStoreGrpc {

  private ConfigStoreGrpc() {}

  public static final java.lang.String SERVICE_NAME = "rta.toolkit.api.config_service.ConfigStore";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.PutConfigRequest,
      com.google.protobuf.Empty> getPutConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutConfig",
      requestType = io.rta.proto.toolkit.config.PutConfigRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.PutConfigRequest,
      com.google.protobuf.Empty> getPutConfigMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.PutConfigRequest, com.google.protobuf.Empty> getPutConfigMethod;
    if ((getPutConfigMethod = ConfigStoreGrpc.getPutConfigMethod) == null) {
      synchronized (ConfigStoreGrpc.class) {
        if ((getPutConfigMethod = ConfigStoreGrpc.getPutConfigMethod) == null) {
          ConfigStoreGrpc.getPutConfigMethod = getPutConfigMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.config.PutConfigRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.PutConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigStoreMethodDescriptorSupplier("PutConfig"))
              .build();
        }
      }
    }
    return getPutConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.ConfigStreamMessage,
      com.google.protobuf.Empty> getPutConfigStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutConfigStream",
      requestType = io.rta.proto.toolkit.config.ConfigStreamMessage.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.ConfigStreamMessage,
      com.google.protobuf.Empty> getPutConfigStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.ConfigStreamMessage, com.google.protobuf.Empty> getPutConfigStreamMethod;
    if ((getPutConfigStreamMethod = ConfigStoreGrpc.getPutConfigStreamMethod) == null) {
      synchronized (ConfigStoreGrpc.class) {
        if ((getPutConfigStreamMethod = ConfigStoreGrpc.getPutConfigStreamMethod) == null) {
          ConfigStoreGrpc.getPutConfigStreamMethod = getPutConfigStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.config.ConfigStreamMessage, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutConfigStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.ConfigStreamMessage.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigStoreMethodDescriptorSupplier("PutConfigStream"))
              .build();
        }
      }
    }
    return getPutConfigStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.HasConfigRequest,
      com.google.protobuf.BoolValue> getHasConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "HasConfig",
      requestType = io.rta.proto.toolkit.config.HasConfigRequest.class,
      responseType = com.google.protobuf.BoolValue.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.HasConfigRequest,
      com.google.protobuf.BoolValue> getHasConfigMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.HasConfigRequest, com.google.protobuf.BoolValue> getHasConfigMethod;
    if ((getHasConfigMethod = ConfigStoreGrpc.getHasConfigMethod) == null) {
      synchronized (ConfigStoreGrpc.class) {
        if ((getHasConfigMethod = ConfigStoreGrpc.getHasConfigMethod) == null) {
          ConfigStoreGrpc.getHasConfigMethod = getHasConfigMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.config.HasConfigRequest, com.google.protobuf.BoolValue>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "HasConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.HasConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.BoolValue.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigStoreMethodDescriptorSupplier("HasConfig"))
              .build();
        }
      }
    }
    return getHasConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.GetConfigRequest,
      io.rta.proto.toolkit.config.GetConfigResponse> getGetConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConfig",
      requestType = io.rta.proto.toolkit.config.GetConfigRequest.class,
      responseType = io.rta.proto.toolkit.config.GetConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.GetConfigRequest,
      io.rta.proto.toolkit.config.GetConfigResponse> getGetConfigMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.GetConfigRequest, io.rta.proto.toolkit.config.GetConfigResponse> getGetConfigMethod;
    if ((getGetConfigMethod = ConfigStoreGrpc.getGetConfigMethod) == null) {
      synchronized (ConfigStoreGrpc.class) {
        if ((getGetConfigMethod = ConfigStoreGrpc.getGetConfigMethod) == null) {
          ConfigStoreGrpc.getGetConfigMethod = getGetConfigMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.config.GetConfigRequest, io.rta.proto.toolkit.config.GetConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.GetConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.GetConfigResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigStoreMethodDescriptorSupplier("GetConfig"))
              .build();
        }
      }
    }
    return getGetConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.GetConfigRequest,
      io.rta.proto.toolkit.config.ConfigStreamMessage> getGetConfigStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConfigStream",
      requestType = io.rta.proto.toolkit.config.GetConfigRequest.class,
      responseType = io.rta.proto.toolkit.config.ConfigStreamMessage.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.GetConfigRequest,
      io.rta.proto.toolkit.config.ConfigStreamMessage> getGetConfigStreamMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.GetConfigRequest, io.rta.proto.toolkit.config.ConfigStreamMessage> getGetConfigStreamMethod;
    if ((getGetConfigStreamMethod = ConfigStoreGrpc.getGetConfigStreamMethod) == null) {
      synchronized (ConfigStoreGrpc.class) {
        if ((getGetConfigStreamMethod = ConfigStoreGrpc.getGetConfigStreamMethod) == null) {
          ConfigStoreGrpc.getGetConfigStreamMethod = getGetConfigStreamMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.config.GetConfigRequest, io.rta.proto.toolkit.config.ConfigStreamMessage>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConfigStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.GetConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.ConfigStreamMessage.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigStoreMethodDescriptorSupplier("GetConfigStream"))
              .build();
        }
      }
    }
    return getGetConfigStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.DeleteConfigRequest,
      com.google.protobuf.Empty> getDeleteConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteConfig",
      requestType = io.rta.proto.toolkit.config.DeleteConfigRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.DeleteConfigRequest,
      com.google.protobuf.Empty> getDeleteConfigMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.config.DeleteConfigRequest, com.google.protobuf.Empty> getDeleteConfigMethod;
    if ((getDeleteConfigMethod = ConfigStoreGrpc.getDeleteConfigMethod) == null) {
      synchronized (ConfigStoreGrpc.class) {
        if ((getDeleteConfigMethod = ConfigStoreGrpc.getDeleteConfigMethod) == null) {
          ConfigStoreGrpc.getDeleteConfigMethod = getDeleteConfigMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.config.DeleteConfigRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.config.DeleteConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigStoreMethodDescriptorSupplier("DeleteConfig"))
              .build();
        }
      }
    }
    return getDeleteConfigMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ConfigStoreStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigStoreStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigStoreStub>() {
        @java.lang.Override
        public ConfigStoreStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigStoreStub(channel, callOptions);
        }
      };
    return ConfigStoreStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ConfigStoreBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigStoreBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigStoreBlockingV2Stub>() {
        @java.lang.Override
        public ConfigStoreBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigStoreBlockingV2Stub(channel, callOptions);
        }
      };
    return ConfigStoreBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ConfigStoreBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigStoreBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigStoreBlockingStub>() {
        @java.lang.Override
        public ConfigStoreBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigStoreBlockingStub(channel, callOptions);
        }
      };
    return ConfigStoreBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ConfigStoreFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigStoreFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigStoreFutureStub>() {
        @java.lang.Override
        public ConfigStoreFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigStoreFutureStub(channel, callOptions);
        }
      };
    return ConfigStoreFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages RTA Configuration.
   * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Stores a config unless it already exists.
     * The request is size-limited to 4 MiB by default. For large configs, call PutConfigStream.
     * </pre>
     */
    default void putConfig(io.rta.proto.toolkit.config.PutConfigRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPutConfigMethod(), responseObserver);
    }

    /**
     * <pre>
     * Stores a config as a stream unless it already exists.
     * The first message in the stream must be info containing the config identifier and content type.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.ConfigStreamMessage> putConfigStream(
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getPutConfigStreamMethod(), responseObserver);
    }

    /**
     * <pre>
     * Checks whether a config is stored.
     * </pre>
     */
    default void hasConfig(io.rta.proto.toolkit.config.HasConfigRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.BoolValue> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getHasConfigMethod(), responseObserver);
    }

    /**
     * <pre>
     * Gets a config.
     * The response is size-limited to 4 MiB by default. For large configs, call GetRequestStream.
     * </pre>
     */
    default void getConfig(io.rta.proto.toolkit.config.GetConfigRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.GetConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConfigMethod(), responseObserver);
    }

    /**
     * <pre>
     * Gets a config as a stream.
     * The first message in the stream is info containing the config identifier and content type.
     * </pre>
     */
    default void getConfigStream(io.rta.proto.toolkit.config.GetConfigRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.ConfigStreamMessage> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConfigStreamMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a config if it exists, succeeding silently if it does not.
     * Use with care. Unpublishing configuration will break any sessions that have it bound.
     * </pre>
     */
    default void deleteConfig(io.rta.proto.toolkit.config.DeleteConfigRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteConfigMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ConfigStore.
   * <pre>
   * Manages RTA Configuration.
   * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
   * </pre>
   */
  public static abstract class ConfigStoreImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ConfigStoreGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ConfigStore.
   * <pre>
   * Manages RTA Configuration.
   * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
   * </pre>
   */
  public static final class ConfigStoreStub
      extends io.grpc.stub.AbstractAsyncStub<ConfigStoreStub> {
    private ConfigStoreStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigStoreStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigStoreStub(channel, callOptions);
    }

    /**
     * <pre>
     * Stores a config unless it already exists.
     * The request is size-limited to 4 MiB by default. For large configs, call PutConfigStream.
     * </pre>
     */
    public void putConfig(io.rta.proto.toolkit.config.PutConfigRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPutConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Stores a config as a stream unless it already exists.
     * The first message in the stream must be info containing the config identifier and content type.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.ConfigStreamMessage> putConfigStream(
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getPutConfigStreamMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Checks whether a config is stored.
     * </pre>
     */
    public void hasConfig(io.rta.proto.toolkit.config.HasConfigRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.BoolValue> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getHasConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Gets a config.
     * The response is size-limited to 4 MiB by default. For large configs, call GetRequestStream.
     * </pre>
     */
    public void getConfig(io.rta.proto.toolkit.config.GetConfigRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.GetConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Gets a config as a stream.
     * The first message in the stream is info containing the config identifier and content type.
     * </pre>
     */
    public void getConfigStream(io.rta.proto.toolkit.config.GetConfigRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.ConfigStreamMessage> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getGetConfigStreamMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a config if it exists, succeeding silently if it does not.
     * Use with care. Unpublishing configuration will break any sessions that have it bound.
     * </pre>
     */
    public void deleteConfig(io.rta.proto.toolkit.config.DeleteConfigRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteConfigMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ConfigStore.
   * <pre>
   * Manages RTA Configuration.
   * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
   * </pre>
   */
  public static final class ConfigStoreBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ConfigStoreBlockingV2Stub> {
    private ConfigStoreBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigStoreBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigStoreBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Stores a config unless it already exists.
     * The request is size-limited to 4 MiB by default. For large configs, call PutConfigStream.
     * </pre>
     */
    public com.google.protobuf.Empty putConfig(io.rta.proto.toolkit.config.PutConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPutConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stores a config as a stream unless it already exists.
     * The first message in the stream must be info containing the config identifier and content type.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.rta.proto.toolkit.config.ConfigStreamMessage, com.google.protobuf.Empty>
        putConfigStream() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getPutConfigStreamMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Checks whether a config is stored.
     * </pre>
     */
    public com.google.protobuf.BoolValue hasConfig(io.rta.proto.toolkit.config.HasConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getHasConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a config.
     * The response is size-limited to 4 MiB by default. For large configs, call GetRequestStream.
     * </pre>
     */
    public io.rta.proto.toolkit.config.GetConfigResponse getConfig(io.rta.proto.toolkit.config.GetConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a config as a stream.
     * The first message in the stream is info containing the config identifier and content type.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.rta.proto.toolkit.config.ConfigStreamMessage>
        getConfigStream(io.rta.proto.toolkit.config.GetConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getGetConfigStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a config if it exists, succeeding silently if it does not.
     * Use with care. Unpublishing configuration will break any sessions that have it bound.
     * </pre>
     */
    public com.google.protobuf.Empty deleteConfig(io.rta.proto.toolkit.config.DeleteConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteConfigMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ConfigStore.
   * <pre>
   * Manages RTA Configuration.
   * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
   * </pre>
   */
  public static final class ConfigStoreBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ConfigStoreBlockingStub> {
    private ConfigStoreBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigStoreBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigStoreBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Stores a config unless it already exists.
     * The request is size-limited to 4 MiB by default. For large configs, call PutConfigStream.
     * </pre>
     */
    public com.google.protobuf.Empty putConfig(io.rta.proto.toolkit.config.PutConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPutConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks whether a config is stored.
     * </pre>
     */
    public com.google.protobuf.BoolValue hasConfig(io.rta.proto.toolkit.config.HasConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getHasConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a config.
     * The response is size-limited to 4 MiB by default. For large configs, call GetRequestStream.
     * </pre>
     */
    public io.rta.proto.toolkit.config.GetConfigResponse getConfig(io.rta.proto.toolkit.config.GetConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a config as a stream.
     * The first message in the stream is info containing the config identifier and content type.
     * </pre>
     */
    public java.util.Iterator<io.rta.proto.toolkit.config.ConfigStreamMessage> getConfigStream(
        io.rta.proto.toolkit.config.GetConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getGetConfigStreamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a config if it exists, succeeding silently if it does not.
     * Use with care. Unpublishing configuration will break any sessions that have it bound.
     * </pre>
     */
    public com.google.protobuf.Empty deleteConfig(io.rta.proto.toolkit.config.DeleteConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteConfigMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ConfigStore.
   * <pre>
   * Manages RTA Configuration.
   * Configuration describes telemetry, in terms of parameters, events, formatting, etc.
   * </pre>
   */
  public static final class ConfigStoreFutureStub
      extends io.grpc.stub.AbstractFutureStub<ConfigStoreFutureStub> {
    private ConfigStoreFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigStoreFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigStoreFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Stores a config unless it already exists.
     * The request is size-limited to 4 MiB by default. For large configs, call PutConfigStream.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> putConfig(
        io.rta.proto.toolkit.config.PutConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPutConfigMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Checks whether a config is stored.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.BoolValue> hasConfig(
        io.rta.proto.toolkit.config.HasConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getHasConfigMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Gets a config.
     * The response is size-limited to 4 MiB by default. For large configs, call GetRequestStream.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.config.GetConfigResponse> getConfig(
        io.rta.proto.toolkit.config.GetConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConfigMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a config if it exists, succeeding silently if it does not.
     * Use with care. Unpublishing configuration will break any sessions that have it bound.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteConfig(
        io.rta.proto.toolkit.config.DeleteConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteConfigMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_PUT_CONFIG = 0;
  private static final int METHODID_HAS_CONFIG = 1;
  private static final int METHODID_GET_CONFIG = 2;
  private static final int METHODID_GET_CONFIG_STREAM = 3;
  private static final int METHODID_DELETE_CONFIG = 4;
  private static final int METHODID_PUT_CONFIG_STREAM = 5;

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
        case METHODID_PUT_CONFIG:
          serviceImpl.putConfig((io.rta.proto.toolkit.config.PutConfigRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_HAS_CONFIG:
          serviceImpl.hasConfig((io.rta.proto.toolkit.config.HasConfigRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.BoolValue>) responseObserver);
          break;
        case METHODID_GET_CONFIG:
          serviceImpl.getConfig((io.rta.proto.toolkit.config.GetConfigRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.GetConfigResponse>) responseObserver);
          break;
        case METHODID_GET_CONFIG_STREAM:
          serviceImpl.getConfigStream((io.rta.proto.toolkit.config.GetConfigRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.config.ConfigStreamMessage>) responseObserver);
          break;
        case METHODID_DELETE_CONFIG:
          serviceImpl.deleteConfig((io.rta.proto.toolkit.config.DeleteConfigRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
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
        case METHODID_PUT_CONFIG_STREAM:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.putConfigStream(
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getPutConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.config.PutConfigRequest,
              com.google.protobuf.Empty>(
                service, METHODID_PUT_CONFIG)))
        .addMethod(
          getPutConfigStreamMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.config.ConfigStreamMessage,
              com.google.protobuf.Empty>(
                service, METHODID_PUT_CONFIG_STREAM)))
        .addMethod(
          getHasConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.config.HasConfigRequest,
              com.google.protobuf.BoolValue>(
                service, METHODID_HAS_CONFIG)))
        .addMethod(
          getGetConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.config.GetConfigRequest,
              io.rta.proto.toolkit.config.GetConfigResponse>(
                service, METHODID_GET_CONFIG)))
        .addMethod(
          getGetConfigStreamMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.rta.proto.toolkit.config.GetConfigRequest,
              io.rta.proto.toolkit.config.ConfigStreamMessage>(
                service, METHODID_GET_CONFIG_STREAM)))
        .addMethod(
          getDeleteConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.config.DeleteConfigRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_CONFIG)))
        .build();
  }

  private static abstract class ConfigStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ConfigStoreBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.rta.proto.toolkit.config.ConfigServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ConfigStore");
    }
  }

  private static final class ConfigStoreFileDescriptorSupplier
      extends ConfigStoreBaseDescriptorSupplier {
    ConfigStoreFileDescriptorSupplier() {}
  }

  private static final class ConfigStoreMethodDescriptorSupplier
      extends ConfigStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ConfigStoreMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ConfigStoreGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ConfigStoreFileDescriptorSupplier())
              .addMethod(getPutConfigMethod())
              .addMethod(getPutConfigStreamMethod())
              .addMethod(getHasConfigMethod())
              .addMethod(getGetConfigMethod())
              .addMethod(getGetConfigStreamMethod())
              .addMethod(getDeleteConfigMethod())
              .build();
        }
      }
    }
    return result;
  }
}
