package io.rta.session.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.Empty;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.rta.events.SessionState;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.DeleteSessionFoldersRequest;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.GetSessionFoldersRequest;
import io.rta.proto.toolkit.session.GetSessionFoldersResponse;
import io.rta.proto.toolkit.session.GetSessionMetamodelRequest;
import io.rta.proto.toolkit.session.GetSessionMetamodelResponse;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.ListSessionsResponse;
import io.rta.proto.toolkit.session.PropertySummary;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.QuerySessionMetamodelRequest;
import io.rta.proto.toolkit.session.QuerySessionMetamodelResponse;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionFolder;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.service.auth.Access;
import io.rta.service.auth.BearerAuthInterceptor;
import io.rta.service.errors.GrpcErrors;
import io.rta.service.grpc.NonBlockingCalls;
import io.rta.service.grpc.RequestSizeLimits;
import io.rta.session.SessionService;
import io.rta.topology.json.Json;
import io.rta.topology.json.SessionJson;
import io.rta.topology.session.SessionLimits;
import io.rta.topology.view.FolderNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The toolkit SessionStore gRPC API over {@link SessionService}. Writes answer once they are readable here.
 * {@code CreateOrUpdateSession} runs on the transport's thread ({@link NonBlockingCalls}) once the writer can encode
 * without the registry: its handler checks the request against the session's stored state (read without a lock) and
 * hands the event to the producer, and the answer comes later from the view loader's thread. An update of a large
 * stored session moves to the handler pool ({@link NonBlockingCalls#moveOffTransport}).
 */
public final class SessionStoreService extends SessionStoreGrpc.SessionStoreImplBase
        implements NonBlockingCalls, RequestSizeLimits {

    /**
     * Every method's requests: at most twice a session record's limit. A write's request becomes one record of at
     * most {@link SessionLimits#TOPIC_MAX_MESSAGE_BYTES}, and the others are a few names; a larger request (of many
     * small updates or names, parsed into some 25 times its size in heap) is refused unparsed.
     */
    private static final Map<String, Limit> REQUEST_LIMITS = SessionStoreGrpc.getServiceDescriptor().getMethods()
            .stream().collect(Collectors.toUnmodifiableMap(MethodDescriptor::getBareMethodName,
                    method -> new Limit(2 * SessionLimits.TOPIC_MAX_MESSAGE_BYTES,
                            "a session request may have (twice the session topics' 8 MiB record limit)")));

    private static final String CREATE_OR_UPDATE = SessionStoreGrpc.getCreateOrUpdateSessionMethod()
            .getFullMethodName();

    private final SessionService sessions;

    public SessionStoreService(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Map<String, Limit> requestSizeLimits() {
        return REQUEST_LIMITS;
    }

    @Override
    public boolean neverBlocks(String fullMethodName) {
        return CREATE_OR_UPDATE.equals(fullMethodName) && sessions.writesWithoutBlocking();
    }

    @Override
    public void createOrUpdateSession(CreateOrUpdateSessionRequest request, StreamObserver<Empty> observer) {
        if (sessions.isLarge(request.getIdentity())) {
            // the dry run copies and measures the whole stored session: not on the transport's thread
            NonBlockingCalls.moveOffTransport(() -> write(observer, () -> sessions.createOrUpdate(request)));
            return;
        }
        write(observer, () -> sessions.createOrUpdate(request));
    }

    @Override
    public void deleteSessions(DeleteSessionsRequest request, StreamObserver<Empty> observer) {
        write(observer, () -> sessions.delete(request.getIdentitiesList()));
    }

    @Override
    public void getSession(GetSessionRequest request, StreamObserver<Session> observer) {
        GrpcErrors.respond(observer, () -> {
            sessions.requireProperties("elements.json_properties", request.getElements().getJsonPropertiesList());
            requireInternalsAllowed("elements", request.getElements());
            return toProto(sessions.get(request.getIdentity(), Access.current()), request.getElements());
        });
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            sessions.requireProperties("session_elements.json_properties",
                    request.getSessionElements().getJsonPropertiesList());
            requireInternalsAllowed("session_elements", request.getSessionElements());
            List<SessionState> page = sessions.list(request.getQuery(), request.getFolderSubtree(),
                    request.getSortsList(), request.getPageIndex(), request.getPageSize(),
                    request.getIncludeSubSessions(), Access.current());
            ListSessionsResponse.Builder response = ListSessionsResponse.newBuilder();
            page.forEach(s -> response.addSessions(toProto(s, request.getSessionElements())));
            return response.build();
        });
    }

    @Override
    public void getSessionMetamodel(GetSessionMetamodelRequest request,
                                    StreamObserver<GetSessionMetamodelResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            sessions.requireProperties("json_properties", request.getJsonPropertiesList());
            return GetSessionMetamodelResponse.newBuilder()
                    .setMetamodelJson(json(sessions.metamodel(request.getFolderSubtree(),
                            request.getJsonPropertiesList(), Access.current())))
                    .build();
        });
    }

    @Override
    public void querySessionMetamodel(QuerySessionMetamodelRequest request,
                                      StreamObserver<QuerySessionMetamodelResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            QuerySessionMetamodelResponse.Builder response = QuerySessionMetamodelResponse.newBuilder();
            sessions.properties(request.getPartialMatch(), request.getFolderSubtree(), Access.current()).forEach(p ->
                    response.addPropertySummaries(PropertySummary.newBuilder().setId(p.id()).setLabel(p.label())
                            .setDescription(p.description() == null ? "" : p.description())));
            return response.build();
        });
    }

    @Override
    public void getSessionFolders(GetSessionFoldersRequest request,
                                  StreamObserver<GetSessionFoldersResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            GetSessionFoldersResponse.Builder response = GetSessionFoldersResponse.newBuilder();
            for (FolderNode node : sessions.folders(request.getParentIdentity(), Access.current())) {
                response.addFolders(SessionFolder.newBuilder().setIdentity(node.identity())
                        .setLabel(node.folder().getLabel()).setDescription(node.folder().getDescription())
                        .setHasChildren(node.hasChildren()));
            }
            return response.build();
        });
    }

    @Override
    public void putSessionFolder(PutSessionFolderRequest request, StreamObserver<Empty> observer) {
        write(observer, () -> sessions.putFolder(request.getParentIdentity(), request.getIdentity(),
                request.getLabel(), request.getDescription()));
    }

    @Override
    public void deleteSessionFolders(DeleteSessionFoldersRequest request, StreamObserver<Empty> observer) {
        write(observer, () -> sessions.deleteFolders(request.getFolderIdentitiesList()));
    }

    private static void write(StreamObserver<Empty> observer,
                              java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>> write) {
        java.util.concurrent.CompletableFuture<Void> future;
        try {
            future = write.get();
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatus(e));
            return;
        }
        GrpcErrors.complete(future, observer, done -> Empty.getDefaultInstance());
    }

    /**
     * A session's data bindings name the data identities of the stores: like the REST {@code /data-bindings} route
     * they are for the services (internal scope) and the pipelines that write them (write scope), not for readers.
     */
    private static void requireInternalsAllowed(String field, SessionElements elements) {
        if (elements.getDataBindings() && !BearerAuthInterceptor.INTERNALS_ALLOWED.get()) {
            throw new StatusRuntimeException(Status.PERMISSION_DENIED.withDescription(field + ".data_bindings needs "
                    + "the scope of Auth:InternalScope or Auth:WriteScope, in a token the access policies do not "
                    + "restrict (Auth:Policies); this token is not one: data bindings are for the RTA services and "
                    + "the pipelines that write them"));
        }
    }

    private static Session toProto(SessionState state, SessionElements elements) {
        String json = elements.getJson() ? json(SessionJson.render(state, elements.getJsonPropertiesList())) : null;
        return SessionProtoMapper.toProto(state, elements, json);
    }

    private static String json(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return Json.WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
