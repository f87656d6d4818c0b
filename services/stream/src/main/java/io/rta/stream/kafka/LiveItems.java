package io.rta.stream.kafka;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.stream.live.LiveData;
import io.rta.stream.protocol.StreamElements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the Avro bursts of {@code rta.telemetry} into stream entries, each encoded once for every client (the
 * opposite direction of {@link io.rta.topology.data.Bursts}). Sample buffers are wrapped, not copied, on the way into
 * the entry: a decoded batch is used once and dropped.
 */
final class LiveItems {

    private static final int[] NO_CHANNELS = new int[0];

    private LiveItems() {
    }

    /** The items of a batch, in burst order. */
    static List<TelemetryItem> of(TelemetryBatch batch) {
        List<TelemetryItem> items = new ArrayList<>(batch.getBursts().size());
        for (Object burst : batch.getBursts()) {
            items.add(of(burst));
        }
        return items;
    }

    static TelemetryItem of(Object burst) {
        if (burst instanceof PeriodicBurst periodic) {
            return periodic(periodic);
        }
        if (burst instanceof TimestampedBurst timestamped) {
            return timestamped(timestamped);
        }
        if (burst instanceof RowBurst row) {
            return row(row);
        }
        if (burst instanceof EventBurst event) {
            return event(event);
        }
        throw new IllegalArgumentException("not a telemetry burst: " + (burst == null ? null : burst.getClass()));
    }

    static TelemetryItem periodic(PeriodicBurst burst) {
        PeriodicData data = PeriodicData.newBuilder()
                .setChannelId((int) burst.getChannelId())
                .setStartTimestamp(burst.getStartTimestamp())
                .setInterval(burst.getInterval())
                .setSamples(burst.getSamples())
                .setBuffer(UnsafeByteOperations.unsafeWrap(burst.getBuffer().duplicate()))
                .build();
        long end = burst.getStartTimestamp() + Math.max(0, burst.getSamples() - 1) * burst.getInterval();
        return new TelemetryItem(burst.getStartTimestamp(), new LiveData(false, new int[] {(int) burst.getChannelId()},
                end, StreamElements.of(StreamElements.PERIODIC_DATA, data)));
    }

    /**
     * Encoded by hand: the burst keeps the deltas as field 4's packed varints already, so they are copied as they
     * are instead of being decoded into a list and encoded again.
     */
    static TelemetryItem timestamped(TimestampedBurst burst) {
        ByteBuffer deltas = burst.getTimestampDeltas().duplicate();
        ByteBuffer buffer = burst.getBuffer().duplicate();
        int channel = (int) burst.getChannelId();
        long start = burst.getStartTimestamp();
        long scale = burst.getTimestampDeltasScale();
        int size = (channel == 0 ? 0 : CodedOutputStream.computeUInt32Size(1, channel))
                + (start == 0 ? 0 : CodedOutputStream.computeSFixed64Size(2, start))
                + (scale == 0 ? 0 : CodedOutputStream.computeInt64Size(3, scale))
                + (deltas.hasRemaining() ? lengthDelimitedSize(4, deltas.remaining()) : 0)
                + (buffer.hasRemaining() ? lengthDelimitedSize(5, buffer.remaining()) : 0);
        byte[] message = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(message);
        try {
            if (channel != 0) {
                out.writeUInt32(1, channel);
            }
            if (start != 0) {
                out.writeSFixed64(2, start);
            }
            if (scale != 0) {
                out.writeInt64(3, scale);
            }
            writeBytes(out, 4, deltas);
            writeBytes(out, 5, buffer);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long end = start + scale * sumOfDeltas(burst.getTimestampDeltas());
        return new TelemetryItem(start, new LiveData(false, new int[] {channel}, end,
                StreamElements.of(StreamElements.TIMESTAMPED_DATA, message)));
    }

    static TelemetryItem row(RowBurst burst) {
        int[] channels = new int[burst.getChannelIds().size()];
        RowData.Builder data = RowData.newBuilder()
                .setTimestamp(burst.getTimestamp())
                .setBuffer(UnsafeByteOperations.unsafeWrap(burst.getBuffer().duplicate()));
        for (int i = 0; i < channels.length; i++) {
            channels[i] = (int) burst.getChannelIds().get(i).longValue();
            data.addChannelIds(channels[i]);
        }
        return new TelemetryItem(burst.getTimestamp(), new LiveData(false, channels, burst.getTimestamp(),
                StreamElements.of(StreamElements.ROW_DATA, data.build())));
    }

    static TelemetryItem event(EventBurst burst) {
        Event event = Event.newBuilder()
                .setEventDefinitionId(burst.getEventDefinitionId())
                .setAppName(burst.getAppName())
                .setTimestamp(burst.getTimestamp())
                .setStatusText(burst.getStatusText())
                .addAllRawData(burst.getRawData())
                .build();
        return new TelemetryItem(burst.getTimestamp(), new LiveData(true, NO_CHANNELS, burst.getTimestamp(),
                StreamElements.of(StreamElements.EVENT, event)));
    }

    /** Writes the remaining bytes (CodedOutputStream.writeByteBuffer would write the whole backing capacity). */
    private static void writeBytes(CodedOutputStream out, int field, ByteBuffer bytes) throws IOException {
        if (bytes.hasRemaining()) {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bytes.remaining());
            out.write(bytes);
        }
    }

    private static int lengthDelimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    /** Sums the packed varints without materialising them. */
    private static long sumOfDeltas(ByteBuffer packed) {
        CodedInputStream in = CodedInputStream.newInstance(packed.duplicate());
        long sum = 0;
        try {
            while (!in.isAtEnd()) {
                sum += in.readInt64();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("timestampDeltas is not a sequence of protobuf varints", e);
        }
        return sum;
    }
}
