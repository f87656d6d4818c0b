package io.rta.topology.session;

import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.Detail;
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

    private static final Function<Marker, String> MARKER_ID = Marker::getId;
    private static final Function<ConfigBinding, String> CONFIG_ID = ConfigBinding::getIdentifier;
    private static final Function<DataBinding, DataBindingKey> DATA_KEY = DataBinding::getKey;

    private SessionOps() {
    }

    static void apply(SessionState s, SessionUpdateOp op) {
        apply(s, op, null);
    }

    /**
     * Applies {@code op}; {@code parsed} is its details as the validator parsed them (details ops), or null to parse
     * them here.
     */
    static void apply(SessionState s, SessionUpdateOp op, List<Detail> parsed) {
        switch (op.getOp()) {
            case UPDATE_HEARTBEAT -> { } // every applied batch touches the heartbeat
            case SET_STATE -> s.setState(op.getState());
            case SET_TIMESTAMP -> s.setTimestamp(op.getText());
            case SET_TIME_RANGE -> s.setTimeRange(copy(op.getTimeRange()));
            case EXTEND_TIME_RANGE -> s.setTimeRange(extend(s.getTimeRange(), op.getTimeRange()));
            case CLEAR_TIME_RANGE -> s.setTimeRange(null);
            case SET_IDENTIFIER -> s.setIdentifier(op.getText());
            case SET_DETAILS -> DetailTargets.set(s, op.getCategory(),
                    parsed != null ? parsed : Details.fromStrings(op.getStringDetails()));
            case UPDATE_DETAILS -> DetailTargets.update(s, op.getCategory(),
                    parsed != null ? parsed : Details.fromStrings(op.getStringDetails()));
            case SET_DETAILS_JSON -> DetailTargets.set(s, op.getCategory(),
                    parsed != null ? parsed : Details.fromJson(op.getJson()));
            case UPDATE_DETAILS_JSON -> DetailTargets.update(s, op.getCategory(),
                    parsed != null ? parsed : Details.fromJson(op.getJson()));
            case DELETE_DETAILS -> DetailTargets.delete(s, op.getCategory(), op.getKeys());
            case SET_TYPE -> s.setType(op.getText());
            case CLEAR_TYPE -> s.setType(null);
            case SET_QUALITY -> s.setQuality(op.getQuality());
            case CLEAR_QUALITY -> s.setQuality(null);
            case SET_GROUP -> s.setGroup(op.getText());
            case CLEAR_GROUP -> s.setGroup(null);
            case SET_VERSION -> s.setVersion(op.getText());
            case CLEAR_VERSION -> s.setVersion(null);
            case SET_MARKERS -> s.setMarkers(KeyedLists.set(markers(op), MARKER_ID));
            case UPDATE_MARKERS -> s.setMarkers(KeyedLists.update(s.getMarkers(), markers(op), MARKER_ID));
            case DELETE_MARKERS -> s.setMarkers(KeyedLists.delete(s.getMarkers(), op.getKeys(), MARKER_ID));
            case SET_CONFIG_BINDINGS -> s.setConfigBindings(KeyedLists.set(configs(op), CONFIG_ID));
            case UPDATE_CONFIG_BINDINGS -> s.setConfigBindings(
                    KeyedLists.update(s.getConfigBindings(), configs(op), CONFIG_ID));
            case DELETE_CONFIG_BINDINGS -> s.setConfigBindings(
                    KeyedLists.delete(s.getConfigBindings(), op.getKeys(), CONFIG_ID));
            case SET_DATA_BINDINGS -> s.setDataBindings(KeyedLists.set(data(op), DATA_KEY));
            case UPDATE_DATA_BINDINGS -> s.setDataBindings(KeyedLists.update(s.getDataBindings(), data(op), DATA_KEY));
            case DELETE_DATA_BINDINGS -> s.setDataBindings(
                    KeyedLists.delete(s.getDataBindings(), op.getDataBindingKeys(), DATA_KEY));
            case SET_FOLDERS -> s.setFolders(Folders.normalize(op.getKeys()));
            case UPDATE_FOLDERS -> s.setFolders(Folders.normalize(updateStrings(s.getFolders(), op)));
            case DELETE_FOLDERS -> s.setFolders(Folders.normalize(deleteStrings(s.getFolders(), op)));
            case SET_REF_ANCHORS -> s.setRefAnchors(setStrings(op));
            case UPDATE_REF_ANCHORS -> s.setRefAnchors(updateStrings(s.getRefAnchors(), op));
            case DELETE_REF_ANCHORS -> s.setRefAnchors(deleteStrings(s.getRefAnchors(), op));
            case SET_ALTERNATE_OF_REFS -> s.setAlternateOfRefs(setStrings(op));
            case UPDATE_ALTERNATE_OF_REFS -> s.setAlternateOfRefs(updateStrings(s.getAlternateOfRefs(), op));
            case DELETE_ALTERNATE_OF_REFS -> s.setAlternateOfRefs(deleteStrings(s.getAlternateOfRefs(), op));
            case SET_CHILD_OF_REFS -> s.setChildOfRefs(setStrings(op));
            case UPDATE_CHILD_OF_REFS -> s.setChildOfRefs(updateStrings(s.getChildOfRefs(), op));
            case DELETE_CHILD_OF_REFS -> s.setChildOfRefs(deleteStrings(s.getChildOfRefs(), op));
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

    private static List<String> setStrings(SessionUpdateOp op) {
        return KeyedLists.set(op.getKeys(), Function.identity());
    }

    private static List<String> updateStrings(List<String> existing, SessionUpdateOp op) {
        return KeyedLists.update(existing, op.getKeys(), Function.identity());
    }

    private static List<String> deleteStrings(List<String> existing, SessionUpdateOp op) {
        return KeyedLists.delete(existing, op.getKeys(), Function.identity());
    }

    // The op's records are copied so that the state never aliases the batch.
    private static List<Marker> markers(SessionUpdateOp op) {
        return op.getMarkers().stream().map(m -> Marker.newBuilder(m).build()).toList();
    }

    private static List<ConfigBinding> configs(SessionUpdateOp op) {
        return op.getConfigBindings().stream().map(b -> ConfigBinding.newBuilder(b).build()).toList();
    }

    private static List<DataBinding> data(SessionUpdateOp op) {
        return op.getDataBindings().stream().map(b -> DataBinding.newBuilder(b).build()).toList();
    }
}
