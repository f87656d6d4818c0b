package io.rta.topology.data;

import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TimestampedBurst;
import io.rta.topology.limits.InputLimits;

/**
 * The rules every burst must meet before it is chunked (devguide/data/chunks.md size limits and the data model). The
 * gRPC writer rejects a breaking message with {@code INVALID_ARGUMENT}; the chunk topology sets aside (dead-letters) a
 * breaking burst a pipeline produced straight to Kafka. Problems name the protobuf field. Every burst it accepts can
 * be chunked with 64-bit arithmetic: its last sample's time fits a long.
 */
public final class BurstValidator {

    /** Hard limit on samples per result (chunks.md: MUST NOT exceed 10,000). */
    public static final int MAX_SAMPLES_PER_RESULT = 10_000;
    /**
     * Hard limit on a result's bytes (its buffer; with a timestamped result's packed deltas, an event's texts and
     * data): chunks.md says a list MUST NOT exceed 4 MiB, so a result beyond it fits no valid list. It also keeps
     * every stored chunk (a result beyond {@link SlotPacker#PART_LIST_BYTES} is stored alone) well below the 8 MiB
     * record limit of the chunk changelog, which a larger one would break on every attempt, stopping its partition.
     */
    public static final int MAX_RESULT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_VARINT_BYTES = 10;

    private BurstValidator() {
    }

    /** {@link #problem(Object, InputLimits)} with the default limits (tests). */
    public static String problem(Object burst) {
        return problem(burst, InputLimits.defaults());
    }

    /** @return what is wrong with the burst, or {@code null} when it is valid */
    public static String problem(Object burst, InputLimits limits) {
        if (burst instanceof PeriodicBurst periodic) {
            return problem(periodic);
        }
        if (burst instanceof TimestampedBurst timestamped) {
            return problem(timestamped);
        }
        if (burst instanceof RowBurst row) {
            return problem(row, limits);
        }
        if (burst instanceof EventBurst event) {
            return problem(event);
        }
        return "unknown burst type " + (burst == null ? "null" : burst.getClass().getSimpleName());
    }

    static String problem(PeriodicBurst burst) {
        int samples = burst.getSamples();
        int length = burst.getBuffer().remaining();
        if (burst.getChannelId() < 0 || burst.getChannelId() > ChannelsExpression.MAX_CHANNEL_ID) {
            return "periodic_data.channel_id " + burst.getChannelId() + " is outside 0..4294967295";
        }
        if (samples <= 0) {
            return "periodic_data.samples is " + samples + ": a result needs at least one sample";
        }
        if (samples > MAX_SAMPLES_PER_RESULT) {
            return "periodic_data.samples is " + samples + ": a result holds at most " + MAX_SAMPLES_PER_RESULT
                    + " samples";
        }
        if (burst.getInterval() < 0) {
            return "periodic_data.interval is " + burst.getInterval() + ": intervals must not be negative";
        }
        if (burst.getInterval() == 0 && samples > 1) {
            return "periodic_data.interval is 0 with " + samples + " samples: the interval must be positive";
        }
        if (length == 0 || length % samples != 0) {
            return "periodic_data.buffer has " + length + " bytes, which does not divide into its " + samples
                    + " samples";
        }
        if (length > MAX_RESULT_BYTES) {
            return tooLarge("periodic_data.buffer", length);
        }
        return endOverflows(burst.getStartTimestamp(), burst.getInterval(), samples - 1L)
                ? "periodic_data: the last sample's timestamp overflows 64 bits" : null;
    }

