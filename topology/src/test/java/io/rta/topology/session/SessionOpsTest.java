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
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataChannelBinding;
import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.Marker;
import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One specification per SessionUpdate operation, applied through {@link SessionApplier}. */
class SessionOpsTest {

    private static final long T0 = 1_615_724_130_000L; // 2021-03-14T12:15:30Z
    private static final long T1 = T0 + 1_000;

    private static SessionState base() {
        return apply(null, Ops.create(2, "2021-03-14T12:15:30+01:00", "Demo"));
    }

    private static SessionState apply(SessionState current, io.rta.events.SessionUpdateBatch batch) {
        ApplyResult result = SessionApplier.apply(current, "s1", batch, current == null ? T0 : T1);
        assertThat(result.outcome()).as(result.reason()).isEqualTo(ApplyResult.Outcome.APPLIED);
        return result.state();
    }

    private static SessionState after(SessionState current, SessionUpdateOp... ops) {
        return apply(current, Ops.batch(ops));
    }

    private static SessionState after(SessionUpdateOp... ops) {
        return after(base(), ops);
    }

    private static Detail detail(String key, Object value) {
        return new Detail(key, value);
    }

    @Test
    void shouldTouchHeartbeatOnUpdateHeartbeat() {
        SessionState s = after(bare(SessionOp.UPDATE_HEARTBEAT));
        assertThat(s.getHeartbeatUtc()).isEqualTo("2021-03-14T12:15:31Z");
        SessionState base = base();
        assertThat(SessionState.newBuilder(s).setHeartbeatUtc(base.getHeartbeatUtc()).build()).isEqualTo(base);
    }

    @Test
    void shouldSetState() {
        assertThat(after(state(SessionStates.TRUNCATED)).getState()).isEqualTo(12);
        assertThat(after(state(SessionStates.UNKNOWN)).getState()).isZero();
    }

    @Test
    void shouldSetTimestampKeepingTheTextAsGiven() {
        assertThat(after(text(SessionOp.SET_TIMESTAMP, "2021-05-06T18:58:56.20289+01:00")).getTimestamp())
                .isEqualTo("2021-05-06T18:58:56.20289+01:00");
    }

    @Test
    void shouldSetTimeRange() {
        SessionState s = after(range(SessionOp.SET_TIME_RANGE, 10, 20), range(SessionOp.SET_TIME_RANGE, 30, 40));
        assertThat(s.getTimeRange()).isEqualTo(new TimeRange(30L, 40L));
    }

    @Test
    void shouldExtendTimeRangeAsUnionOrSetWhenThereIsNone() {
        assertThat(after(range(SessionOp.EXTEND_TIME_RANGE, 10, 20)).getTimeRange()).isEqualTo(new TimeRange(10L, 20L));
        SessionState s = after(range(SessionOp.SET_TIME_RANGE, 10, 20), range(SessionOp.EXTEND_TIME_RANGE, 15, 30),
                range(SessionOp.EXTEND_TIME_RANGE, 5, 6));
        assertThat(s.getTimeRange()).isEqualTo(new TimeRange(5L, 30L));
    }

    @Test
    void shouldClearTimeRange() {
        assertThat(after(range(SessionOp.SET_TIME_RANGE, 10, 20), bare(SessionOp.CLEAR_TIME_RANGE)).getTimeRange()).isNull();
    }

    @Test
    void shouldSetIdentifier() {
        assertThat(after(text(SessionOp.SET_IDENTIFIER, "Run 7")).getIdentifier()).isEqualTo("Run 7");
    }

    @Test
    void shouldSetDetailsFromStringsReplacingAllAndRecognisingDateTimes() {
        SessionState s = after(stringDetails(SessionOp.SET_DETAILS, "", Map.of("Old", "x")),
                stringDetails(SessionOp.SET_DETAILS, "", Map.of("Driver", "Bob", "Start", "2021-03-14T12:15:30Z")));
        assertThat(s.getDetails()).containsExactly(detail("Driver", "Bob"),
                detail("Start", new DateTimeValue("2021-03-14T12:15:30Z")));
    }

