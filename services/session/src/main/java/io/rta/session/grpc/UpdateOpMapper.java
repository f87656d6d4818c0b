package io.rta.session.grpc;

import io.rta.events.Marker;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Maps one proto {@link SessionUpdate} (its oneof {@code op}) to the Avro {@link SessionUpdateOp}. */
final class UpdateOpMapper {

    private UpdateOpMapper() {
    }

    static SessionUpdateOp toOp(int index, SessionUpdate update) {
        if (update.getOpCase() == SessionUpdate.OpCase.OP_NOT_SET) {
            throw new IllegalArgumentException(
                    "updates[" + index + "]: no operation set (each SessionUpdate carries one)");
        }
        // The Avro symbols are the proto oneof cases, in the same order.
        SessionOp kind = SessionOp.valueOf(update.getOpCase().name());
        SessionUpdateOp.Builder op = SessionUpdateOp.newBuilder().setOp(kind);
        switch (update.getOpCase()) {
            case UPDATE_HEARTBEAT, CLEAR_TIME_RANGE, CLEAR_TYPE, CLEAR_QUALITY, CLEAR_GROUP, CLEAR_VERSION -> { }
            case SET_STATE -> op.setState(update.getSetState());
            case SET_TIMESTAMP -> op.setText(update.getSetTimestamp());
            case SET_TIME_RANGE -> op.setTimeRange(timeRange(update.getSetTimeRange()));
            case EXTEND_TIME_RANGE -> op.setTimeRange(timeRange(update.getExtendTimeRange()));
            case SET_IDENTIFIER -> op.setText(update.getSetIdentifier());
            case SET_DETAILS -> details(op, update.getSetDetails());
            case UPDATE_DETAILS -> details(op, update.getUpdateDetails());
            case SET_DETAILS_JSON -> op.setCategory(update.getSetDetailsJson().getCategory())
                    .setJson(update.getSetDetailsJson().getJson());
            case UPDATE_DETAILS_JSON -> op.setCategory(update.getUpdateDetailsJson().getCategory())
                    .setJson(update.getUpdateDetailsJson().getJson());
            case DELETE_DETAILS -> op.setCategory(update.getDeleteDetails().getCategory())
                    .setKeys(new ArrayList<>(update.getDeleteDetails().getKeysList()));
            case SET_TYPE -> op.setText(update.getSetType().getValue());
            case SET_QUALITY -> op.setQuality(update.getSetQuality());
            case SET_GROUP -> op.setText(update.getSetGroup());
            case SET_VERSION -> op.setText(update.getSetVersion());
            case SET_MARKERS -> op.setMarkers(markers(update.getSetMarkers()));
            case UPDATE_MARKERS -> op.setMarkers(markers(update.getUpdateMarkers()));
            case DELETE_MARKERS -> op.setKeys(new ArrayList<>(update.getDeleteMarkers().getMarkerIdsList()));
            case SET_CONFIG_BINDINGS -> op.setConfigBindings(
                    BindingMapper.configBindings(update.getSetConfigBindings()));
            case UPDATE_CONFIG_BINDINGS -> op.setConfigBindings(
                    BindingMapper.configBindings(update.getUpdateConfigBindings()));
            case DELETE_CONFIG_BINDINGS -> op.setKeys(
                    new ArrayList<>(update.getDeleteConfigBindings().getIdentifiersList()));
            case SET_DATA_BINDINGS -> op.setDataBindings(BindingMapper.dataBindings(update.getSetDataBindings()));
            case UPDATE_DATA_BINDINGS -> op.setDataBindings(BindingMapper.dataBindings(update.getUpdateDataBindings()));
            case DELETE_DATA_BINDINGS -> op.setDataBindingKeys(
                    BindingMapper.dataBindingKeys(update.getDeleteDataBindings()));
            case SET_FOLDERS -> op.setKeys(new ArrayList<>(update.getSetFolders().getIdentitiesList()));
            case UPDATE_FOLDERS -> op.setKeys(new ArrayList<>(update.getUpdateFolders().getIdentitiesList()));
            case DELETE_FOLDERS -> op.setKeys(new ArrayList<>(update.getDeleteFolders().getIdentitiesList()));
            case SET_REF_ANCHORS -> op.setKeys(uris(update.getSetRefAnchors()));
            case UPDATE_REF_ANCHORS -> op.setKeys(uris(update.getUpdateRefAnchors()));
            case DELETE_REF_ANCHORS -> op.setKeys(uris(update.getDeleteRefAnchors()));
            case SET_ALTERNATE_OF_REFS -> op.setKeys(uris(update.getSetAlternateOfRefs()));
            case UPDATE_ALTERNATE_OF_REFS -> op.setKeys(uris(update.getUpdateAlternateOfRefs()));
            case DELETE_ALTERNATE_OF_REFS -> op.setKeys(uris(update.getDeleteAlternateOfRefs()));
            case SET_CHILD_OF_REFS -> op.setKeys(uris(update.getSetChildOfRefs()));
            case UPDATE_CHILD_OF_REFS -> op.setKeys(uris(update.getUpdateChildOfRefs()));
            case DELETE_CHILD_OF_REFS -> op.setKeys(uris(update.getDeleteChildOfRefs()));
            default -> throw new IllegalStateException("unhandled SessionUpdate op " + update.getOpCase());
        }
        return op.build();
    }

    private static TimeRange timeRange(io.rta.proto.toolkit.session.TimeRange range) {
        return new TimeRange(range.getStartTime(), range.getEndTime());
    }

    // Key order: a proto map has none, and the event bytes should not depend on the wire order.
    private static void details(SessionUpdateOp.Builder op, SessionUpdate.DetailsMap details) {
        op.setCategory(details.getCategory()).setStringDetails(new TreeMap<>(details.getDetailsMap()));
    }

    private static List<String> uris(SessionUpdate.RefUrisList list) {
        return new ArrayList<>(list.getRefUrisList());
    }

    /**
     * Flattens markers by category into one list, categories in name order (a proto map has no order), each
     * marker keeping its category; within a category the given order is kept.
     */
    private static List<Marker> markers(SessionUpdate.MarkersMap map) {
        List<Marker> markers = new ArrayList<>();
        new TreeMap<>(map.getMarkersByCategoryMap()).forEach((category, list) ->
                list.getMarkersList().forEach(marker -> markers.add(marker(category, marker))));
        return markers;
    }

    private static Marker marker(String category, io.rta.proto.toolkit.session.Marker marker) {
        return Marker.newBuilder()
                .setId(marker.getId())
                .setCategory(category)
                .setType(marker.getType())
                .setLabel(marker.getLabel())
                .setDescription(marker.hasDescription() ? marker.getDescription().getValue() : null)
                .setStartTime(marker.hasStartTime() ? marker.getStartTime().getValue() : null)
                .setEndTime(marker.hasEndTime() ? marker.getEndTime().getValue() : null)
                .setDetailsJson(marker.getDetailsJson())
                .build();
    }
}
