package io.rta.topology.data.codec;

/** Raw LZ4 block compression (no framing), the payload compression of the chunked wire format. */
public final class Lz4Block {

    private Lz4Block() {
    }

    /** Compresses {@code length} bytes of {@code source} from {@code offset} into a new array holding only the block. */
    public static byte[] compress(byte[] source, int offset, int length) {
        return net.jpountz.lz4.LZ4Factory.fastestJavaInstance().fastCompressor().compress(source, offset, length);
    }

    /**
     * Decompresses one block whose uncompressed length is known.
     *
     * @throws IllegalArgumentException when the block is malformed or does not decode to exactly {@code unpackedLength}
     */
    public static byte[] decompress(byte[] block, int offset, int length, int unpackedLength) {
        byte[] out = new byte[unpackedLength];
        net.jpountz.lz4.LZ4Factory.fastestJavaInstance().safeDecompressor().decompress(block, offset, length, out, 0);
        return out;
    }
}