    @Test
    void shouldUpdateDetailsFromStringsReplacingInPlaceAndAppending() {
        SessionState s = after(json(SessionOp.SET_DETAILS_JSON, "", "{\"a\":1,\"b\":2}"),
                stringDetails(SessionOp.UPDATE_DETAILS, "", Map.of("a", "one", "c", "three")));
        assertThat(s.getDetails()).containsExactly(detail("a", "one"), detail("b", 2L), detail("c", "three"));
    }

    @Test
    void shouldSetDetailsFromJsonWithTypedValues() {
        SessionState s = after(json(SessionOp.SET_DETAILS_JSON, "",
                "{\"Run\":17,\"Lab Tech\":\"Bob\",\"ok\":true,\"ratio\":0.5,\"at\":\"2021-05-06T18:58:56.2+01:00\"}"));
        assertThat(s.getDetails()).containsExactly(detail("Run", 17L), detail("Lab Tech", "Bob"), detail("ok", true),
                detail("ratio", 0.5), detail("at", new DateTimeValue("2021-05-06T18:58:56.2+01:00")));
    }

    @Test
    void shouldUpdateDetailsFromJsonMergingIntoExtDetailsCategory() {
        SessionState s = after(json(SessionOp.SET_DETAILS_JSON, "Car Setup", "{\"rideHeightFront\":32}"),
                json(SessionOp.UPDATE_DETAILS_JSON, "Car Setup", "{\"rideHeightRear\":78,\"rideHeightFront\":30}"));
        assertThat(s.getDetails()).isEmpty();
        assertThat(s.getExtDetails()).containsExactly(new DetailCategory("Car Setup",
                List.of(detail("rideHeightFront", 30L), detail("rideHeightRear", 78L))));
    }

    @Test
    void shouldDeleteDetailsIgnoringMissingKeysAndDropEmptyCategory() {
        SessionState s = after(json(SessionOp.SET_DETAILS_JSON, "", "{\"a\":1,\"b\":2}"),
                json(SessionOp.SET_DETAILS_JSON, "X", "{\"k\":1}"),
                deleteDetails("", "a", "missing"), deleteDetails("X", "k"), deleteDetails("Nope", "k"));
        assertThat(s.getDetails()).containsExactly(detail("b", 2L));
        assertThat(s.getExtDetails()).isEmpty();
    }

    @Test
    void shouldSetType() {
        assertThat(after(text(SessionOp.SET_TYPE, "DDS")).getType()).isEqualTo("DDS");
    }

    @Test
    void shouldClearType() {
        assertThat(after(text(SessionOp.SET_TYPE, "DDS"), bare(SessionOp.CLEAR_TYPE)).getType()).isNull();
    }

    @Test
    void shouldSetQuality() {
        assertThat(after(quality(0.25)).getQuality()).isEqualTo(0.25);
    }

    @Test
    void shouldClearQuality() {
        assertThat(after(quality(0.25), bare(SessionOp.CLEAR_QUALITY)).getQuality()).isNull();
    }

    @Test
    void shouldSetGroup() {
        assertThat(after(text(SessionOp.SET_GROUP, "Aero")).getGroup()).isEqualTo("Aero");
    }

    @Test
    void shouldClearGroup() {
        assertThat(after(text(SessionOp.SET_GROUP, "Aero"), bare(SessionOp.CLEAR_GROUP)).getGroup()).isNull();
    }

    @Test
    void shouldSetVersion() {
        assertThat(after(text(SessionOp.SET_VERSION, "1.2.0")).getVersion()).isEqualTo("1.2.0");
    }

    @Test
    void shouldClearVersion() {
        assertThat(after(text(SessionOp.SET_VERSION, "1.2.0"), bare(SessionOp.CLEAR_VERSION)).getVersion()).isNull();
    }

    @Test
    void shouldSetMarkersOverwritingAll() {
        SessionState s = after(markers(SessionOp.SET_MARKERS, marker("1", "Laps", "Lap 1")),
                markers(SessionOp.SET_MARKERS, marker("2", "Laps", "Lap 2"), marker("e", "Events", "Flag")));
        assertThat(s.getMarkers()).extracting(Marker::getId).containsExactly("2", "e");
    }

