package io.rta.schemas;

import java.util.List;
import java.util.Map;

import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import io.rta.events.SessionCreate;
import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;

/** Sample events for serde tests. */
final class Events {

    private Events() {
    }

    static SessionState sessionState() {
        return SessionState.newBuilder()
                .setIdentity("session-1")
                .setState(4)
                .setTimestamp("2024-05-01T12:00:00+02:00")
                .setIdentifier("Race 1")
                .setTimeRange(TimeRange.newBuilder().setStartTime(1_000L).setEndTime(2_000L).build())
                .setDetails(List.of(
                        Detail.newBuilder().setKey("Driver").setValue("Ana").build(),
                        Detail.newBuilder().setKey("Laps").setValue(57L).build(),
                        Detail.newBuilder().setKey("Start").setValue(
                                DateTimeValue.newBuilder().setIso("2024-05-01T12:00:00Z").build()).build()))
                .setFolders(List.of("folder-a"))
                .setHeartbeatUtc("2024-05-01T10:00:00Z")
                .setSequence(7L)
                .build();
    }

    static SessionUpdateBatch sessionUpdateBatch() {
        return SessionUpdateBatch.newBuilder()
                .setSequence(8L)
                .setCreateIfNotExists(SessionCreate.newBuilder().setState(2).build())
                .setUpdates(List.of(
                        SessionUpdateOp.newBuilder().setOp(SessionOp.SET_IDENTIFIER).setText("Race 2").build(),
                        SessionUpdateOp.newBuilder().setOp(SessionOp.UPDATE_DETAILS).setCategory("")
                                .setStringDetails(Map.of("Driver", "Bo")).build()))
                .build();
    }
}
