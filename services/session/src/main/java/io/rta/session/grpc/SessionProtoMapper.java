package io.rta.session.grpc;

import io.rta.events.SessionCreate;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.topology.session.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates between the SessionStore gRPC messages and the session events: a CreateOrUpdateSession request
 * becomes a {@link SessionUpdateBatch}, a stored {@link SessionState} becomes a {@link Session} per the
 * {@link SessionElements} mask. Validation is left to {@code SessionBatchValidator}.
 */
public final class SessionProtoMapper {

    private SessionProtoMapper() {
    }

    /**
     * The batch for a CreateOrUpdateSession request. The create-if-not-exists timestamp default ("now", UTC) is
     * taken from {@code clock} here, at write time, so that replaying the event rebuilds the same session.
     *
     * @throws IllegalArgumentException if an update has no operation set (the message names its index)
     */
    public static SessionUpdateBatch toBatch(CreateOrUpdateSessionRequest request, Clock clock) {
        List<SessionUpdateOp> ops = new ArrayList<>(request.getUpdatesCount());
        for (int i = 0; i < request.getUpdatesCount(); i++) {
            ops.add(UpdateOpMapper.toOp(i, request.getUpdates(i)));
        }
        return SessionUpdateBatch.newBuilder()
                .setSequence(request.hasSequence() ? request.getSequence().getValue() : null)
                .setCreateIfNotExists(
                        request.hasCreateIfNotExists() ? toCreate(request.getCreateIfNotExists(), clock) : null)
                .setUpdates(ops)
                .build();
    }

    /** The batch that deletes a session (DeleteSessions produces one per identity). */
    public static SessionUpdateBatch deleteBatch() {
        return SessionUpdateBatch.newBuilder().setDelete(true).build();
    }

    /**
     * The gRPC view of a session: identity always; {@code json} (rendered elsewhere, may be null) when the mask
     * asks for it; heartbeat, data bindings, folders and refs when selected.
     */
    public static Session toProto(SessionState state, SessionElements elements, String json) {
        Session.Builder session = Session.newBuilder().setIdentity(state.getIdentity());
        if (elements.getJson() && json != null) {
            session.setJson(json);
        }
        if (elements.getHeartbeatUtc()) {
            session.setHeartbeatUtc(state.getHeartbeatUtc());
        }
        if (elements.getDataBindings()) {
            state.getDataBindings().forEach(binding -> session.addDataBindings(BindingMapper.toProto(binding)));
        }
        if (elements.getFolders()) {
            session.addAllFolders(state.getFolders());
        }
        if (elements.getRefs()) {
            session.addAllRefAnchors(state.getRefAnchors())
                    .addAllChildOfRefs(state.getChildOfRefs())
                    .addAllAlternateOfRefs(state.getAlternateOfRefs());
        }
        return session.build();
    }

    private static SessionCreate toCreate(CreateOrUpdateSessionRequest.CreateIfNotExists create, Clock clock) {
        return SessionCreate.newBuilder()
                .setState(create.getState())
                .setTimestamp(create.getTimestamp().isEmpty()
                        ? Timestamps.formatUtc(clock.instant()) : create.getTimestamp())
                .setIdentifier(create.getIdentifier().isEmpty() ? null : create.getIdentifier())
                .build();
    }
}