    @Test
    void shouldUpdateMarkersByIdAcrossCategories() {
        SessionState s = after(markers(SessionOp.SET_MARKERS, marker("1", "Laps", "Lap 1"), marker("2", "Laps", "Lap 2")),
                markers(SessionOp.UPDATE_MARKERS, marker("1", "Events", "Moved"), marker("3", "Laps", "Lap 3")));
        assertThat(s.getMarkers()).containsExactly(marker("1", "Events", "Moved"), marker("2", "Laps", "Lap 2"),
                marker("3", "Laps", "Lap 3"));
    }

    @Test
    void shouldDeleteMarkersById() {
        SessionState s = after(markers(SessionOp.SET_MARKERS, marker("1", "Laps", "a"), marker("2", "Laps", "b")),
                keys(SessionOp.DELETE_MARKERS, "1", "missing"));
        assertThat(s.getMarkers()).extracting(Marker::getId).containsExactly("2");
    }

    @Test
    void shouldSetConfigBindings() {
        SessionState s = after(configBindings(SessionOp.SET_CONFIG_BINDINGS, config("a", 0)),
                configBindings(SessionOp.SET_CONFIG_BINDINGS, config("b", 1000)));
        assertThat(s.getConfigBindings()).containsExactly(config("b", 1000));
    }

    @Test
    void shouldUpdateConfigBindingsByIdentifier() {
        SessionState s = after(configBindings(SessionOp.SET_CONFIG_BINDINGS, config("a", 0), config("b", 50)),
                configBindings(SessionOp.UPDATE_CONFIG_BINDINGS, config("a", 100), config("c", 200)));
        assertThat(s.getConfigBindings()).containsExactly(config("a", 100), config("b", 50), config("c", 200));
    }

    @Test
    void shouldDeleteConfigBindingsByIdentifier() {
        SessionState s = after(configBindings(SessionOp.SET_CONFIG_BINDINGS, config("a", 0), config("b", 50)),
                keys(SessionOp.DELETE_CONFIG_BINDINGS, "a", "missing"));
        assertThat(s.getConfigBindings()).extracting(ConfigBinding::getIdentifier).containsExactly("b");
    }

    @Test
    void shouldSetDataBindings() {
        DataBinding binding = data(key("influx01", "someField='abc123'", 0), 0,
                new DataChannelBinding(0L, 0L, 49L));
        SessionState s = after(dataBindings(SessionOp.SET_DATA_BINDINGS, data(key("old", "x", 0), 0)),
                dataBindings(SessionOp.SET_DATA_BINDINGS, binding));
        assertThat(s.getDataBindings()).containsExactly(binding);
    }

    @Test
    void shouldUpdateDataBindingsByWholeKey() {
        SessionState s = after(
                dataBindings(SessionOp.SET_DATA_BINDINGS, data(key("influx", "a", 0), 0), data(key("influx", "a", 9), 0)),
                dataBindings(SessionOp.UPDATE_DATA_BINDINGS, data(key("influx", "a", 0), 300), data(key("other", "b", 0), 0)));
        assertThat(s.getDataBindings()).containsExactly(data(key("influx", "a", 0), 300), data(key("influx", "a", 9), 0),
                data(key("other", "b", 0), 0));
    }

    @Test
    void shouldDeleteDataBindingsByWholeKey() {
        SessionState s = after(
                dataBindings(SessionOp.SET_DATA_BINDINGS, data(key("influx", "a", 0), 0), data(key("influx", "a", 9), 0)),
                deleteDataBindings(key("influx", "a", 9), key("influx", "a", 1)));
        assertThat(s.getDataBindings()).extracting(DataBinding::getKey).containsExactly(key("influx", "a", 0));
    }

    @Test
    void shouldSetFoldersDroppingTheRoot() {
        assertThat(base().getFolders()).containsExactly("");
        assertThat(after(keys(SessionOp.SET_FOLDERS, "animals")).getFolders()).containsExactly("animals");
        assertThat(after(keys(SessionOp.SET_FOLDERS)).getFolders()).containsExactly("");
        assertThat(after(keys(SessionOp.SET_FOLDERS, "", "a", "a")).getFolders()).containsExactly("a");
    }

    @Test
    void shouldUpdateFoldersAddingLinks() {
        SessionState s = after(keys(SessionOp.UPDATE_FOLDERS, "animals"), keys(SessionOp.UPDATE_FOLDERS, "plants", "animals"));
        assertThat(s.getFolders()).containsExactly("animals", "plants");
    }

