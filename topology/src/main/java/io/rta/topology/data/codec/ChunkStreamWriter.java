package io.rta.topology.data.codec;

import com.google.protobuf.CodedOutputStream;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.StoredChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes chunks in the {@code application/vnd.mat.protobuf+chunked} wire format: per chunk a 4-byte little-endian
 * header length, the {@code ChunkTransferHeader} (start and duration as deltas against the previous chunk of this
 * stream, {@code compression_delta} 1 = LZ4 on the first chunk), then the payload. One writer per response.
 *
 * <p>The header is encoded by hand into one reused buffer, byte for byte what the generated
 * {@code ChunkTransferHeader} writes (fields in number order, zero values omitted, {@code channel_ids} packed), so a
 * chunk costs no allocation and its payload is written straight from the caller's array. Not thread-safe.
 */
public final class ChunkStreamWriter {

    /** The {@code compression_delta} sum meaning the payload is an LZ4 block. */
    public static final int COMPRESSION_LZ4 = 1;
    /** The {@code compression_delta} sum meaning the payload is the list itself (read, never written here). */
    public static final int COMPRESSION_NONE = 0;
    /** Bytes of the little-endian header length before each header. */
    public static final int PREFIX_LENGTH = 4;

    static final int START_TIME_DELTA_TAG = 1 << 3;           // field 1, varint (sint64)
    static final int DURATION_DELTA_TAG = 2 << 3;             // field 2, varint (sint64)
    static final int CHANNEL_IDS_PACKED_TAG = (3 << 3) | 2;   // field 3, length-delimited (packed uint32)
    static final int CHANNEL_IDS_TAG = 3 << 3;                // field 3, varint (unpacked form, read only)
    static final int COMPRESSION_DELTA_TAG = 4 << 3;          // field 4, varint (int32)
    static final int UNPACKED_LENGTH_TAG = 5 << 3;            // field 5, varint (int32)
    static final int PACKED_LENGTH_TAG = 6 << 3;              // field 6, varint (int32)

    /** Prefix, six one-byte tags, two sint64s and three int32s (10 bytes at most each), the packed ids' length. */
    private static final int FIXED_HEADER_ROOM = PREFIX_LENGTH + 6 + 2 * 10 + 3 * 10 + 5;
    private static final int MAX_UINT32_VARINT = 5;

    private final OutputStream out;
    private byte[] buffer = new byte[FIXED_HEADER_ROOM + 4 * MAX_UINT32_VARINT];
    private int position;
    private long previousStart;
    private long previousDuration;
    private int previousCompression;
    private long bytesWritten;

    public ChunkStreamWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes one chunk; the caller may reuse the chunk's payload array as soon as this returns.
     *
     * @throws IllegalArgumentException when the chunk ends before it starts, has a channel id outside uint32, or its
     *     payload bounds are outside its array
     */
    public void write(StoredChunk chunk) throws IOException {
        long duration = checkedDuration(chunk);
        Objects.checkFromIndexSize(chunk.payloadOffset(), chunk.payloadLength(), chunk.payload().length);
        if (chunk.unpackedLength() < 0) {
            throw new IllegalArgumentException("chunk unpacked length " + chunk.unpackedLength() + " is negative");
        }
        int frameLength = encodeHeader(chunk, duration);
        out.write(buffer, 0, frameLength);
        out.write(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength());
        bytesWritten += frameLength + (long) chunk.payloadLength();
        previousStart = chunk.startTime();
        previousDuration = duration;
        previousCompression = COMPRESSION_LZ4;
    }

    /** Bytes written so far (headers and payloads). */
    public long bytesWritten() {
        return bytesWritten;
    }

    private static long checkedDuration(StoredChunk chunk) {
        if (chunk.endTime() < chunk.startTime()) {
            throw new IllegalArgumentException("chunk ends at " + chunk.endTime() + ", before its start "
                    + chunk.startTime());
        }
        // Wraps only past 2^63 ns (292 years); the reader undoes the same wrapping arithmetic exactly.
        return chunk.endTime() - chunk.startTime();
    }

    /** Encodes prefix + header into {@link #buffer}; returns their length. */
    private int encodeHeader(StoredChunk chunk, long duration) {
        long[] channelIds = chunk.channelIds() == null ? new long[0] : chunk.channelIds();
        ensureRoom(FIXED_HEADER_ROOM + channelIds.length * MAX_UINT32_VARINT);
        position = PREFIX_LENGTH;
        writeTagged(START_TIME_DELTA_TAG, CodedOutputStream.encodeZigZag64(chunk.startTime() - previousStart));
        writeTagged(DURATION_DELTA_TAG, CodedOutputStream.encodeZigZag64(duration - previousDuration));
        writeChannelIds(channelIds);
        // int32 fields are sign-extended to 64 bits on the wire, as the generated code does.
        writeTagged(COMPRESSION_DELTA_TAG, COMPRESSION_LZ4 - previousCompression);
        writeTagged(UNPACKED_LENGTH_TAG, chunk.unpackedLength());
        writeTagged(PACKED_LENGTH_TAG, chunk.payloadLength());
        int headerLength = position - PREFIX_LENGTH;
        buffer[0] = (byte) headerLength;
        buffer[1] = (byte) (headerLength >>> 8);
        buffer[2] = (byte) (headerLength >>> 16);
        buffer[3] = (byte) (headerLength >>> 24);
        return position;
    }

    private void writeChannelIds(long[] channelIds) {
        if (channelIds.length == 0) {
            return;
        }
        int packedSize = 0;
        for (long id : channelIds) {
            if (id < 0 || id > ChannelsExpression.MAX_CHANNEL_ID) {
                throw new IllegalArgumentException("chunk channel id " + id + " is outside 0..4294967295");
            }
            packedSize += CodedOutputStream.computeUInt64SizeNoTag(id);
        }
        writeVarint(CHANNEL_IDS_PACKED_TAG);
        writeVarint(packedSize);
        for (long id : channelIds) {
            writeVarint(id);
        }
    }

    /** Proto3 omits a scalar field holding zero. */
    private void writeTagged(int tag, long value) {
        if (value != 0) {
            writeVarint(tag);
            writeVarint(value);
        }
    }

    private void writeVarint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[position++] = (byte) rest;
    }

    private void ensureRoom(int room) {
        if (buffer.length < room) {
            buffer = new byte[Math.max(room, buffer.length * 2)];
        }
    }
}
