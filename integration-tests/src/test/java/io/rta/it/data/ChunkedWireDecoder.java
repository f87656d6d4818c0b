package io.rta.it.data;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.model.net.chunks.ChunkTransferHeader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Decodes an {@code application/vnd.mat.protobuf+chunked} response body the way a client would, straight from the
 * spec (devguide/protobuf/net_chunks.md) and written apart from the server's codecs so the tests check them rather
 * than repeat them: 4-byte little-endian header length, {@code ChunkTransferHeader} (start, duration and compression
 * as running sums of deltas), payload (an LZ4 block when the compression sum is 1), parsed as the {@code *DataList}.
 */
public final class ChunkedWireDecoder {

    private static final int COMPRESSION_NONE = 0;
    private static final int COMPRESSION_LZ4 = 1;
    // The pure-Java decoder, not the server's fastest instance: a second, independent implementation.
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.safeInstance().safeDecompressor();

    private ChunkedWireDecoder() {
    }

    /**
     * One decoded chunk.
     *
     * @param startTime absolute start (ns since the Unix epoch)
     * @param endTime absolute end (start + duration), inclusive
     * @param channelIds channel ids as unsigned values
     * @param compression the compression in force for the chunk (1 = LZ4)
     * @param unpackedLength payload length after decompression
     * @param packedLength payload length on the wire
     * @param list the parsed data list
     * @param header the header as sent (its deltas relative to the previous chunk of the response)
     */
    public record DecodedChunk<T extends Message>(long startTime, long endTime, List<Long> channelIds,
                                                  int compression, int unpackedLength, int packedLength, T list,
                                                  ChunkTransferHeader header) {
    }

    public static List<DecodedChunk<TimestampedDataList>> timestamped(byte[] body) throws IOException {
        return decode(body, TimestampedDataList.parser());
    }

    public static List<DecodedChunk<PeriodicDataList>> periodic(byte[] body) throws IOException {
        return decode(body, PeriodicDataList.parser());
    }

    public static List<DecodedChunk<RowDataList>> row(byte[] body) throws IOException {
        return decode(body, RowDataList.parser());
    }

    public static List<DecodedChunk<EventsList>> events(byte[] body) throws IOException {
        return decode(body, EventsList.parser());
    }

    public static <T extends Message> List<DecodedChunk<T>> decode(byte[] body, Parser<T> listParser)
            throws IOException {
        return decode(new ByteArrayInputStream(body), listParser);
    }

    /** Decodes every chunk to the end of the stream; a stream may be empty (no data). */
    public static <T extends Message> List<DecodedChunk<T>> decode(InputStream body, Parser<T> listParser)
            throws IOException {
        DataInputStream in = new DataInputStream(body);
        List<DecodedChunk<T>> chunks = new ArrayList<>();
        long start = 0;
        long duration = 0;
        int compression = 0;
        byte[] prefix = new byte[4];
        for (int index = 0; ; index++) {
            int first = in.read();
            if (first < 0) {
                return chunks;
            }
            prefix[0] = (byte) first;
            readFully(in, prefix, 1, 3, index, "header length");
            int headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLength < 0) {
                throw new IOException("chunk " + index + ": negative header length " + headerLength);
            }
            byte[] headerBytes = new byte[headerLength];
            readFully(in, headerBytes, 0, headerLength, index, "header");
            ChunkTransferHeader header = ChunkTransferHeader.parseFrom(headerBytes);
            start += header.getChunkStartTimeDelta();
            duration += header.getChunkDurationDelta();
            compression += header.getCompressionDelta();
            if (header.getPackedLength() < 0 || header.getUnpackedLength() < 0) {
                throw new IOException("chunk " + index + ": negative length in header " + header);
            }
            byte[] payload = new byte[header.getPackedLength()];
            readFully(in, payload, 0, payload.length, index, "payload");
            byte[] unpacked = unpack(payload, compression, header.getUnpackedLength(), index);
            List<Long> channelIds = new ArrayList<>();
            header.getChannelIdsList().forEach(id -> channelIds.add(Integer.toUnsignedLong(id)));
            chunks.add(new DecodedChunk<>(start, start + duration, List.copyOf(channelIds), compression,
                    header.getUnpackedLength(), header.getPackedLength(), parseList(listParser, unpacked, index),
                    header));
        }
    }

    private static byte[] unpack(byte[] payload, int compression, int unpackedLength, int index) throws IOException {
        if (compression == COMPRESSION_NONE) {
            return payload;
        }
        if (compression != COMPRESSION_LZ4) {
            throw new IOException("chunk " + index + ": unknown compression " + compression);
        }
        byte[] unpacked = new byte[unpackedLength];
        try {
            int decoded = LZ4.decompress(payload, 0, payload.length, unpacked, 0);
            if (decoded != unpackedLength) {
                throw new IOException("chunk " + index + ": payload unpacks to " + decoded + " bytes, header says "
                        + unpackedLength);
            }
        } catch (LZ4Exception e) {
            throw new IOException("chunk " + index + ": payload is not an LZ4 block of " + unpackedLength
                    + " bytes", e);
        }
        return unpacked;
    }

    private static <T extends Message> T parseList(Parser<T> parser, byte[] unpacked, int index) throws IOException {
        try {
            return parser.parseFrom(unpacked);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("chunk " + index + ": payload is not the expected data list", e);
        }
    }

    private static void readFully(DataInputStream in, byte[] target, int offset, int length, int index, String what)
            throws IOException {
        try {
            in.readFully(target, offset, length);
        } catch (EOFException e) {
            throw new EOFException("chunk " + index + ": stream ends inside the " + what);
        }
    }
}