    @Test
    void shouldDeleteFoldersRelinkingAnOrphanToTheRoot() {
        SessionState s = after(keys(SessionOp.SET_FOLDERS, "animals", "plants"), keys(SessionOp.DELETE_FOLDERS, "plants"));
        assertThat(s.getFolders()).containsExactly("animals");
        assertThat(after(s, keys(SessionOp.DELETE_FOLDERS, "animals")).getFolders()).containsExactly("");
    }

    @Test
    void shouldSetRefAnchors() {
        SessionState s = after(keys(SessionOp.SET_REF_ANCHORS, "ref:aaa", "ref:bbb", "ref:ccc"),
                keys(SessionOp.SET_REF_ANCHORS, "ref:bbb", "ref:ccc", "ref:ddd"));
        assertThat(s.getRefAnchors()).containsExactly("ref:bbb", "ref:ccc", "ref:ddd");
    }

    @Test
    void shouldUpdateRefAnchors() {
        SessionState s = after(keys(SessionOp.SET_REF_ANCHORS, "ref:aaa", "ref:bbb"),
                keys(SessionOp.UPDATE_REF_ANCHORS, "ref:bbb", "ref:ccc"));
        assertThat(s.getRefAnchors()).containsExactly("ref:aaa", "ref:bbb", "ref:ccc");
    }

    @Test
    void shouldDeleteRefAnchors() {
        SessionState s = after(keys(SessionOp.SET_REF_ANCHORS, "ref:aaa", "ref:bbb"),
                keys(SessionOp.DELETE_REF_ANCHORS, "ref:aaa", "ref:zzz"));
        assertThat(s.getRefAnchors()).containsExactly("ref:bbb");
    }

    @Test
    void shouldSetAlternateOfRefs() {
        SessionState s = after(keys(SessionOp.SET_ALTERNATE_OF_REFS, "guid:1", "guid:1", "guid:2"));
        assertThat(s.getAlternateOfRefs()).containsExactly("guid:1", "guid:2");
    }

    @Test
    void shouldUpdateAlternateOfRefs() {
        SessionState s = after(keys(SessionOp.SET_ALTERNATE_OF_REFS, "guid:1"),
                keys(SessionOp.UPDATE_ALTERNATE_OF_REFS, "guid:2", "guid:1"));
        assertThat(s.getAlternateOfRefs()).containsExactly("guid:1", "guid:2");
    }

    @Test
    void shouldDeleteAlternateOfRefs() {
        SessionState s = after(keys(SessionOp.SET_ALTERNATE_OF_REFS, "guid:1", "guid:2"),
                keys(SessionOp.DELETE_ALTERNATE_OF_REFS, "guid:1"));
        assertThat(s.getAlternateOfRefs()).containsExactly("guid:2");
    }

    @Test
    void shouldSetChildOfRefs() {
        SessionState s = after(keys(SessionOp.SET_CHILD_OF_REFS, "acq:a"), keys(SessionOp.SET_CHILD_OF_REFS, "acq:b"));
        assertThat(s.getChildOfRefs()).containsExactly("acq:b");
    }

    @Test
    void shouldUpdateChildOfRefs() {
        SessionState s = after(keys(SessionOp.SET_CHILD_OF_REFS, "acq:a"), keys(SessionOp.UPDATE_CHILD_OF_REFS, "acq:b"));
        assertThat(s.getChildOfRefs()).containsExactly("acq:a", "acq:b");
    }

    @Test
    void shouldDeleteChildOfRefs() {
        SessionState s = after(keys(SessionOp.SET_CHILD_OF_REFS, "acq:a", "acq:b"), keys(SessionOp.DELETE_CHILD_OF_REFS, "acq:b"));
        assertThat(s.getChildOfRefs()).containsExactly("acq:a");
    }

    @Test
    void shouldApplyEveryOneOfThe41Ops() {
        Map<SessionOp, SessionUpdateOp> samples = new EnumMap<>(SessionOp.class);
        for (SessionOp op : SessionOp.values()) {
            samples.put(op, OpSamples.valid(op));
        }
        assertThat(samples).hasSize(41);
        SessionState s = after(samples.values().toArray(SessionUpdateOp[]::new));
        assertThat(s.getIdentity()).isEqualTo("s1");
    }
}
