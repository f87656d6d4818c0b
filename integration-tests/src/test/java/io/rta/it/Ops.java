package io.rta.it;

import com.google.protobuf.Empty;
import com.google.protobuf.StringValue;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest.CreateIfNotExists;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.proto.toolkit.session.TimeRange;
import java.util.Arrays;

/** SessionStore requests and update operations built the way a client writes them, so tests read as the calls. */
final class Ops {

    static final int WAITING = 1;
    static final int OPEN = 2;
    static final int CLOSED = 4;

    private Ops() {
    }

    static CreateOrUpdateSessionRequest create(String identity, String identifier, String timestamp, int state,
                                               SessionUpdate... updates) {
        return CreateOrUpdateSessionRequest.newBuilder()
                .setIdentity(identity)
                .setCreateIfNotExists(CreateIfNotExists.newBuilder()
                        .setIdentifier(identifier).setTimestamp(timestamp).setState(state))
                .addAllUpdates(Arrays.asList(updates))
                .build();
    }

    static CreateOrUpdateSessionRequest update(String identity, SessionUpdate... updates) {
        return CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                .addAllUpdates(Arrays.asList(updates)).build();
    }

    static SessionUpdate heartbeat() {
        return SessionUpdate.newBuilder().setUpdateHeartbeat(Empty.getDefaultInstance()).build();
    }

    static SessionUpdate setState(int state) {
        return SessionUpdate.newBuilder().setSetState(state).build();
    }

    static SessionUpdate setTimestamp(String timestamp) {
        return SessionUpdate.newBuilder().setSetTimestamp(timestamp).build();
    }

    static SessionUpdate setIdentifier(String identifier) {
        return SessionUpdate.newBuilder().setSetIdentifier(identifier).build();
    }

    static SessionUpdate setType(String type) {
        return SessionUpdate.newBuilder().setSetType(StringValue.of(type)).build();
    }

    static SessionUpdate setQuality(double quality) {
        return SessionUpdate.newBuilder().setSetQuality(quality).build();
    }

    static SessionUpdate setGroup(String group) {
        return SessionUpdate.newBuilder().setSetGroup(group).build();
    }

    static SessionUpdate setVersion(String version) {
        return SessionUpdate.newBuilder().setSetVersion(version).build();
    }

    static SessionUpdate setTimeRange(long start, long end) {
        return SessionUpdate.newBuilder().setSetTimeRange(TimeRange.newBuilder().setStartTime(start).setEndTime(end))
                .build();
    }

    static SessionUpdate extendTimeRange(long start, long end) {
        return SessionUpdate.newBuilder()
                .setExtendTimeRange(TimeRange.newBuilder().setStartTime(start).setEndTime(end)).build();
    }

    static SessionUpdate setDetailsJson(String json) {
        return setDetailsJson("", json);
    }

    static SessionUpdate setDetailsJson(String category, String json) {
        return SessionUpdate.newBuilder().setSetDetailsJson(
                SessionUpdate.DetailsJson.newBuilder().setCategory(category).setJson(json)).build();
    }

    static SessionUpdate updateDetailsJson(String category, String json) {
        return SessionUpdate.newBuilder().setUpdateDetailsJson(
                SessionUpdate.DetailsJson.newBuilder().setCategory(category).setJson(json)).build();
    }

    static SessionUpdate setFolders(String... folders) {
        return SessionUpdate.newBuilder().setSetFolders(
                SessionUpdate.FoldersList.newBuilder().addAllIdentities(Arrays.asList(folders))).build();
    }

    static SessionUpdate setRefAnchors(String... uris) {
        return SessionUpdate.newBuilder().setSetRefAnchors(refs(uris)).build();
    }

    static SessionUpdate setChildOfRefs(String... uris) {
        return SessionUpdate.newBuilder().setSetChildOfRefs(refs(uris)).build();
    }

    static SessionUpdate setAlternateOfRefs(String... uris) {
        return SessionUpdate.newBuilder().setSetAlternateOfRefs(refs(uris)).build();
    }

    static SessionUpdate.RefUrisList refs(String... uris) {
        return SessionUpdate.RefUrisList.newBuilder().addAllRefUris(Arrays.asList(uris)).build();
    }
}
