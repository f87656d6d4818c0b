package io.rta.topology.data;

import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TimestampedBurst;
import java.util.List;

/** Estimates a new series' data rate from its first bursts, to choose its slot duration. */
final class BurstSpans {

    /** Rough protobuf overhead of one result besides its buffer (tags, channel, timestamps, lengths). */
    private static final int RESULT_OVERHEAD = 20;

    private BurstSpans() {
    }

    static long slotDuration(List<Object> bursts) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long bytes = 0;
        long step = 0;
        for (Object burst : bursts) {
            if (burst instanceof PeriodicBurst periodic) {
                first = Math.min(first, periodic.getStartTimestamp());
                last = Math.max(last, periodic.getStartTimestamp()
                        + periodic.getInterval() * (periodic.getSamples() - 1L));
                step = Math.max(step, periodic.getInterval());
                bytes += periodic.getBuffer().remaining() + RESULT_OVERHEAD;
            } else if (burst instanceof TimestampedBurst timestamped) {
                long[] deltas = Bursts.unpackDeltas(timestamped.getTimestampDeltas());
                long sum = 0;
                for (long delta : deltas) {
                    sum += delta;
                }
                first = Math.min(first, timestamped.getStartTimestamp());
                last = Math.max(last, timestamped.getStartTimestamp() + sum * timestamped.getTimestampDeltasScale());
                bytes += timestamped.getBuffer().remaining() + timestamped.getTimestampDeltas().remaining()
                        + RESULT_OVERHEAD;
            } else if (burst instanceof RowBurst row) {
                first = Math.min(first, row.getTimestamp());
                last = Math.max(last, row.getTimestamp());
                bytes += row.getBuffer().remaining() + 4L * row.getChannelIds().size() + RESULT_OVERHEAD;
            } else if (burst instanceof EventBurst event) {
                first = Math.min(first, event.getTimestamp());
                last = Math.max(last, event.getTimestamp());
                bytes += event.getStatusText().length() + event.getAppName().length() + 8L * event.getRawData().size()
                        + RESULT_OVERHEAD;
            }
        }
        return first > last ? SlotDurations.DEFAULT : SlotDurations.choose(bytes, last - first + step);
    }
}
