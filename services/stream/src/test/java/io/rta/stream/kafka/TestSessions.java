package io.rta.stream.kafka;

import io.rta.events.SessionState;
import io.rta.events.TimeRange;
import io.rta.topology.session.SessionStates;

/** Test fixture: session states as the session view holds them. */
final class TestSessions {

    private TestSessions() {
    }

    static SessionState.Builder open(String identity) {
        return SessionState.newBuilder()
                .setIdentity(identity)
                .setState(SessionStates.OPEN)
                .setTimestamp("2024-05-06T18:58:56+01:00")
                .setIdentifier(identity + " run")
                .setHeartbeatUtc("2024-05-06T17:58:56Z");
    }

    static SessionState open(String identity, long start, long end) {
        return open(identity).setTimeRange(new TimeRange(start, end)).build();
    }
}
