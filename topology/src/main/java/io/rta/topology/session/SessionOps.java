package io.rta.topology.session;

import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.Marker;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import java.util.List;
import java.util.function.Function;

/**
 * Applies one validated {@link SessionUpdateOp} to a session state being built, in place. Collections follow
 * the Set (overwrite) / Update (add and replace in place) / Delete (remove, missing ignored) pattern.
 */
final class SessionOps {

    private SessionOps() {
    }

    static void apply(SessionState s, SessionUpdateOp op) {
        switch (op.getOp()) {
            case UPDATE_HEARTBEAT -> { } // every applied batch touches the heartbeat
            case SET_STATE -> s.setState(op.getState());
            case SET_TIMESTAMP -> s.setTimestamp(op.getText());
            case SET_TIME_RANGE -> s.setTimeRange(copy(op.getTimeRange()));
            case EXTEND_TIME_RANGE -> s.setTimeRange(extend(s.getTimeRange(), op.getTimeRange()));
            case CLEAR_TIME_RANGE -> s.setTimeRange(null);
            case SET_IDENTIFIER -> s.setIdentifier(op.getText());
            case SET_DETAILS -> DetailTargets.set(s, op.getCategory(), Details.fromStrings(op.getStringDetails()));
            case UPDATE_DETAILS -> DetailTargets.update(s, op.getCategory(), Details.fromStrings(op.getStringDetails()));
            case SET_DETAILS_JSON -> DetailTargets.set(s, op.getCategory(), Details.fromJson(op.getJson()));
            case UPDATE_DETAILS_JSON -> DetailTargets.update(s, op.getCategory(), Details.fromJson(op.getJson()));
            case DELETE_DETAILS -> DetailTargets.delete(s, op.getCategory(), op.getKeys());
            case SET_TYPE -> s.setType(op.getText());
            case CLEAR_TYPE -> s.setType(null);
            case SET_QUALITY -> s.setQuality(op.getQuality());
            case CLEAR_QUALITY -> s.setQuality(null);
            case SET_GROUP -> s.setGroup(op.getText());
            case CLEAR_GROUP -> s.setGroup(null);
            case SET_VERSION -> s.setVersion(op.getText());
            case CLEAR_VERSION -> s.setVersion(null);
            case SET_MARKERS -> s.setMarkers(KeyedLists.set(markers(op), Marker::getId));
            case UPDATE_MARKERS -> s.setMarkers(KeyedLists.update(s.getMarkers(), markers(op), Marker::getId));
            case DELETE_MARKERS -> s.setMarkers(KeyedLists.delete(s.getMarkers(), op.getKeys(), Marker::getId));
            case SET_CONFIG_BINDINGS -> s.setConfigBindings(KeyedLists.set(configBindings(op), ConfigBinding::getIdentifier));
            case UPDATE_CONFIG_BINDINGS -> s.setConfigBindings(
                    KeyedLists.update(s.getConfigBindings(), configBindings(op), ConfigBinding::getIdentifier));
            case DELETE_CONFIG_BINDINGS -> s.setConfigBindings(
                    KeyedLists.delete(s.getConfigBindings(), op.getKeys(), ConfigBinding::getIdentifier));
            case SET_DATA_BINDINGS -> s.setDataBindings(KeyedLists.set(dataBindings(op), DataBinding::getKey));
            case UPDATE_DATA_BINDINGS -> s.setDataBindings(
                    KeyedLists.update(s.getDataBindings(), dataBindings(op), DataBinding::getKey));
            case DELETE_DATA_BINDINGS -> s.setDataBindings(
                    KeyedLists.delete(s.getDataBindings(), dataBindingKeys(op), DataBinding::getKey));
            case SET_FOLDERS -> s.setFolders(Folders.normalize(op.getKeys()));
            case UPDATE_FOLDERS -> s.setFolders(Folders.normalize(KeyedLists.update(s.getFolders(), op.getKeys(), uri())));
            case DELETE_FOLDERS -> s.setFolders(Folders.normalize(KeyedLists.delete(s.getFolders(), op.getKeys(), uri())));
            case SET_REF_ANCHORS -> s.setRefAnchors(KeyedLists.set(op.getKeys(), uri()));
            case UPDATE_REF_ANCHORS -> s.setRefAnchors(KeyedLists.update(s.getRefAnchors(), op.getKeys(), uri()));
            case DELETE_REF_ANCHORS -> s.setRefAnchors(KeyedLists.delete(s.getRefAnchors(), op.getKeys(), uri()));
            case SET_ALTERNATE_OF_REFS -> s.setAlternateOfRefs(KeyedLists.set(op.getKeys(), uri()));
            case UPDATE_ALTERNATE_OF_REFS -> s.setAlternateOfRefs(
                    KeyedLists.update(s.getAlternateOfRefs(), op.getKeys(), uri()));
            case DELETE_ALTERNATE_OF_REFS -> s.setAlternateOfRefs(
                    KeyedLists.delete(s.getAlternateOfRefs(), op.getKeys(), uri()));
            case SET_CHILD_OF_REFS -> s.setChildOfRefs(KeyedLists.set(op.getKeys(), uri()));
            case UPDATE_CHILD_OF_REFS -> s.setChildOfRefs(KeyedLists.update(s.getChildOfRefs(), op.getKeys(), uri()));
            case DELETE_CHILD_OF_REFS -> s.setChildOfRefs(KeyedLists.delete(s.getChildOfRefs(), op.getKeys(), uri()));
            default -> throw new IllegalStateException("unhandled session op " + op.getOp());
        }
    }

    /** Union of the existing range and {@code addition}; just {@code addition} when there is no range yet. */
    static TimeRange extend(TimeRange existing, TimeRange addition) {
        if (existing == null) {
            return copy(addition);
        }
        return new TimeRange(Math.min(existing.getStartTime(), addition.getStartTime()),
                Math.max(existing.getEndTime(), addition.getEndTime()));
    }

    private static TimeRange copy(TimeRange range) {
        return new TimeRange(range.getStartTime(), range.getEndTime());
    }

    private static Function<String, String> uri() {
        return Function.identity();
    }

    // The op's records are copied so that the state never aliases the batch.
    private static List<Marker> markers(SessionUpdateOp op) {
        return op.getMarkers().stream().map(m -> Marker.newBuilder(m).build()).toList();
    }

    private static List<ConfigBinding> configBindings(SessionUpdateOp op) {
        return op.getConfigBindings().stream().map(b -> ConfigBinding.newBuilder(b).build()).toList();
    }

    private static List<DataBinding> dataBindings(SessionUpdateOp op) {
        return op.getDataBindings().stream().map(b -> DataBinding.newBuilder(b).build()).toList();
    }

    private static List<DataBindingKey> dataBindingKeys(SessionUpdateOp op) {
        return op.getDataBindingKeys();
    }
}
