package io.rta.stream.redis;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.net.stream.StreamTimeRange;
import io.rta.stream.live.LiveData;
import io.rta.stream.protocol.StreamElements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an unpickled {@code StreamDataBurst} into its entries without re-encoding them: each {@code data} entry
 * (tag, length, {@code StreamData}) is scanned for its oneof field and copied out as it stands, which is exactly
 * the {@link LiveData#element()} a WebSocket burst carries. Only the small inner messages are parsed, for the
 * channel ids, end time, session JSON or time range.
 */
final class BurstEntries {

    private static final int DATA_TAG = StreamElements.BURST_DATA << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private BurstEntries() {
    }

    /**
     * Calls {@code visitor} for each entry of {@code burst}, in order. Entries whose {@code StreamData} holds no known
     * oneof field are skipped.
     *
     * @throws IllegalArgumentException when the burst is not a well-formed {@code StreamDataBurst}
     */
    static void read(byte[] burst, BurstVisitor visitor) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(burst);
            while (true) {
                int entryStart = in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    return;
                }
                if (tag != DATA_TAG) {
                    in.skipField(tag);
                    continue;
                }
                int length = in.readRawVarint32();
                int valueStart = in.getTotalBytesRead();
                int limit = in.pushLimit(length);
                Value value = scanStreamData(in);
                in.popLimit(limit);
                if (value != null) {
                    deliver(value, burst, entryStart, valueStart + length, visitor);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed StreamDataBurst: " + e.getMessage(), e);
        }
    }

    /** The position of the {@code StreamData}'s oneof value (the last one wins, as in protobuf), or null. */
    private static Value scanStreamData(CodedInputStream in) throws IOException {
        Value value = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field >= StreamElements.SESSION_JSON && field <= StreamElements.EVENT
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int length = in.readRawVarint32();
                value = new Value(field, in.getTotalBytesRead(), length);
                in.skipRawBytes(length);
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }

    private static void deliver(Value value, byte[] burst, int entryStart, int entryEnd, BurstVisitor visitor)
            throws IOException {
        switch (value.field) {
            case StreamElements.SESSION_JSON ->
                    visitor.sessionJson(new String(burst, value.offset, value.length, StandardCharsets.UTF_8));
            case StreamElements.TIME_RANGE -> {
                StreamTimeRange range = StreamTimeRange.parseFrom(value.input(burst));
                visitor.timeRange(new TimeRange(range.getStartTime(), range.getEndTime()));
            }
            default -> visitor.data(liveData(value, burst, Arrays.copyOfRange(burst, entryStart, entryEnd)));
        }
    }

    private static LiveData liveData(Value value, byte[] burst, byte[] element) throws IOException {
        CodedInputStream in = value.input(burst);
        return switch (value.field) {
            case StreamElements.TIMESTAMPED_DATA -> {
                TimestampedData data = TimestampedData.parseFrom(in);
                long ticks = 0;
                for (long delta : data.getTimestampDeltasList()) {
                    ticks += delta;
                }
                yield new LiveData(false, new int[] {data.getChannelId()},
                        data.getStartTimestamp() + ticks * data.getTimestampDeltasScale(), element);
            }
            case StreamElements.PERIODIC_DATA -> {
                PeriodicData data = PeriodicData.parseFrom(in);
                yield new LiveData(false, new int[] {data.getChannelId()},
                        data.getStartTimestamp() + data.getInterval() * Math.max(data.getSamples() - 1, 0), element);
            }
            case StreamElements.ROW_DATA -> {
                RowData data = RowData.parseFrom(in);
                yield new LiveData(false, toArray(data.getChannelIdsList()), data.getTimestamp(), element);
            }
            case StreamElements.EVENT -> new LiveData(true, new int[0], Event.parseFrom(in).getTimestamp(), element);
            default -> throw new IllegalStateException("StreamData field " + value.field + " is not data");
        };
    }

    private static int[] toArray(List<Integer> channelIds) {
        int[] ids = new int[channelIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = channelIds.get(i);
        }
        return ids;
    }

    /** Where one oneof value lies in the burst. */
    private record Value(int field, int offset, int length) {

        /** A reader of just the value; sample buffers alias the burst instead of being copied. */
        CodedInputStream input(byte[] burst) {
            CodedInputStream in = CodedInputStream.newInstance(burst, offset, length);
            in.enableAliasing(true);
            return in;
        }
    }
}
