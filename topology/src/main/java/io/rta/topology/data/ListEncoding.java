package io.rta.topology.data;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes results as protobuf exactly as the generated {@code rta.model.data} classes do (proto3: default values
 * omitted) and reads them back out of an encoded {@code *DataList}. Every list type keeps its results in field 1, so a
 * list is the concatenation of {@code tag 1, length, message} entries.
 */
final class ListEncoding {

    /** Field 1, length-delimited: (1 << 3) | 2. */
    private static final int LIST_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private ListEncoding() {
    }

    static byte[] periodic(long channelId, long start, long interval, int samples, ByteBuffer buffer) {
        int size = uint32Size(1, channelId) + sfixed64Size(2, start) + int64Size(3, interval)
                + int64Size(4, samples) + bytesSize(5, buffer.remaining());
        return write(size, out -> {
            writeUint32(out, 1, channelId);
            writeSfixed64(out, 2, start);
            writeInt64(out, 3, interval);
            if (samples != 0) {
                out.writeInt32(4, samples);
            }
            writeBytes(out, 5, buffer);
        });
    }

    static byte[] timestamped(long channelId, long start, long scale, ByteBuffer packedDeltas, ByteBuffer buffer) {
        int deltas = packedDeltas.remaining();
        int size = uint32Size(1, channelId) + sfixed64Size(2, start) + int64Size(3, scale)
                + bytesSize(4, deltas) + bytesSize(5, buffer.remaining());
        return write(size, out -> {
            writeUint32(out, 1, channelId);
            writeSfixed64(out, 2, start);
            writeInt64(out, 3, scale);
            writeBytes(out, 4, packedDeltas);
            writeBytes(out, 5, buffer);
        });
    }

    static byte[] row(long[] channelIds, long timestamp, ByteBuffer buffer) {
        int idsLength = 0;
        for (long id : channelIds) {
            idsLength += CodedOutputStream.computeUInt32SizeNoTag((int) id);
        }
        int packedIds = idsLength;
        int size = bytesSize(1, packedIds) + sfixed64Size(2, timestamp) + bytesSize(3, buffer.remaining());
        return write(size, out -> {
            if (channelIds.length > 0) {
                out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(packedIds);
                for (long id : channelIds) {
                    out.writeUInt32NoTag((int) id);
                }
            }
            writeSfixed64(out, 2, timestamp);
            writeBytes(out, 3, buffer);
        });
    }

    static byte[] event(int definitionId, String appName, long timestamp, String statusText, List<Double> rawData) {
        int size = (definitionId == 0 ? 0 : CodedOutputStream.computeInt32Size(1, definitionId))
                + (appName.isEmpty() ? 0 : CodedOutputStream.computeStringSize(2, appName))
                + sfixed64Size(3, timestamp)
                + (statusText.isEmpty() ? 0 : CodedOutputStream.computeStringSize(4, statusText))
                + bytesSize(5, 8 * rawData.size());
        return write(size, out -> {
            if (definitionId != 0) {
                out.writeInt32(1, definitionId);
            }
            if (!appName.isEmpty()) {
                out.writeString(2, appName);
            }
            writeSfixed64(out, 3, timestamp);
            if (!statusText.isEmpty()) {
                out.writeString(4, statusText);
            }
            if (!rawData.isEmpty()) {
                out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(8 * rawData.size());
                for (double value : rawData) {
                    out.writeDoubleNoTag(value);
                }
            }
        });
    }

