package io.rta.topology.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the protobuf data messages written over gRPC and the Avro bursts of {@code rta.telemetry}, and
 * reads the packed timestamp deltas. Buffers are shared, never decoded.
 */
public final class Bursts {

    private Bursts() {
    }

    public static TimestampedBurst fromProto(TimestampedData data) {
        return new TimestampedBurst(Integer.toUnsignedLong(data.getChannelId()), data.getStartTimestamp(),
                data.getTimestampDeltasScale(), packDeltas(data.getTimestampDeltasList()),
                data.getBuffer().asReadOnlyByteBuffer());
    }

    public static PeriodicBurst fromProto(PeriodicData data) {
        return new PeriodicBurst(Integer.toUnsignedLong(data.getChannelId()), data.getStartTimestamp(),
                data.getInterval(), data.getSamples(), data.getBuffer().asReadOnlyByteBuffer());
    }

    public static RowBurst fromProto(RowData data) {
        List<Long> ids = new ArrayList<>(data.getChannelIdsCount());
        for (int id : data.getChannelIdsList()) {
            ids.add(Integer.toUnsignedLong(id));
        }
        return new RowBurst(ids, data.getTimestamp(), data.getBuffer().asReadOnlyByteBuffer());
    }

    public static EventBurst fromProto(Event event) {
        return new EventBurst(event.getEventDefinitionId(), event.getAppName(), event.getTimestamp(),
                event.getStatusText(), new ArrayList<>(event.getRawDataList()));
    }

    /** The deltas as protobuf packed int64 varints (the contents of {@code TimestampedData} field 4). */
    public static ByteBuffer packDeltas(List<Long> deltas) {
        int size = 0;
        for (long delta : deltas) {
            size += CodedOutputStream.computeInt64SizeNoTag(delta);
        }
        byte[] packed = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(packed);
        try {
            for (long delta : deltas) {
                out.writeInt64NoTag(delta);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(packed);
    }

    /**
     * Unpacks packed int64 varints.
     *
     * @throws IllegalArgumentException when the bytes are not a sequence of complete varints
     */
    public static long[] unpackDeltas(ByteBuffer packed) {
        ByteBuffer view = packed.duplicate();
        CodedInputStream in = CodedInputStream.newInstance(view);
        long[] deltas = new long[Math.max(1, view.remaining())];
        int count = 0;
        try {
            while (!in.isAtEnd()) {
                deltas[count++] = in.readInt64();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("timestamp_deltas is not a sequence of protobuf varints", e);
        }
        return java.util.Arrays.copyOf(deltas, count);
    }

    /** The samples of a buffer as a protobuf {@link ByteString} (a copy: the buffer may be reused). */
    public static ByteString bytes(ByteBuffer buffer) {
        return ByteString.copyFrom(buffer.duplicate());
    }
}
