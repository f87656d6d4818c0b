package io.rta.stream;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.stream.live.LiveData;
import io.rta.stream.protocol.StreamElements;
import java.util.Arrays;

/** Live items as a source would encode them, distinguishable by their timestamp. */
public final class LiveItems {

    private LiveItems() {
    }

    public static LiveData periodic(int channel, long timestamp, byte[] buffer) {
        PeriodicData data = PeriodicData.newBuilder().setChannelId(channel).setStartTimestamp(timestamp)
                .setInterval(1_000_000).setSamples(1).setBuffer(ByteString.copyFrom(buffer)).build();
        return new LiveData(false, new int[] {channel}, timestamp, StreamElements.of(StreamElements.PERIODIC_DATA, data));
    }

    public static LiveData periodic(int channel, long timestamp) {
        return periodic(channel, timestamp, new byte[8]);
    }

    public static LiveData row(long timestamp, int... channels) {
        RowData.Builder row = RowData.newBuilder().setTimestamp(timestamp)
                .setBuffer(ByteString.copyFrom(new byte[8 * channels.length]));
        Arrays.stream(channels).forEach(row::addChannelIds);
        return new LiveData(false, channels.clone(), timestamp, StreamElements.of(StreamElements.ROW_DATA, row.build()));
    }

    public static LiveData event(long timestamp) {
        Event event = Event.newBuilder().setEventDefinitionId(7).setAppName("test").setTimestamp(timestamp)
                .setStatusText("status").build();
        return new LiveData(true, new int[0], timestamp, StreamElements.of(StreamElements.EVENT, event));
    }

    /** The timestamp a data or event entry carries (what the items above are told apart by). */
    public static long timestampOf(StreamData data) {
        return switch (data.getDataCase()) {
            case PERIODIC_DATA -> data.getPeriodicData().getStartTimestamp();
            case ROW_DATA -> data.getRowData().getTimestamp();
            case EVENT -> data.getEvent().getTimestamp();
            case TIMESTAMPED_DATA -> data.getTimestampedData().getStartTimestamp();
            default -> throw new IllegalArgumentException("not a data entry: " + data.getDataCase());
        };
    }
}
