package io.rta.topology.session;

import static io.rta.topology.session.Ops.bare;
import static io.rta.topology.session.Ops.config;
import static io.rta.topology.session.Ops.configBindings;
import static io.rta.topology.session.Ops.data;
import static io.rta.topology.session.Ops.dataBindings;
import static io.rta.topology.session.Ops.deleteDataBindings;
import static io.rta.topology.session.Ops.deleteDetails;
import static io.rta.topology.session.Ops.json;
import static io.rta.topology.session.Ops.key;
import static io.rta.topology.session.Ops.keys;
import static io.rta.topology.session.Ops.marker;
import static io.rta.topology.session.Ops.markers;
import static io.rta.topology.session.Ops.quality;
import static io.rta.topology.session.Ops.range;
import static io.rta.topology.session.Ops.state;
import static io.rta.topology.session.Ops.stringDetails;
import static io.rta.topology.session.Ops.text;

import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateOp;
import java.util.Map;

/** Test fixtures: one valid example of each of the 41 ops. */
final class OpSamples {

    private OpSamples() {
    }

    static SessionUpdateOp valid(SessionOp op) {
        return switch (op) {
            case UPDATE_HEARTBEAT, CLEAR_TIME_RANGE, CLEAR_TYPE, CLEAR_QUALITY, CLEAR_GROUP, CLEAR_VERSION -> bare(op);
            case SET_STATE -> state(SessionStates.OPEN);
            case SET_TIMESTAMP -> text(op, "2021-03-14T12:15:30Z");
            case SET_TIME_RANGE, EXTEND_TIME_RANGE -> range(op, 1, 2);
            case SET_IDENTIFIER, SET_TYPE, SET_GROUP, SET_VERSION -> text(op, "x");
            case SET_DETAILS, UPDATE_DETAILS -> stringDetails(op, "", Map.of("k", "v"));
            case SET_DETAILS_JSON, UPDATE_DETAILS_JSON -> json(op, "cat", "{\"k\":1}");
            case DELETE_DETAILS -> deleteDetails("", "k");
            case SET_QUALITY -> quality(0.5);
            case SET_MARKERS, UPDATE_MARKERS -> markers(op, marker("m", "Laps", "Lap"));
            case DELETE_MARKERS, DELETE_CONFIG_BINDINGS, SET_FOLDERS, UPDATE_FOLDERS, DELETE_FOLDERS -> keys(op, "a");
            case SET_REF_ANCHORS, UPDATE_REF_ANCHORS, DELETE_REF_ANCHORS, SET_ALTERNATE_OF_REFS,
                    UPDATE_ALTERNATE_OF_REFS, DELETE_ALTERNATE_OF_REFS, SET_CHILD_OF_REFS, UPDATE_CHILD_OF_REFS,
                    DELETE_CHILD_OF_REFS -> keys(op, "ref:a");
            case SET_CONFIG_BINDINGS, UPDATE_CONFIG_BINDINGS -> configBindings(op, config("c", 0));
            case SET_DATA_BINDINGS, UPDATE_DATA_BINDINGS -> dataBindings(op, data(key("s", "i", 0), 0));
            case DELETE_DATA_BINDINGS -> deleteDataBindings(key("s", "i", 0));
        };
    }
}
