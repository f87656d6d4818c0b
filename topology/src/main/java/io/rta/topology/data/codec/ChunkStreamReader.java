package io.rta.topology.data.codec;

import com.google.protobuf.CodedInputStream;
import io.rta.topology.data.StoredChunk;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads an {@code application/vnd.mat.protobuf+chunked} stream (as {@link ChunkStreamWriter} writes it) back into
 * absolute chunks, with or without their payloads. Errors name the chunk (counting from 0) and what is wrong with it.
 * After an exception the stream position is undefined: stop reading. Not thread-safe; wrap unbuffered streams in a
 * {@link java.io.BufferedInputStream}.
 */
public final class ChunkStreamReader {

    /** Guard against corrupt lengths (a header of row data with 10,000 channels takes about 50 KiB). */
    public static final int MAX_HEADER_LENGTH = 1 << 20;
    /**
     * Guard against corrupt lengths, packed and unpacked (a reader of the chunk allocates the unpacked length): far
     * above the spec's 4 MiB per list, far below what would exhaust memory.
     */
    public static final int MAX_PAYLOAD_LENGTH = 64 << 20;
    /**
     * The largest uncompressed payload read: its LZ4 block ({@link #read} packs it) must stay within
     * {@link #MAX_PAYLOAD_LENGTH} too, LZ4's bound being n + n/255 + 16.
     */
    public static final int MAX_UNCOMPRESSED_PAYLOAD_LENGTH = MAX_PAYLOAD_LENGTH - MAX_PAYLOAD_LENGTH / 255 - 16;

    private static final long[] NO_CHANNELS = new long[0];
    /** A payload array starts at most this large and doubles as its bytes arrive (one array up to 1 MiB). */
    private static final int PAYLOAD_STEP = 1 << 20;

    private final InputStream in;
    private final byte[] prefix = new byte[ChunkStreamWriter.PREFIX_LENGTH];
    private byte[] header = new byte[64];
    private long[] channelScratch = new long[8];
    private int chunkIndex;
    private long bytesRead;
    private long previousStart;
    private long previousDuration;
    private int previousCompression;

