package io.rta.stream.kafka;

import io.rta.stream.live.LiveData;

/**
 * One burst of {@code rta.telemetry} ready for the wire, with its first timestamp (which {@link LiveData} does not
 * carry) so the session's time range can start at the data.
 */
record TelemetryItem(long startTime, LiveData data) {

    long endTime() {
        return data.endTime();
    }
}
