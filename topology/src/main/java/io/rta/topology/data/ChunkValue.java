package io.rta.topology.data;

import io.rta.topology.data.codec.Lz4Block;
import java.nio.ByteBuffer;

/**
 * A stored chunk (a compacted part or a not yet compacted segment): {@code version(1) | start(8) | end(8) |
 * unpacked length(4) | LZ4 block of the encoded list}. The block is what goes on the wire.
 *
 * <p>A segment of a slot still being written is stored {@link #RAW}: {@code 2 | start | end | length | the encoded list
 * itself}. It is only ever merged (compaction, or a read merging the slot on the fly), never served as stored, so
 * compressing it would be work thrown away; the changelog's own compression still packs it.
 */
final class ChunkValue {

    static final byte VERSION = 1;
    static final byte RAW = 2;
    static final int HEADER = 21;

    private ChunkValue() {
    }

    static byte[] encode(long start, long end, byte[] list) {
        // compressed straight behind the header: one copy (to the exact length), not two
        byte[] value = new byte[HEADER + Lz4Block.maxCompressedLength(list.length)];
        int blockLength = Lz4Block.compress(list, 0, list.length, value, HEADER);
        ByteBuffer.wrap(value).put(VERSION).putLong(start).putLong(end).putInt(list.length);
        return java.util.Arrays.copyOf(value, HEADER + blockLength);
    }

    /** A value holding the list uncompressed ({@link #RAW}): merged, never served as stored. */
    static byte[] encodeRaw(long start, long end, byte[] list) {
        return ByteBuffer.allocate(HEADER + list.length).put(RAW).putLong(start).putLong(end).putInt(list.length)
                .put(list).array();
    }

    static boolean isRaw(byte[] value) {
        return value[0] == RAW;
    }

    /**
     * The chunk of a stored value. For a {@link #RAW} value the payload is the plain list, not an LZ4 block: such a
     * chunk must never go on the wire (see {@link #unpackInto}).
     */
    static StoredChunk toChunk(byte[] value, long[] channelIds) {
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != VERSION && version != RAW) {
            throw new IllegalStateException("stored chunk has unknown format version " + version);
        }
        long start = in.getLong();
        long end = in.getLong();
        int unpacked = in.getInt();
        return new StoredChunk(start, end, channelIds, unpacked, value, HEADER, value.length - HEADER);
    }

    /** The encoded list inside a stored chunk. */
    static byte[] list(byte[] value) {
        StoredChunk chunk = toChunk(value, new long[0]);
        byte[] list = new byte[chunk.unpackedLength()];
        unpackInto(value, list, 0);
        return list;
    }

    /** Writes the encoded list of a stored chunk into {@code target} from {@code at}; returns its length. */
    static int unpackInto(byte[] value, byte[] target, int at) {
        StoredChunk chunk = toChunk(value, new long[0]);
        if (isRaw(value)) {
            if (chunk.payloadLength() != chunk.unpackedLength()) {
                throw new IllegalStateException("stored raw chunk holds " + chunk.payloadLength()
                        + " bytes, not its stated " + chunk.unpackedLength());
            }
            System.arraycopy(value, chunk.payloadOffset(), target, at, chunk.unpackedLength());
        } else {
            Lz4Block.decompress(value, chunk.payloadOffset(), chunk.payloadLength(), target, at,
                    chunk.unpackedLength());
        }
        return chunk.unpackedLength();
    }
}