    /** Size of the list made of these entries. */
    static int listSize(List<ListEntry> entries, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size += entrySize(entries.get(i));
        }
        return size;
    }

    static int entrySize(ListEntry entry) {
        return CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(entry.message().length)
                + entry.message().length;
    }

    /** Encodes {@code entries[from, to)} as a list message. */
    static byte[] list(List<ListEntry> entries, int from, int to) {
        return write(listSize(entries, from, to), out -> {
            for (int i = from; i < to; i++) {
                out.writeByteArray(1, entries.get(i).message());
            }
        });
    }

    /**
     * Splits an encoded list back into its entries, with each result's first and last sample time.
     *
     * @throws IllegalStateException when the bytes are not a list of the given kind (a corrupt store)
     */
    static List<ListEntry> entries(DataKind kind, byte[] list) {
        List<ListEntry> entries = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(list);
        try {
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                if (tag != LIST_TAG) {
                    throw new IllegalStateException("unexpected tag " + tag + " in a stored " + kind.pathName()
                            + " list");
                }
                byte[] message = in.readByteArray();
                entries.add(entry(kind, message));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored " + kind.pathName() + " list is truncated", e);
        }
        return entries;
    }

    /** Reads the time span of one encoded result. */
    static ListEntry entry(DataKind kind, byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        long start = 0;
        long step = 0;
        long samples = 0;
        long deltaSum = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            switch (kind) {
                case PERIODIC -> {
                    switch (field) {
                        case 2 -> start = in.readSFixed64();
                        case 3 -> step = in.readInt64();
                        case 4 -> samples = in.readInt32();
                        default -> in.skipField(tag);
                    }
                }
                case TIMESTAMPED -> {
                    switch (field) {
                        case 2 -> start = in.readSFixed64();
                        case 3 -> step = in.readInt64();
                        case 4 -> deltaSum = saturatedAdd(deltaSum, sumDeltas(in, tag));
                        default -> in.skipField(tag);
                    }
                }
                case ROW -> {
                    if (field == 2) {
                        start = in.readSFixed64();
                    } else {
                        in.skipField(tag);
                    }
                }
                case EVENTS -> {
                    if (field == 3) {
                        start = in.readSFixed64();
                    } else {
                        in.skipField(tag);
                    }
                }
            }
        }
        // Stored results were validated before they were written, so these fit 64 bits; saturating keeps a
        // corrupt one from wrapping into a span that sorts it somewhere else.
        long end = switch (kind) {
            case PERIODIC -> saturatedEnd(start, step, Math.max(0, samples - 1));
            case TIMESTAMPED -> saturatedEnd(start, step, deltaSum);
            case ROW, EVENTS -> start;
        };
        return new ListEntry(start, end, message);
    }

    /** {@code start + step * steps}, saturated at the ends of the long range and never before {@code start}. */
    static long saturatedEnd(long start, long step, long steps) {
        try {
            return Math.max(start, Math.addExact(start, Math.multiplyExact(step, steps)));
        } catch (ArithmeticException e) {
            return step < 0 == steps < 0 ? Long.MAX_VALUE : start;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // overflow iff both operands have the sign the sum lacks
        return ((a ^ sum) & (b ^ sum)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    private static long sumDeltas(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            return in.readInt64();
        }
        int limit = in.pushLimit(in.readRawVarint32());
        long sum = 0;
        while (in.getBytesUntilLimit() > 0) {
            sum = saturatedAdd(sum, in.readInt64());
        }
        in.popLimit(limit);
        return sum;
    }

    private interface Body {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private static byte[] write(int size, Body body) {
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static int uint32Size(int field, long value) {
        return value == 0 ? 0 : CodedOutputStream.computeUInt32Size(field, (int) value);
    }

    private static int sfixed64Size(int field, long value) {
        return value == 0 ? 0 : CodedOutputStream.computeSFixed64Size(field, value);
    }

    private static int int64Size(int field, long value) {
        return value == 0 ? 0 : CodedOutputStream.computeInt64Size(field, value);
    }

    private static int bytesSize(int field, int length) {
        return length == 0 ? 0 : CodedOutputStream.computeTagSize(field)
                + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    private static void writeUint32(CodedOutputStream out, int field, long value) throws IOException {
        if (value != 0) {
            out.writeUInt32(field, (int) value);
        }
    }

    private static void writeSfixed64(CodedOutputStream out, int field, long value) throws IOException {
        if (value != 0) {
            out.writeSFixed64(field, value);
        }
    }

    private static void writeInt64(CodedOutputStream out, int field, long value) throws IOException {
        if (value != 0) {
            out.writeInt64(field, value);
        }
    }

    private static void writeBytes(CodedOutputStream out, int field, ByteBuffer buffer) throws IOException {
        if (buffer.hasRemaining()) {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(buffer.remaining());
            out.write(buffer.duplicate());
        }
    }
}
