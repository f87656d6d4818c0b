package io.rta.proto.toolkit.session;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages Sessions.
 * Sessions are a logical way to organize data - like a file system.
 * This service includes support for organizing sessions into folders and searching by metadata.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SessionStoreGrpc {

  private SessionStoreGrpc() {}

  public static final java.lang.String SERVICE_NAME = "rta.toolkit.api.session_service.SessionStore";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionFoldersRequest,
      io.rta.proto.toolkit.session.GetSessionFoldersResponse> getGetSessionFoldersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSessionFolders",
      requestType = io.rta.proto.toolkit.session.GetSessionFoldersRequest.class,
      responseType = io.rta.proto.toolkit.session.GetSessionFoldersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionFoldersRequest,
      io.rta.proto.toolkit.session.GetSessionFoldersResponse> getGetSessionFoldersMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionFoldersRequest, io.rta.proto.toolkit.session.GetSessionFoldersResponse> getGetSessionFoldersMethod;
    if ((getGetSessionFoldersMethod = SessionStoreGrpc.getGetSessionFoldersMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getGetSessionFoldersMethod = SessionStoreGrpc.getGetSessionFoldersMethod) == null) {
          SessionStoreGrpc.getGetSessionFoldersMethod = getGetSessionFoldersMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.GetSessionFoldersRequest, io.rta.proto.toolkit.session.GetSessionFoldersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSessionFolders"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.GetSessionFoldersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.GetSessionFoldersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("GetSessionFolders"))
              .build();
        }
      }
    }
    return getGetSessionFoldersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.PutSessionFolderRequest,
      com.google.protobuf.Empty> getPutSessionFolderMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutSessionFolder",
      requestType = io.rta.proto.toolkit.session.PutSessionFolderRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.PutSessionFolderRequest,
      com.google.protobuf.Empty> getPutSessionFolderMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.PutSessionFolderRequest, com.google.protobuf.Empty> getPutSessionFolderMethod;
    if ((getPutSessionFolderMethod = SessionStoreGrpc.getPutSessionFolderMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getPutSessionFolderMethod = SessionStoreGrpc.getPutSessionFolderMethod) == null) {
          SessionStoreGrpc.getPutSessionFolderMethod = getPutSessionFolderMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.PutSessionFolderRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutSessionFolder"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.PutSessionFolderRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("PutSessionFolder"))
              .build();
        }
      }
    }
    return getPutSessionFolderMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.DeleteSessionFoldersRequest,
      com.google.protobuf.Empty> getDeleteSessionFoldersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteSessionFolders",
      requestType = io.rta.proto.toolkit.session.DeleteSessionFoldersRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.DeleteSessionFoldersRequest,
      com.google.protobuf.Empty> getDeleteSessionFoldersMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.DeleteSessionFoldersRequest, com.google.protobuf.Empty> getDeleteSessionFoldersMethod;
    if ((getDeleteSessionFoldersMethod = SessionStoreGrpc.getDeleteSessionFoldersMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getDeleteSessionFoldersMethod = SessionStoreGrpc.getDeleteSessionFoldersMethod) == null) {
          SessionStoreGrpc.getDeleteSessionFoldersMethod = getDeleteSessionFoldersMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.DeleteSessionFoldersRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteSessionFolders"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.DeleteSessionFoldersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("DeleteSessionFolders"))
              .build();
        }
      }
    }
    return getDeleteSessionFoldersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionMetamodelRequest,
      io.rta.proto.toolkit.session.GetSessionMetamodelResponse> getGetSessionMetamodelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSessionMetamodel",
      requestType = io.rta.proto.toolkit.session.GetSessionMetamodelRequest.class,
      responseType = io.rta.proto.toolkit.session.GetSessionMetamodelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionMetamodelRequest,
      io.rta.proto.toolkit.session.GetSessionMetamodelResponse> getGetSessionMetamodelMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionMetamodelRequest, io.rta.proto.toolkit.session.GetSessionMetamodelResponse> getGetSessionMetamodelMethod;
    if ((getGetSessionMetamodelMethod = SessionStoreGrpc.getGetSessionMetamodelMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getGetSessionMetamodelMethod = SessionStoreGrpc.getGetSessionMetamodelMethod) == null) {
          SessionStoreGrpc.getGetSessionMetamodelMethod = getGetSessionMetamodelMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.GetSessionMetamodelRequest, io.rta.proto.toolkit.session.GetSessionMetamodelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSessionMetamodel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.GetSessionMetamodelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.GetSessionMetamodelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("GetSessionMetamodel"))
              .build();
        }
      }
    }
    return getGetSessionMetamodelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.QuerySessionMetamodelRequest,
      io.rta.proto.toolkit.session.QuerySessionMetamodelResponse> getQuerySessionMetamodelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "QuerySessionMetamodel",
      requestType = io.rta.proto.toolkit.session.QuerySessionMetamodelRequest.class,
      responseType = io.rta.proto.toolkit.session.QuerySessionMetamodelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.QuerySessionMetamodelRequest,
      io.rta.proto.toolkit.session.QuerySessionMetamodelResponse> getQuerySessionMetamodelMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.QuerySessionMetamodelRequest, io.rta.proto.toolkit.session.QuerySessionMetamodelResponse> getQuerySessionMetamodelMethod;
    if ((getQuerySessionMetamodelMethod = SessionStoreGrpc.getQuerySessionMetamodelMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getQuerySessionMetamodelMethod = SessionStoreGrpc.getQuerySessionMetamodelMethod) == null) {
          SessionStoreGrpc.getQuerySessionMetamodelMethod = getQuerySessionMetamodelMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.QuerySessionMetamodelRequest, io.rta.proto.toolkit.session.QuerySessionMetamodelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "QuerySessionMetamodel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.QuerySessionMetamodelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.QuerySessionMetamodelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("QuerySessionMetamodel"))
              .build();
        }
      }
    }
    return getQuerySessionMetamodelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.ListSessionsRequest,
      io.rta.proto.toolkit.session.ListSessionsResponse> getListSessionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListSessions",
      requestType = io.rta.proto.toolkit.session.ListSessionsRequest.class,
      responseType = io.rta.proto.toolkit.session.ListSessionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.ListSessionsRequest,
      io.rta.proto.toolkit.session.ListSessionsResponse> getListSessionsMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.ListSessionsRequest, io.rta.proto.toolkit.session.ListSessionsResponse> getListSessionsMethod;
    if ((getListSessionsMethod = SessionStoreGrpc.getListSessionsMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getListSessionsMethod = SessionStoreGrpc.getListSessionsMethod) == null) {
          SessionStoreGrpc.getListSessionsMethod = getListSessionsMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.ListSessionsRequest, io.rta.proto.toolkit.session.ListSessionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListSessions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.ListSessionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.ListSessionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("ListSessions"))
              .build();
        }
      }
    }
    return getListSessionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionRequest,
      io.rta.proto.toolkit.session.Session> getGetSessionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSession",
      requestType = io.rta.proto.toolkit.session.GetSessionRequest.class,
      responseType = io.rta.proto.toolkit.session.Session.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionRequest,
      io.rta.proto.toolkit.session.Session> getGetSessionMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.GetSessionRequest, io.rta.proto.toolkit.session.Session> getGetSessionMethod;
    if ((getGetSessionMethod = SessionStoreGrpc.getGetSessionMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getGetSessionMethod = SessionStoreGrpc.getGetSessionMethod) == null) {
          SessionStoreGrpc.getGetSessionMethod = getGetSessionMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.GetSessionRequest, io.rta.proto.toolkit.session.Session>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSession"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.GetSessionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.Session.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("GetSession"))
              .build();
        }
      }
    }
    return getGetSessionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest,
      com.google.protobuf.Empty> getCreateOrUpdateSessionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateOrUpdateSession",
      requestType = io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest,
      com.google.protobuf.Empty> getCreateOrUpdateSessionMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest, com.google.protobuf.Empty> getCreateOrUpdateSessionMethod;
    if ((getCreateOrUpdateSessionMethod = SessionStoreGrpc.getCreateOrUpdateSessionMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getCreateOrUpdateSessionMethod = SessionStoreGrpc.getCreateOrUpdateSessionMethod) == null) {
          SessionStoreGrpc.getCreateOrUpdateSessionMethod = getCreateOrUpdateSessionMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateOrUpdateSession"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("CreateOrUpdateSession"))
              .build();
        }
      }
    }
    return getCreateOrUpdateSessionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.DeleteSessionsRequest,
      com.google.protobuf.Empty> getDeleteSessionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteSessions",
      requestType = io.rta.proto.toolkit.session.DeleteSessionsRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.DeleteSessionsRequest,
      com.google.protobuf.Empty> getDeleteSessionsMethod() {
    io.grpc.MethodDescriptor<io.rta.proto.toolkit.session.DeleteSessionsRequest, com.google.protobuf.Empty> getDeleteSessionsMethod;
    if ((getDeleteSessionsMethod = SessionStoreGrpc.getDeleteSessionsMethod) == null) {
      synchronized (SessionStoreGrpc.class) {
        if ((getDeleteSessionsMethod = SessionStoreGrpc.getDeleteSessionsMethod) == null) {
          SessionStoreGrpc.getDeleteSessionsMethod = getDeleteSessionsMethod =
              io.grpc.MethodDescriptor.<io.rta.proto.toolkit.session.DeleteSessionsRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteSessions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.rta.proto.toolkit.session.DeleteSessionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new SessionStoreMethodDescriptorSupplier("DeleteSessions"))
              .build();
        }
      }
    }
    return getDeleteSessionsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SessionStoreStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SessionStoreStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SessionStoreStub>() {
        @java.lang.Override
        public SessionStoreStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SessionStoreStub(channel, callOptions);
        }
      };
    return SessionStoreStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SessionStoreBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SessionStoreBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SessionStoreBlockingV2Stub>() {
        @java.lang.Override
        public SessionStoreBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SessionStoreBlockingV2Stub(channel, callOptions);
        }
      };
    return SessionStoreBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SessionStoreBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SessionStoreBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SessionStoreBlockingStub>() {
        @java.lang.Override
        public SessionStoreBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SessionStoreBlockingStub(channel, callOptions);
        }
      };
    return SessionStoreBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SessionStoreFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SessionStoreFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SessionStoreFutureStub>() {
        @java.lang.Override
        public SessionStoreFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SessionStoreFutureStub(channel, callOptions);
        }
      };
    return SessionStoreFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages Sessions.
   * Sessions are a logical way to organize data - like a file system.
   * This service includes support for organizing sessions into folders and searching by metadata.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Gets session folders within a parent folder.
     * </pre>
     */
    default void getSessionFolders(io.rta.proto.toolkit.session.GetSessionFoldersRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.GetSessionFoldersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSessionFoldersMethod(), responseObserver);
    }

    /**
     * <pre>
     * Updates a folder.
     * Use this method to move a folder, by updating its parent.
     * </pre>
     */
    default void putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPutSessionFolderMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes folders. The root folder (empty identity) cannot be deleted.
     * Any sessions left orphaned by this method are reattached to the root folder.
     * </pre>
     */
    default void deleteSessionFolders(io.rta.proto.toolkit.session.DeleteSessionFoldersRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteSessionFoldersMethod(), responseObserver);
    }

    /**
     * <pre>
     * Gets a summary of session properties.
     * Can be scoped by folder sub-tree.
     * </pre>
     */
    default void getSessionMetamodel(io.rta.proto.toolkit.session.GetSessionMetamodelRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.GetSessionMetamodelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSessionMetamodelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Queries the session metamodel for properties from the extended session details,
     * which are not exposed in the session or metamodel by default.
     * </pre>
     */
    default void querySessionMetamodel(io.rta.proto.toolkit.session.QuerySessionMetamodelRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.QuerySessionMetamodelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getQuerySessionMetamodelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists sessions, with sorting and paging.
     * </pre>
     */
    default void listSessions(io.rta.proto.toolkit.session.ListSessionsRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.ListSessionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListSessionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Gets the specified session by identity.
     * </pre>
     */
    default void getSession(io.rta.proto.toolkit.session.GetSessionRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.Session> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSessionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates or updates a session.
     * </pre>
     */
    default void createOrUpdateSession(io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateOrUpdateSessionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes sessions.
     * Sessions that do not exist are silently ignored.
     * </pre>
     */
    default void deleteSessions(io.rta.proto.toolkit.session.DeleteSessionsRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteSessionsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SessionStore.
   * <pre>
   * Manages Sessions.
   * Sessions are a logical way to organize data - like a file system.
   * This service includes support for organizing sessions into folders and searching by metadata.
   * </pre>
   */
  public static abstract class SessionStoreImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SessionStoreGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SessionStore.
   * <pre>
   * Manages Sessions.
   * Sessions are a logical way to organize data - like a file system.
   * This service includes support for organizing sessions into folders and searching by metadata.
   * </pre>
   */
  public static final class SessionStoreStub
      extends io.grpc.stub.AbstractAsyncStub<SessionStoreStub> {
    private SessionStoreStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SessionStoreStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SessionStoreStub(channel, callOptions);
    }

    /**
     * <pre>
     * Gets session folders within a parent folder.
     * </pre>
     */
    public void getSessionFolders(io.rta.proto.toolkit.session.GetSessionFoldersRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.GetSessionFoldersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSessionFoldersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Updates a folder.
     * Use this method to move a folder, by updating its parent.
     * </pre>
     */
    public void putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPutSessionFolderMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes folders. The root folder (empty identity) cannot be deleted.
     * Any sessions left orphaned by this method are reattached to the root folder.
     * </pre>
     */
    public void deleteSessionFolders(io.rta.proto.toolkit.session.DeleteSessionFoldersRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteSessionFoldersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Gets a summary of session properties.
     * Can be scoped by folder sub-tree.
     * </pre>
     */
    public void getSessionMetamodel(io.rta.proto.toolkit.session.GetSessionMetamodelRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.GetSessionMetamodelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSessionMetamodelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Queries the session metamodel for properties from the extended session details,
     * which are not exposed in the session or metamodel by default.
     * </pre>
     */
    public void querySessionMetamodel(io.rta.proto.toolkit.session.QuerySessionMetamodelRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.QuerySessionMetamodelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getQuerySessionMetamodelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists sessions, with sorting and paging.
     * </pre>
     */
    public void listSessions(io.rta.proto.toolkit.session.ListSessionsRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.ListSessionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListSessionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Gets the specified session by identity.
     * </pre>
     */
    public void getSession(io.rta.proto.toolkit.session.GetSessionRequest request,
        io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.Session> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSessionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates or updates a session.
     * </pre>
     */
    public void createOrUpdateSession(io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateOrUpdateSessionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes sessions.
     * Sessions that do not exist are silently ignored.
     * </pre>
     */
    public void deleteSessions(io.rta.proto.toolkit.session.DeleteSessionsRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteSessionsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SessionStore.
   * <pre>
   * Manages Sessions.
   * Sessions are a logical way to organize data - like a file system.
   * This service includes support for organizing sessions into folders and searching by metadata.
   * </pre>
   */
  public static final class SessionStoreBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SessionStoreBlockingV2Stub> {
    private SessionStoreBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SessionStoreBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SessionStoreBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Gets session folders within a parent folder.
     * </pre>
     */
    public io.rta.proto.toolkit.session.GetSessionFoldersResponse getSessionFolders(io.rta.proto.toolkit.session.GetSessionFoldersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSessionFoldersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates a folder.
     * Use this method to move a folder, by updating its parent.
     * </pre>
     */
    public com.google.protobuf.Empty putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPutSessionFolderMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes folders. The root folder (empty identity) cannot be deleted.
     * Any sessions left orphaned by this method are reattached to the root folder.
     * </pre>
     */
    public com.google.protobuf.Empty deleteSessionFolders(io.rta.proto.toolkit.session.DeleteSessionFoldersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteSessionFoldersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a summary of session properties.
     * Can be scoped by folder sub-tree.
     * </pre>
     */
    public io.rta.proto.toolkit.session.GetSessionMetamodelResponse getSessionMetamodel(io.rta.proto.toolkit.session.GetSessionMetamodelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSessionMetamodelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Queries the session metamodel for properties from the extended session details,
     * which are not exposed in the session or metamodel by default.
     * </pre>
     */
    public io.rta.proto.toolkit.session.QuerySessionMetamodelResponse querySessionMetamodel(io.rta.proto.toolkit.session.QuerySessionMetamodelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getQuerySessionMetamodelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists sessions, with sorting and paging.
     * </pre>
     */
    public io.rta.proto.toolkit.session.ListSessionsResponse listSessions(io.rta.proto.toolkit.session.ListSessionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListSessionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets the specified session by identity.
     * </pre>
     */
    public io.rta.proto.toolkit.session.Session getSession(io.rta.proto.toolkit.session.GetSessionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates or updates a session.
     * </pre>
     */
    public com.google.protobuf.Empty createOrUpdateSession(io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateOrUpdateSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes sessions.
     * Sessions that do not exist are silently ignored.
     * </pre>
     */
    public com.google.protobuf.Empty deleteSessions(io.rta.proto.toolkit.session.DeleteSessionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteSessionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SessionStore.
   * <pre>
   * Manages Sessions.
   * Sessions are a logical way to organize data - like a file system.
   * This service includes support for organizing sessions into folders and searching by metadata.
   * </pre>
   */
  public static final class SessionStoreBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SessionStoreBlockingStub> {
    private SessionStoreBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SessionStoreBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SessionStoreBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Gets session folders within a parent folder.
     * </pre>
     */
    public io.rta.proto.toolkit.session.GetSessionFoldersResponse getSessionFolders(io.rta.proto.toolkit.session.GetSessionFoldersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSessionFoldersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates a folder.
     * Use this method to move a folder, by updating its parent.
     * </pre>
     */
    public com.google.protobuf.Empty putSessionFolder(io.rta.proto.toolkit.session.PutSessionFolderRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPutSessionFolderMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes folders. The root folder (empty identity) cannot be deleted.
     * Any sessions left orphaned by this method are reattached to the root folder.
     * </pre>
     */
    public com.google.protobuf.Empty deleteSessionFolders(io.rta.proto.toolkit.session.DeleteSessionFoldersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteSessionFoldersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets a summary of session properties.
     * Can be scoped by folder sub-tree.
     * </pre>
     */
    public io.rta.proto.toolkit.session.GetSessionMetamodelResponse getSessionMetamodel(io.rta.proto.toolkit.session.GetSessionMetamodelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSessionMetamodelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Queries the session metamodel for properties from the extended session details,
     * which are not exposed in the session or metamodel by default.
     * </pre>
     */
    public io.rta.proto.toolkit.session.QuerySessionMetamodelResponse querySessionMetamodel(io.rta.proto.toolkit.session.QuerySessionMetamodelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getQuerySessionMetamodelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists sessions, with sorting and paging.
     * </pre>
     */
    public io.rta.proto.toolkit.session.ListSessionsResponse listSessions(io.rta.proto.toolkit.session.ListSessionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListSessionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gets the specified session by identity.
     * </pre>
     */
    public io.rta.proto.toolkit.session.Session getSession(io.rta.proto.toolkit.session.GetSessionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates or updates a session.
     * </pre>
     */
    public com.google.protobuf.Empty createOrUpdateSession(io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateOrUpdateSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes sessions.
     * Sessions that do not exist are silently ignored.
     * </pre>
     */
    public com.google.protobuf.Empty deleteSessions(io.rta.proto.toolkit.session.DeleteSessionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteSessionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SessionStore.
   * <pre>
   * Manages Sessions.
   * Sessions are a logical way to organize data - like a file system.
   * This service includes support for organizing sessions into folders and searching by metadata.
   * </pre>
   */
  public static final class SessionStoreFutureStub
      extends io.grpc.stub.AbstractFutureStub<SessionStoreFutureStub> {
    private SessionStoreFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SessionStoreFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SessionStoreFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Gets session folders within a parent folder.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.session.GetSessionFoldersResponse> getSessionFolders(
        io.rta.proto.toolkit.session.GetSessionFoldersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSessionFoldersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Updates a folder.
     * Use this method to move a folder, by updating its parent.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> putSessionFolder(
        io.rta.proto.toolkit.session.PutSessionFolderRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPutSessionFolderMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes folders. The root folder (empty identity) cannot be deleted.
     * Any sessions left orphaned by this method are reattached to the root folder.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteSessionFolders(
        io.rta.proto.toolkit.session.DeleteSessionFoldersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteSessionFoldersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Gets a summary of session properties.
     * Can be scoped by folder sub-tree.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.session.GetSessionMetamodelResponse> getSessionMetamodel(
        io.rta.proto.toolkit.session.GetSessionMetamodelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSessionMetamodelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Queries the session metamodel for properties from the extended session details,
     * which are not exposed in the session or metamodel by default.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.session.QuerySessionMetamodelResponse> querySessionMetamodel(
        io.rta.proto.toolkit.session.QuerySessionMetamodelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getQuerySessionMetamodelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists sessions, with sorting and paging.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.session.ListSessionsResponse> listSessions(
        io.rta.proto.toolkit.session.ListSessionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListSessionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Gets the specified session by identity.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.rta.proto.toolkit.session.Session> getSession(
        io.rta.proto.toolkit.session.GetSessionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSessionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates or updates a session.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> createOrUpdateSession(
        io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateOrUpdateSessionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes sessions.
     * Sessions that do not exist are silently ignored.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteSessions(
        io.rta.proto.toolkit.session.DeleteSessionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteSessionsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_SESSION_FOLDERS = 0;
  private static final int METHODID_PUT_SESSION_FOLDER = 1;
  private static final int METHODID_DELETE_SESSION_FOLDERS = 2;
  private static final int METHODID_GET_SESSION_METAMODEL = 3;
  private static final int METHODID_QUERY_SESSION_METAMODEL = 4;
  private static final int METHODID_LIST_SESSIONS = 5;
  private static final int METHODID_GET_SESSION = 6;
  private static final int METHODID_CREATE_OR_UPDATE_SESSION = 7;
  private static final int METHODID_DELETE_SESSIONS = 8;

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
        case METHODID_GET_SESSION_FOLDERS:
          serviceImpl.getSessionFolders((io.rta.proto.toolkit.session.GetSessionFoldersRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.GetSessionFoldersResponse>) responseObserver);
          break;
        case METHODID_PUT_SESSION_FOLDER:
          serviceImpl.putSessionFolder((io.rta.proto.toolkit.session.PutSessionFolderRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_DELETE_SESSION_FOLDERS:
          serviceImpl.deleteSessionFolders((io.rta.proto.toolkit.session.DeleteSessionFoldersRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_GET_SESSION_METAMODEL:
          serviceImpl.getSessionMetamodel((io.rta.proto.toolkit.session.GetSessionMetamodelRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.GetSessionMetamodelResponse>) responseObserver);
          break;
        case METHODID_QUERY_SESSION_METAMODEL:
          serviceImpl.querySessionMetamodel((io.rta.proto.toolkit.session.QuerySessionMetamodelRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.QuerySessionMetamodelResponse>) responseObserver);
          break;
        case METHODID_LIST_SESSIONS:
          serviceImpl.listSessions((io.rta.proto.toolkit.session.ListSessionsRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.ListSessionsResponse>) responseObserver);
          break;
        case METHODID_GET_SESSION:
          serviceImpl.getSession((io.rta.proto.toolkit.session.GetSessionRequest) request,
              (io.grpc.stub.StreamObserver<io.rta.proto.toolkit.session.Session>) responseObserver);
          break;
        case METHODID_CREATE_OR_UPDATE_SESSION:
          serviceImpl.createOrUpdateSession((io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_DELETE_SESSIONS:
          serviceImpl.deleteSessions((io.rta.proto.toolkit.session.DeleteSessionsRequest) request,
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
          getGetSessionFoldersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.GetSessionFoldersRequest,
              io.rta.proto.toolkit.session.GetSessionFoldersResponse>(
                service, METHODID_GET_SESSION_FOLDERS)))
        .addMethod(
          getPutSessionFolderMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.PutSessionFolderRequest,
              com.google.protobuf.Empty>(
                service, METHODID_PUT_SESSION_FOLDER)))
        .addMethod(
          getDeleteSessionFoldersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.DeleteSessionFoldersRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_SESSION_FOLDERS)))
        .addMethod(
          getGetSessionMetamodelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.GetSessionMetamodelRequest,
              io.rta.proto.toolkit.session.GetSessionMetamodelResponse>(
                service, METHODID_GET_SESSION_METAMODEL)))
        .addMethod(
          getQuerySessionMetamodelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.QuerySessionMetamodelRequest,
              io.rta.proto.toolkit.session.QuerySessionMetamodelResponse>(
                service, METHODID_QUERY_SESSION_METAMODEL)))
        .addMethod(
          getListSessionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.ListSessionsRequest,
              io.rta.proto.toolkit.session.ListSessionsResponse>(
                service, METHODID_LIST_SESSIONS)))
        .addMethod(
          getGetSessionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.GetSessionRequest,
              io.rta.proto.toolkit.session.Session>(
                service, METHODID_GET_SESSION)))
        .addMethod(
          getCreateOrUpdateSessionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest,
              com.google.protobuf.Empty>(
                service, METHODID_CREATE_OR_UPDATE_SESSION)))
        .addMethod(
          getDeleteSessionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.rta.proto.toolkit.session.DeleteSessionsRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_SESSIONS)))
        .build();
  }

  private static abstract class SessionStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SessionStoreBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.rta.proto.toolkit.session.SessionServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SessionStore");
    }
  }

  private static final class SessionStoreFileDescriptorSupplier
      extends SessionStoreBaseDescriptorSupplier {
    SessionStoreFileDescriptorSupplier() {}
  }

  private static final class SessionStoreMethodDescriptorSupplier
      extends SessionStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SessionStoreMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (SessionStoreGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SessionStoreFileDescriptorSupplier())
              .addMethod(getGetSessionFoldersMethod())
              .addMethod(getPutSessionFolderMethod())
              .addMethod(getDeleteSessionFoldersMethod())
              .addMethod(getGetSessionMetamodelMethod())
              .addMethod(getQuerySessionMetamodelMethod())
              .addMethod(getListSessionsMethod())
              .addMethod(getGetSessionMethod())
              .addMethod(getCreateOrUpdateSessionMethod())
              .addMethod(getDeleteSessionsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