    static String problem(TimestampedBurst burst) {
        if (burst.getChannelId() < 0 || burst.getChannelId() > ChannelsExpression.MAX_CHANNEL_ID) {
            return "timestamped_data.channel_id " + burst.getChannelId() + " is outside 0..4294967295";
        }
        // a varint takes 1 to 10 bytes: more bytes than that cannot be a result's deltas (and are not unpacked)
        int packedBytes = burst.getTimestampDeltas().remaining();
        if (packedBytes > MAX_SAMPLES_PER_RESULT * MAX_VARINT_BYTES) {
            return "timestamped_data.timestamp_deltas is " + packedBytes + " bytes: more than a result's "
                    + MAX_SAMPLES_PER_RESULT + " samples";
        }
        if ((long) packedBytes + burst.getBuffer().remaining() > MAX_RESULT_BYTES) {
            return tooLarge("timestamped_data.buffer and timestamp_deltas", (long) packedBytes
                    + burst.getBuffer().remaining());
        }
        long[] deltas;
        try {
            deltas = Bursts.unpackDeltas(burst.getTimestampDeltas());
        } catch (IllegalArgumentException e) {
            return "timestamped_data.timestamp_deltas: " + e.getMessage();
        }
        int samples = deltas.length;
        int length = burst.getBuffer().remaining();
        if (samples == 0) {
            return "timestamped_data.timestamp_deltas is empty: a result needs at least one sample";
        }
        if (samples > MAX_SAMPLES_PER_RESULT) {
            return "timestamped_data.timestamp_deltas has " + samples + " samples: a result holds at most "
                    + MAX_SAMPLES_PER_RESULT + " samples";
        }
        if (length == 0 || length % samples != 0) {
            return "timestamped_data.buffer has " + length + " bytes, which does not divide into the " + samples
                    + " samples of timestamp_deltas";
        }
        if (deltas[0] != 0) {
            return "timestamped_data.timestamp_deltas[0] is " + deltas[0] + ": the first delta must be 0";
        }
        long scale = burst.getTimestampDeltasScale();
        if (samples > 1 && scale <= 0) {
            return "timestamped_data.timestamp_deltas_scale is " + scale + ": it must be positive";
        }
        long span = 0;
        for (int i = 1; i < samples; i++) {
            if (deltas[i] < 0) {
                return "timestamped_data.timestamp_deltas[" + i + "] is " + deltas[i]
                        + ": samples must be in time order";
            }
            span += deltas[i];
            if (span < 0) {
                return "timestamped_data.timestamp_deltas: the sum of the deltas overflows 64 bits";
            }
        }
        return endOverflows(burst.getStartTimestamp(), scale, span)
                ? "timestamped_data: the last sample's timestamp overflows 64 bits" : null;
    }

    static String problem(RowBurst burst, InputLimits limits) {
        if (burst.getChannelIds().isEmpty()) {
            return "row_data.channel_ids is empty: a row needs at least one channel";
        }
        if (burst.getChannelIds().size() > limits.maxRowChannels()) {
            return InputLimits.exceeded("row_data.channel_ids count", burst.getChannelIds().size(),
                    limits.maxRowChannels(), InputLimits.MAX_ROW_CHANNELS);
        }
        for (long id : burst.getChannelIds()) {
            if (id < 0 || id > ChannelsExpression.MAX_CHANNEL_ID) {
                return "row_data.channel_ids has " + id + ", outside 0..4294967295";
            }
        }
        if (burst.getBuffer().remaining() == 0) {
            return "row_data.buffer is empty";
        }
        if (burst.getBuffer().remaining() > MAX_RESULT_BYTES) {
            return tooLarge("row_data.buffer", burst.getBuffer().remaining());
        }
        return null;
    }

    static String problem(EventBurst burst) {
        long bytes = utf8Bytes(burst.getAppName()) + utf8Bytes(burst.getStatusText())
                + (long) Double.BYTES * burst.getRawData().size();
        return bytes > MAX_RESULT_BYTES ? tooLarge("event_data (app_name, status and raw_data)", bytes) : null;
    }

    /** The UTF-8 length of {@code text} (a surrogate pair's four bytes counted two per char), without encoding it. */
    private static long utf8Bytes(CharSequence text) {
        long bytes = 0;
        for (int i = 0; text != null && i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static String tooLarge(String field, long bytes) {
        return field + " is " + bytes + " bytes: a result may hold at most " + MAX_RESULT_BYTES + " (chunks.md: a "
                + "list must not exceed 4 MiB)";
    }

    private static boolean endOverflows(long start, long step, long steps) {
        try {
            Math.addExact(start, Math.multiplyExact(step, steps));
            return false;
        } catch (ArithmeticException e) {
            return true;
        }
    }
}
