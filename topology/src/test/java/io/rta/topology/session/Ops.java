package io.rta.topology.session;

import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.DataChannelBinding;
import io.rta.events.Marker;
import io.rta.events.SessionCreate;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import java.util.List;
import java.util.Map;

/** Test fixtures: terse builders for update ops and batches. */
final class Ops {

    private Ops() {
    }

    static SessionUpdateBatch batch(SessionUpdateOp... ops) {
        return SessionUpdateBatch.newBuilder().setUpdates(List.of(ops)).build();
    }

    static SessionUpdateBatch sequenced(long sequence, SessionUpdateOp... ops) {
        return SessionUpdateBatch.newBuilder().setSequence(sequence).setUpdates(List.of(ops)).build();
    }

    static SessionUpdateBatch create(Integer state, String timestamp, String identifier, SessionUpdateOp... ops) {
        return SessionUpdateBatch.newBuilder()
                .setCreateIfNotExists(new SessionCreate(state, timestamp, identifier))
                .setUpdates(List.of(ops))
                .build();
    }

    static SessionUpdateBatch delete() {
        return SessionUpdateBatch.newBuilder().setDelete(true).build();
    }

    static SessionUpdateOp.Builder op(SessionOp op) {
        return SessionUpdateOp.newBuilder().setOp(op);
    }

    static SessionUpdateOp bare(SessionOp op) {
        return op(op).build();
    }

    static SessionUpdateOp text(SessionOp op, String text) {
        return op(op).setText(text).build();
    }

    static SessionUpdateOp state(int state) {
        return op(SessionOp.SET_STATE).setState(state).build();
    }

    static SessionUpdateOp quality(double quality) {
        return op(SessionOp.SET_QUALITY).setQuality(quality).build();
    }

    static SessionUpdateOp range(SessionOp op, long start, long end) {
        return op(op).setTimeRange(new TimeRange(start, end)).build();
    }

    static SessionUpdateOp keys(SessionOp op, String... keys) {
        return op(op).setKeys(List.of(keys)).build();
    }

    static SessionUpdateOp stringDetails(SessionOp op, String category, Map<String, String> details) {
        return op(op).setCategory(category).setStringDetails(details).build();
    }

    static SessionUpdateOp json(SessionOp op, String category, String json) {
        return op(op).setCategory(category).setJson(json).build();
    }

    static SessionUpdateOp deleteDetails(String category, String... keys) {
        return op(SessionOp.DELETE_DETAILS).setCategory(category).setKeys(List.of(keys)).build();
    }

    static SessionUpdateOp markers(SessionOp op, Marker... markers) {
        return op(op).setMarkers(List.of(markers)).build();
    }

    static Marker marker(String id, String category, String label) {
        return Marker.newBuilder().setId(id).setCategory(category).setLabel(label).build();
    }

    static SessionUpdateOp configBindings(SessionOp op, ConfigBinding... bindings) {
        return op(op).setConfigBindings(List.of(bindings)).build();
    }

    static ConfigBinding config(String identifier, long offset) {
        return new ConfigBinding(identifier, offset);
    }

    static SessionUpdateOp dataBindings(SessionOp op, DataBinding... bindings) {
        return op(op).setDataBindings(List.of(bindings)).build();
    }

    static DataBindingKey key(String source, String identity, long timeRef) {
        return new DataBindingKey(source, identity, timeRef);
    }

    static DataBinding data(DataBindingKey key, long offset, DataChannelBinding... channels) {
        return DataBinding.newBuilder().setKey(key).setSessionTimeOffset(offset)
                .setDataChannelBindings(List.of(channels)).build();
    }

    static SessionUpdateOp deleteDataBindings(DataBindingKey... keys) {
        return op(SessionOp.DELETE_DATA_BINDINGS).setDataBindingKeys(List.of(keys)).build();
    }
}