    public ChunkStreamReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** Reads every chunk up to the end of the stream. */
    public static List<StoredChunk> readAll(InputStream in) throws IOException {
        ChunkStreamReader reader = new ChunkStreamReader(in);
        List<StoredChunk> chunks = new ArrayList<>();
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * Reads the next chunk with its payload (in an array of its own, offset 0) as an LZ4 block, as this code base
     * keeps every chunk. The spec recommends LZ4 but allows uncompressed chunks ({@code compression} 0, "LZ4=1 ... if
     * it is used"), which another data service may send: such a payload (at most
     * {@link #MAX_UNCOMPRESSED_PAYLOAD_LENGTH}) is compressed here, and its unpacked length is its length (whatever
     * the header's {@code unpacked_length} claims within the limits).
     *
     * @return the chunk, or {@code null} when the stream ends cleanly between chunks
     * @throws IOException naming the chunk when the stream is truncated or malformed, or its compression is neither
     *     LZ4 nor none
     */
    public StoredChunk read() throws IOException {
        ChunkHeader chunk = nextHeader();
        if (chunk == null) {
            return null;
        }
        if (chunk.compression() != ChunkStreamWriter.COMPRESSION_LZ4
                && chunk.compression() != ChunkStreamWriter.COMPRESSION_NONE) {
            throw malformed("compression " + chunk.compression() + " is neither LZ4 ("
                    + ChunkStreamWriter.COMPRESSION_LZ4 + ") nor none (" + ChunkStreamWriter.COMPRESSION_NONE + ")");
        }
        if (chunk.compression() == ChunkStreamWriter.COMPRESSION_NONE) {
            checkLength("uncompressed packed_length", chunk.packedLength(), MAX_UNCOMPRESSED_PAYLOAD_LENGTH);
        }
        byte[] payload = readPayload(chunk.packedLength());
        chunkIndex++;
        if (chunk.compression() == ChunkStreamWriter.COMPRESSION_NONE) {
            byte[] block = Lz4Block.compress(payload, 0, payload.length);
            return new StoredChunk(chunk.startTime(), chunk.endTime(), chunk.channelIds(), payload.length, block, 0,
                    block.length);
        }
        return new StoredChunk(chunk.startTime(), chunk.endTime(), chunk.channelIds(), chunk.unpackedLength(),
                payload, 0, payload.length);
    }

    /**
     * Reads the next chunk's header and skips its payload without holding it in memory.
     *
     * @return the header, or {@code null} when the stream ends cleanly between chunks
     * @throws IOException naming the chunk when the stream is truncated or malformed
     */
    public ChunkHeader readHeader() throws IOException {
        ChunkHeader chunk = nextHeader();
        if (chunk == null) {
            return null;
        }
        skipFully(chunk.packedLength());
        chunkIndex++;
        return chunk;
    }

    /** Chunks read so far. */
    public int chunksRead() {
        return chunkIndex;
    }

    /** Bytes consumed so far (prefixes, headers and payloads). */
    public long bytesRead() {
        return bytesRead;
    }

    private ChunkHeader nextHeader() throws IOException {
        int prefixRead = readUpTo(prefix, prefix.length);
        if (prefixRead == 0) {
            return null;
        }
        if (prefixRead < prefix.length) {
            throw truncated(prefixRead, prefix.length, "header length");
        }
        int headerLength = (prefix[0] & 0xFF) | (prefix[1] & 0xFF) << 8 | (prefix[2] & 0xFF) << 16
                | (prefix[3] & 0xFF) << 24;
        checkLength("header length", headerLength, MAX_HEADER_LENGTH);
        if (header.length < headerLength) {
            header = new byte[Math.min(MAX_HEADER_LENGTH, Math.max(headerLength, header.length * 2))];
        }
        readFully(header, headerLength, "header");
        return decodeHeader(headerLength);
    }

    private ChunkHeader decodeHeader(int headerLength) throws IOException {
        CodedInputStream fields = CodedInputStream.newInstance(header, 0, headerLength);
        long startDelta = 0;
        long durationDelta = 0;
        int channelCount = 0;
        int compressionDelta = 0;
        int unpackedLength = 0;
        int packedLength = 0;
        try {
            for (int tag = fields.readTag(); tag != 0; tag = fields.readTag()) {
                switch (tag) {
                    case ChunkStreamWriter.START_TIME_DELTA_TAG -> startDelta = fields.readSInt64();
                    case ChunkStreamWriter.DURATION_DELTA_TAG -> durationDelta = fields.readSInt64();
                    case ChunkStreamWriter.CHANNEL_IDS_TAG -> channelCount = addChannel(channelCount,
                            fields.readUInt32());
                    case ChunkStreamWriter.CHANNEL_IDS_PACKED_TAG -> channelCount = readPackedChannels(fields,
                            channelCount);
                    case ChunkStreamWriter.COMPRESSION_DELTA_TAG -> compressionDelta = fields.readInt32();
                    case ChunkStreamWriter.UNPACKED_LENGTH_TAG -> unpackedLength = fields.readInt32();
                    case ChunkStreamWriter.PACKED_LENGTH_TAG -> packedLength = fields.readInt32();
                    default -> fields.skipField(tag); // unknown fields, as the generated parser does
                }
            }
        } catch (IOException e) {
            throw malformed("header is not a ChunkTransferHeader: " + e.getMessage(), e);
        }
        checkLength("unpacked_length", unpackedLength, MAX_PAYLOAD_LENGTH);
        checkLength("packed_length", packedLength, MAX_PAYLOAD_LENGTH);
        long start = previousStart + startDelta;
        long duration = previousDuration + durationDelta;
        if (duration < 0) {
            throw malformed("chunk_duration_delta " + durationDelta + " gives a negative duration " + duration);
        }
        previousStart = start;
        previousDuration = duration;
        previousCompression += compressionDelta;
        long[] channelIds = channelCount == 0 ? NO_CHANNELS : Arrays.copyOf(channelScratch, channelCount);
        return new ChunkHeader(start, start + duration, channelIds, previousCompression, unpackedLength,
                packedLength);
    }

    private int readPackedChannels(CodedInputStream fields, int channelCount) throws IOException {
        int limit = fields.pushLimit(fields.readRawVarint32());
        int count = channelCount;
        while (fields.getBytesUntilLimit() > 0) {
            count = addChannel(count, fields.readUInt32());
        }
        fields.popLimit(limit);
        return count;
    }

    private int addChannel(int count, int channelId) {
        if (count == channelScratch.length) {
            channelScratch = Arrays.copyOf(channelScratch, count * 2);
        }
        channelScratch[count] = Integer.toUnsignedLong(channelId);
        return count + 1;
    }

    private void checkLength(String field, int length, int max) throws IOException {
        if (length < 0) {
            throw malformed(field + " " + length + " is negative");
        }
        if (length > max) {
            throw malformed(field + " " + length + " exceeds the limit of " + max + " bytes");
        }
    }

    /**
     * Reads a payload into an array of its own, growing it as the bytes arrive: a claimed length (up to
     * {@link #MAX_PAYLOAD_LENGTH}) costs memory only once the stream holds that many bytes.
     */
    private byte[] readPayload(int length) throws IOException {
        byte[] payload = new byte[Math.min(length, PAYLOAD_STEP)];
        int read = 0;
        while (true) {
            int got = in.readNBytes(payload, read, payload.length - read);
            bytesRead += got;
            read += got;
            if (read < payload.length) {
                throw truncated(read, length, "payload");
            }
            if (read == length) {
                return payload;
            }
            payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
        }
    }

    private void readFully(byte[] target, int length, String what) throws IOException {
        int read = readUpTo(target, length);
        if (read < length) {
            throw truncated(read, length, what);
        }
    }

    /** Reads until {@code length} bytes or the end of the stream; returns how many were read. */
    private int readUpTo(byte[] target, int length) throws IOException {
        int read = in.readNBytes(target, 0, length);
        bytesRead += read;
        return read;
    }

    private void skipFully(int length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                // skip() may return 0 before the end; one read() tells the end from a slow stream.
                if (in.read() < 0) {
                    throw truncated(length - remaining, length, "payload");
                }
                skipped = 1;
            }
            remaining -= skipped;
            bytesRead += skipped;
        }
    }

    private EOFException truncated(long read, int expected, String what) {
        return new EOFException(chunkLabel() + "stream ends after " + read + " of the " + expected + " " + what
                + " bytes");
    }

    private IOException malformed(String problem) {
        return new IOException(chunkLabel() + problem);
    }

    private IOException malformed(String problem, Throwable cause) {
        return new IOException(chunkLabel() + problem, cause);
    }

    private String chunkLabel() {
        return "chunk " + chunkIndex + ": ";
    }
}
