package io.rta.proto.toolkit.schemamapping;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages Schema Mappings.
 * Schema Mappings describe transformations from a data store schema to the RTA domain model.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SchemaMappingStoreGrpc {

  private SchemaMappingStoreGrpc() {}

  public static final java.lang.String SERVICE_NAME = "rta.toolkit.api.schema_mapping_service.SchemaMappingStore";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest,
      com.google.protobuf.BoolValue> getHasSchemaMappingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "HasSchemaMapping",
      requestType = io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest.class,
      responseType = com.google.protobuf.BoolValue.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest,
      com.google.protobuf.BoolValue> getHasSchemaMappingMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest, com.google.protobuf.BoolValue> getHasSchemaMappingMethod;
    if ((getHasSchemaMappingMethod = SchemaMappingStoreGrpc.getHasSchemaMappingMethod) == null) {
      synchronized (SchemaMappingStoreGrpc.class) {
        if ((getHasSchemaMappingMethod = SchemaMappingStoreGrpc.getHasSchemaMappingMethod) == null) {
          SchemaMappingStoreGrpc.getHasSchemaMappingMethod = getHasSchemaMappingMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest, com.google.protobuf.BoolValue>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "HasSchemaMapping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.BoolValue.getDefaultInstance()))
              .setSchemaDescriptor(new SchemaMappingStoreMethodDescriptorSupplier("HasSchemaMapping"))
              .build();
        }
      }
    }
    return getHasSchemaMappingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest,
      io.rta.proto.toolkit.schemamapping.SchemaMapping> getGetSchemaMappingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSchemaMapping",
      requestType = io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest.class,
      responseType = io.rta.proto.toolkit.schemamapping.SchemaMapping.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest,
      io.rta.proto.toolkit.schemamapping.SchemaMapping> getGetSchemaMappingMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest, io.rta.proto.toolkit.schemamapping.SchemaMapping> getGetSchemaMappingMethod;
    if ((getGetSchemaMappingMethod = SchemaMappingStoreGrpc.getGetSchemaMappingMethod) == null) {
      synchronized (SchemaMappingStoreGrpc.class) {
        if ((getGetSchemaMappingMethod = SchemaMappingStoreGrpc.getGetSchemaMappingMethod) == null) {
          SchemaMappingStoreGrpc.getGetSchemaMappingMethod = getGetSchemaMappingMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest, io.rta.proto.toolkit.schemamapping.SchemaMapping>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSchemaMapping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.SchemaMapping.getDefaultInstance()))
              .setSchemaDescriptor(new SchemaMappingStoreMethodDescriptorSupplier("GetSchemaMapping"))
              .build();
        }
      }
    }
    return getGetSchemaMappingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest,
      io.rta.proto.toolkit.schemamapping.SchemaMapping> getQuerySchemaMappingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "QuerySchemaMapping",
      requestType = io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest.class,
      responseType = io.rta.proto.toolkit.schemamapping.SchemaMapping.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest,
      io.rta.proto.toolkit.schemamapping.SchemaMapping> getQuerySchemaMappingMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest, io.rta.proto.toolkit.schemamapping.SchemaMapping> getQuerySchemaMappingMethod;
    if ((getQuerySchemaMappingMethod = SchemaMappingStoreGrpc.getQuerySchemaMappingMethod) == null) {
      synchronized (SchemaMappingStoreGrpc.class) {
        if ((getQuerySchemaMappingMethod = SchemaMappingStoreGrpc.getQuerySchemaMappingMethod) == null) {
          SchemaMappingStoreGrpc.getQuerySchemaMappingMethod = getQuerySchemaMappingMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest, io.rta.proto.toolkit.schemamapping.SchemaMapping>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "QuerySchemaMapping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.SchemaMapping.getDefaultInstance()))
              .setSchemaDescriptor(new SchemaMappingStoreMethodDescriptorSupplier("QuerySchemaMapping"))
              .build();
        }
      }
    }
    return getQuerySchemaMappingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest,
      com.google.protobuf.Empty> getPutSchemaMappingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutSchemaMapping",
      requestType = io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest,
      com.google.protobuf.Empty> getPutSchemaMappingMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest, com.google.protobuf.Empty> getPutSchemaMappingMethod;
    if ((getPutSchemaMappingMethod = SchemaMappingStoreGrpc.getPutSchemaMappingMethod) == null) {
      synchronized (SchemaMappingStoreGrpc.class) {
        if ((getPutSchemaMappingMethod = SchemaMappingStoreGrpc.getPutSchemaMappingMethod) == null) {
          SchemaMappingStoreGrpc.getPutSchemaMappingMethod = getPutSchemaMappingMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutSchemaMapping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new SchemaMappingStoreMethodDescriptorSupplier("PutSchemaMapping"))
              .build();
        }
      }
    }
    return getPutSchemaMappingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest,
      com.google.protobuf.Empty> getDeleteSchemaMappingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteSchemaMapping",
      requestType = io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest,
      com.google.protobuf.Empty> getDeleteSchemaMappingMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest, com.google.protobuf.Empty> getDeleteSchemaMappingMethod;
    if ((getDeleteSchemaMappingMethod = SchemaMappingStoreGrpc.getDeleteSchemaMappingMethod) == null) {
      synchronized (SchemaMappingStoreGrpc.class) {
        if ((getDeleteSchemaMappingMethod = SchemaMappingStoreGrpc.getDeleteSchemaMappingMethod) == null) {
          SchemaMappingStoreGrpc.getDeleteSchemaMappingMethod = getDeleteSchemaMappingMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteSchemaMapping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new SchemaMappingStoreMethodDescriptorSupplier("DeleteSchemaMapping"))
              .build();
        }
      }
    }
    return getDeleteSchemaMappingMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SchemaMappingStoreStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreStub>() {
        @java.lang.Override
        public SchemaMappingStoreStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SchemaMappingStoreStub(channel, callOptions);
        }
      };
    return SchemaMappingStoreStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SchemaMappingStoreBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreBlockingV2Stub>() {
        @java.lang.Override
        public SchemaMappingStoreBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SchemaMappingStoreBlockingV2Stub(channel, callOptions);
        }
      };
    return SchemaMappingStoreBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SchemaMappingStoreBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreBlockingStub>() {
        @java.lang.Override
        public SchemaMappingStoreBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SchemaMappingStoreBlockingStub(channel, callOptions);
        }
      };
    return SchemaMappingStoreBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SchemaMappingStoreFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SchemaMappingStoreFutureStub>() {
        @java.lang.Override
        public SchemaMappingStoreFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SchemaMappingStoreFutureStub(channel, callOptions);
        }
      };
    return SchemaMappingStoreFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages Schema Mappings.
   * Schema Mappings describe transformations from a data store schema to the RTA domain model.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Checks whether a Schema Mapping is stored.
     * </pre>
     */
    default void hasSchemaMapping(io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.BoolValue> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getHasSchemaMappingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Gets a Schema Mapping.
     * </pre>
     */
    default void getSchemaMapping(io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSchemaMappingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Queries a Schema Mapping, filtering the result to include only selected channels and (all/none) events.
     * The channels filter is the same simple expression langauge used in the REST API.
     * </pre>
     */
    default void querySchemaMapping(io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getQuerySchemaMappingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates or updates a Schema Mapping.
     * The exact content will vary according to the requirements of the data service.
     * Consult the service documentation for details.
     * </pre>
     */
    default void putSchemaMapping(io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPutSchemaMappingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a Schema Mapping.
     * This is safer than deleting config since it is bound to a specific session,
     * but you should still verify that the session is no longer required.
     * </pre>
     */
    default void deleteSchemaMapping(io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteSchemaMappingMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SchemaMappingStore.
   * <pre>
   * Manages Schema Mappings.
   * Schema Mappings describe transformations from a data store schema to the RTA domain model.
   * </pre>
   */
  public static abstract class SchemaMappingStoreImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SchemaMappingStoreGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SchemaMappingStore.
   * <pre>
   * Manages Schema Mappings.
   * Schema Mappings describe transformations from a data store schema to the RTA domain model.
   * </pre>
   */
  public static final class SchemaMappingStoreStub
      extends io.grpc.stub.AbstractAsyncStub<SchemaMappingStoreStub> {
    private SchemaMappingStoreStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SchemaMappingStoreStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SchemaMappingStoreStub(channel, callOptions);
    }

    /**
     * <pre>
     * Checks whether a Schema Mapping is stored.
     * </pre>
     */
    public void hasSchemaMapping(io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.BoolValue> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getHasSchemaMappingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Gets a Schema Mapping.
     * </pre>
     */
    public void getSchemaMapping(io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSchemaMappingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Queries a Schema Mapping, filtering the result to include only selected channels and (all/none) events.
     * The channels filter is the same simple expression langauge used in the REST API.
     * </pre>
     */
    public void querySchemaMapping(io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getQuerySchemaMappingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates or updates a Schema Mapping.
     * The exact content will vary according to the requirements of the data service.
     * Consult the service documentation for details.
     * </pre>
     */
    public void putSchemaMapping(io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPutSchemaMappingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a Schema Mapping.
     * This is safer than deleting config since it is bound to a specific session,
     * but you should still verify that the session is no longer required.
     * </pre>
     */
    public void deleteSchemaMapping(io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteSchemaMappingMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SchemaMappingStore.
   * <pre>
   * Manages Schema Mappings.
   * Schema Mappings describe transformations from a data store schema to the RTA domain model.
   * </pre>
   */
  public static final class SchemaMappingStoreBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SchemaMappingStoreBlockingV2Stub> {
    private SchemaMappingStoreBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SchemaMappingStoreBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SchemaMappingStoreBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Checks whether a Schema Mapping is stored.
     * </pre>
     */
    public com.google.protobuf.BoolValue hasSchemaMapping(io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getHasSchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a Schema Mapping.
     * </pre>
     */
    public io.rta.proto.toolkit.schemamapping.SchemaMapping getSchemaMapping(io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Queries a Schema Mapping, filtering the result to include only selected channels and (all/none) events.
     * The channels filter is the same simple expression langauge used in the REST API.
     * </pre>
     */
    public io.rta.proto.toolkit.schemamapping.SchemaMapping querySchemaMapping(io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getQuerySchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates or updates a Schema Mapping.
     * The exact content will vary according to the requirements of the data service.
     * Consult the service documentation for details.
     * </pre>
     */
    public com.google.protobuf.Empty putSchemaMapping(io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPutSchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a Schema Mapping.
     * This is safer than deleting config since it is bound to a specific session,
     * but you should still verify that the session is no longer required.
     * </pre>
     */
    public com.google.protobuf.Empty deleteSchemaMapping(io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteSchemaMappingMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SchemaMappingStore.
   * <pre>
   * Manages Schema Mappings.
   * Schema Mappings describe transformations from a data store schema to the RTA domain model.
   * </pre>
   */
  public static final class SchemaMappingStoreBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SchemaMappingStoreBlockingStub> {
    private SchemaMappingStoreBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SchemaMappingStoreBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SchemaMappingStoreBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Checks whether a Schema Mapping is stored.
     * </pre>
     */
    public com.google.protobuf.BoolValue hasSchemaMapping(io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getHasSchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a Schema Mapping.
     * </pre>
     */
    public io.rta.proto.toolkit.schemamapping.SchemaMapping getSchemaMapping(io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Queries a Schema Mapping, filtering the result to include only selected channels and (all/none) events.
     * The channels filter is the same simple expression langauge used in the REST API.
     * </pre>
     */
    public io.rta.proto.toolkit.schemamapping.SchemaMapping querySchemaMapping(io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getQuerySchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates or updates a Schema Mapping.
     * The exact content will vary according to the requirements of the data service.
     * Consult the service documentation for details.
     * </pre>
     */
    public com.google.protobuf.Empty putSchemaMapping(io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPutSchemaMappingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a Schema Mapping.
     * This is safer than deleting config since it is bound to a specific session,
     * but you should still verify that the session is no longer required.
     * </pre>
     */
    public com.google.protobuf.Empty deleteSchemaMapping(io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteSchemaMappingMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SchemaMappingStore.
   * <pre>
   * Manages Schema Mappings.
   * Schema Mappings describe transformations from a data store schema to the RTA domain model.
   * </pre>
   */
  public static final class SchemaMappingStoreFutureStub
      extends io.grpc.stub.AbstractFutureStub<SchemaMappingStoreFutureStub> {
    private SchemaMappingStoreFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SchemaMappingStoreFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SchemaMappingStoreFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Checks whether a Schema Mapping is stored.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.BoolValue> hasSchemaMapping(
        io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getHasSchemaMappingMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Gets a Schema Mapping.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.schemamapping.SchemaMapping> getSchemaMapping(
        io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSchemaMappingMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Queries a Schema Mapping, filtering the result to include only selected channels and (all/none) events.
     * The channels filter is the same simple expression langauge used in the REST API.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.schemamapping.SchemaMapping> querySchemaMapping(
        io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getQuerySchemaMappingMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates or updates a Schema Mapping.
     * The exact content will vary according to the requirements of the data service.
     * Consult the service documentation for details.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> putSchemaMapping(
        io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPutSchemaMappingMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a Schema Mapping.
     * This is safer than deleting config since it is bound to a specific session,
     * but you should still verify that the session is no longer required.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteSchemaMapping(
        io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteSchemaMappingMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_HAS_SCHEMA_MAPPING = 0;
  private static final int METHODID_GET_SCHEMA_MAPPING = 1;
  private static final int METHODID_QUERY_SCHEMA_MAPPING = 2;
  private static final int METHODID_PUT_SCHEMA_MAPPING = 3;
  private static final int METHODID_DELETE_SCHEMA_MAPPING = 4;

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
        case METHODID_HAS_SCHEMA_MAPPING:
          serviceImpl.hasSchemaMapping((io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.BoolValue>) responseObserver);
          break;
        case METHODID_GET_SCHEMA_MAPPING:
          serviceImpl.getSchemaMapping((io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping>) responseObserver);
          break;
        case METHODID_QUERY_SCHEMA_MAPPING:
          serviceImpl.querySchemaMapping((io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping>) responseObserver);
          break;
        case METHODID_PUT_SCHEMA_MAPPING:
          serviceImpl.putSchemaMapping((io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_DELETE_SCHEMA_MAPPING:
          serviceImpl.deleteSchemaMapping((io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest) request,
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
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getHasSchemaMappingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest,
              com.google.protobuf.BoolValue>(
                service, METHODID_HAS_SCHEMA_MAPPING)))
        .addMethod(
          getGetSchemaMappingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest,
              io.rta.proto.toolkit.schemamapping.SchemaMapping>(
                service, METHODID_GET_SCHEMA_MAPPING)))
        .addMethod(
          getQuerySchemaMappingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest,
              io.rta.proto.toolkit.schemamapping.SchemaMapping>(
                service, METHODID_QUERY_SCHEMA_MAPPING)))
        .addMethod(
          getPutSchemaMappingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest,
              com.google.protobuf.Empty>(
                service, METHODID_PUT_SCHEMA_MAPPING)))
        .addMethod(
          getDeleteSchemaMappingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_SCHEMA_MAPPING)))
        .build();
  }

  private static abstract class SchemaMappingStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SchemaMappingStoreBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.rta.proto.toolkit.schemamapping.SchemaMappingServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SchemaMappingStore");
    }
  }

  private static final class SchemaMappingStoreFileDescriptorSupplier
      extends SchemaMappingStoreBaseDescriptorSupplier {
    SchemaMappingStoreFileDescriptorSupplier() {}
  }

  private static final class SchemaMappingStoreMethodDescriptorSupplier
      extends SchemaMappingStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SchemaMappingStoreMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (SchemaMappingStoreGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SchemaMappingStoreFileDescriptorSupplier())
              .addMethod(getHasSchemaMappingMethod())
              .addMethod(getGetSchemaMappingMethod())
              .addMethod(getQuerySchemaMappingMethod())
              .addMethod(getPutSchemaMappingMethod())
              .addMethod(getDeleteSchemaMappingMethod())
              .build();
        }
      }
    }
    return result;
  }
}
