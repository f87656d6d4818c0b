package io.rta.topology.data;

import io.rta.topology.data.codec.Lz4Block;
import java.nio.ByteBuffer;

/**
 * A stored chunk (a compacted part or a not yet compacted segment): {@code version(1) | start(8) | end(8) |
 * unpacked length(4) | LZ4 block of the encoded list}. The block is what goes on the wire.
 */
final class ChunkValue {

    static final byte VERSION = 1;
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

    static StoredChunk toChunk(byte[] value, long[] channelIds) {
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != VERSION) {
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
        return Lz4Block.decompress(value, chunk.payloadOffset(), chunk.payloadLength(), chunk.unpackedLength());
    }
}
