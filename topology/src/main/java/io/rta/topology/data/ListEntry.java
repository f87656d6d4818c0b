package io.rta.topology.data;

import java.util.Arrays;

/**
 * One result (a {@code TimestampedData}, {@code PeriodicData}, {@code RowData} or {@code Event} message, encoded) with
 * the time of its first and last sample.
 */
record ListEntry(long start, long end, byte[] message) {

    boolean sameAs(ListEntry other) {
        return start == other.start && end == other.end && Arrays.equals(message, other.message);
    }
}
