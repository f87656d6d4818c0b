package io.rta.topology.data.codec;

import java.util.Arrays;
import java.util.Objects;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/** Raw LZ4 block compression (no framing), the payload compression of the chunked wire format. */
public final class Lz4Block {

    // Both are stateless and thread-safe; the safe decompressor never reads or writes outside its bounds.
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

    private static final long MAX_RATIO = 255;

    private Lz4Block() {
    }

    /** The largest block {@code length} bytes can compress to: the buffer size compressing in place needs. */
    public static int maxCompressedLength(int length) {
        return COMPRESSOR.maxCompressedLength(length);
    }

    /**
     * The most bytes a block of {@code blockLength} bytes can unpack to. LZ4 expands at most about 255-fold: each
     * byte of a match length's extension stands for 255 output bytes; a token, an offset and literals stand for fewer.
     */
    public static long maxUnpackedLength(int blockLength) {
        return MAX_RATIO * blockLength + MAX_RATIO;
    }

    /** Compresses {@code length} bytes of {@code source} from {@code offset} into a new array holding only the block. */
    public static byte[] compress(byte[] source, int offset, int length) {
        byte[] block = new byte[maxCompressedLength(length)];
        int blockLength = compress(source, offset, length, block, 0);
        return blockLength == block.length ? block : Arrays.copyOf(block, blockLength);
    }

    /**
     * Compresses into the caller's buffer, which must hold {@link #maxCompressedLength(int)} bytes from
     * {@code targetOffset}.
     *
     * @return the length of the block
     */
    public static int compress(byte[] source, int offset, int length, byte[] target, int targetOffset) {
        Objects.checkFromIndexSize(offset, length, source.length);
        int room = target.length - targetOffset;
        if (targetOffset < 0 || room < maxCompressedLength(length)) {
            throw new IllegalArgumentException("target has " + Math.max(room, 0) + " bytes from offset "
                    + targetOffset + "; compressing " + length + " bytes needs " + maxCompressedLength(length));
        }
        return COMPRESSOR.compress(source, offset, length, target, targetOffset, room);
    }

    /**
     * Decompresses one block whose uncompressed length is known. The length is checked against what the block can
     * unpack to before anything is allocated for it: it may come from a stored or received header.
     *
     * @throws IllegalArgumentException when the block is malformed, does not decode to exactly {@code unpackedLength},
     *                                  or {@code unpackedLength} is negative or more than the block can unpack to
     */
    public static byte[] decompress(byte[] block, int offset, int length, int unpackedLength) {
        if (unpackedLength < 0) {
            throw new IllegalArgumentException("unpacked length " + unpackedLength + " is negative");
        }
        if (unpackedLength > maxUnpackedLength(length)) {
            throw new IllegalArgumentException("LZ4 block of " + length + " bytes claims to unpack to "
                    + unpackedLength + " bytes, more than an LZ4 block of that size can expand to ("
                    + maxUnpackedLength(length) + ")");
        }
        byte[] target = new byte[unpackedLength];
        decompress(block, offset, length, target, 0, unpackedLength);
        return target;
    }

    /**
     * Decompresses one block into the caller's buffer.
     *
     * @throws IllegalArgumentException when the block is malformed or does not decode to exactly {@code unpackedLength}
     */
    public static void decompress(byte[] block, int offset, int length, byte[] target, int targetOffset,
                                  int unpackedLength) {
        Objects.checkFromIndexSize(offset, length, block.length);
        Objects.checkFromIndexSize(targetOffset, unpackedLength, target.length);
        int decoded;
        try {
            decoded = DECOMPRESSOR.decompress(block, offset, length, target, targetOffset, unpackedLength);
        } catch (LZ4Exception e) {
            throw new IllegalArgumentException("malformed LZ4 block of " + length + " bytes (expected to unpack to "
                    + unpackedLength + " bytes): " + e.getMessage(), e);
        }
        if (decoded != unpackedLength) {
            throw new IllegalArgumentException("LZ4 block of " + length + " bytes unpacks to " + decoded
                    + " bytes, not the expected " + unpackedLength);
        }
    }
}
