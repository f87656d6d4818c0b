package io.rta.topology.data.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * The LZ4 framing of live bursts (WebSocket and Redis): K4os {@code LZ4Pickler} version 0, as the .NET toolkit writes
 * it. One header byte (bits 0-2 version 0, bits 6-7 the width code of the diff field: 0 = stored uncompressed,
 * 1/2/3 = 1/2/4 bytes), the diff (uncompressed minus compressed length, little-endian), then the LZ4 block or the
 * stored bytes. An empty input pickles to an empty array. {@link #unpickle} also accepts a standard LZ4 frame.
 */
public final class Lz4Pickler {

    /** Magic number opening a standard LZ4 frame (little-endian on the wire: 04 22 4D 18). */
    public static final int LZ4_FRAME_MAGIC = 0x184D2204;

    private static final int VERSION_MASK = 0x07;
    private static final int WIDTH_SHIFT = 6;
    private static final int SUPPORTED_VERSION = 0;
    // The largest array the JVM reliably allocates.
    private static final long MAX_UNPICKLED_LENGTH = Integer.MAX_VALUE - 8;
    private static final byte[] EMPTY = new byte[0];

    private Lz4Pickler() {
    }

    public static byte[] pickle(byte[] source) {
        return pickle(source, 0, source.length);
    }

    /** Pickles {@code length} bytes of {@code source}, stored uncompressed when LZ4 does not make them smaller. */
    public static byte[] pickle(byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        if (length == 0) {
            return EMPTY;
        }
        byte[] block = new byte[Lz4Block.maxCompressedLength(length)];
        int blockLength = Lz4Block.compress(source, offset, length, block, 0);
        if (blockLength >= length) {
            return stored(source, offset, length);
        }
        int diff = length - blockLength;
        int width = diff > 0xFFFF ? 4 : diff > 0xFF ? 2 : 1;
        byte[] pickled = new byte[1 + width + blockLength];
        pickled[0] = (byte) (widthCode(width) << WIDTH_SHIFT | SUPPORTED_VERSION);
        for (int i = 0; i < width; i++) {
            pickled[1 + i] = (byte) (diff >>> (8 * i));
        }
        System.arraycopy(block, 0, pickled, 1 + width, blockLength);
        return pickled;
    }

    public static byte[] unpickle(byte[] pickled) {
        return unpickle(pickled, 0, pickled.length);
    }

    /**
     * Unpickles a K4os pickle (or reads a standard LZ4 frame).
     *
     * @throws IllegalArgumentException when the input is neither a well-formed version 0 pickle nor an LZ4 frame
     */
    public static byte[] unpickle(byte[] pickled, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pickled.length);
        if (length == 0) {
            return EMPTY;
        }
        if (isLz4Frame(pickled, offset, length)) {
            return unframe(pickled, offset, length);
        }
        int flags = pickled[offset] & 0xFF;
        int version = flags & VERSION_MASK;
        if (version != SUPPORTED_VERSION) {
            throw new IllegalArgumentException("LZ4 pickle version " + version + " is not supported (header byte 0x"
                    + Integer.toHexString(flags) + "; only version 0 is)");
        }
        int width = width(flags >>> WIDTH_SHIFT & 0x03);
        int dataOffset = 1 + width;
        if (length < dataOffset) {
            throw new IllegalArgumentException("LZ4 pickle of " + length + " bytes is shorter than its " + dataOffset
                    + "-byte header");
        }
        long diff = 0;
        for (int i = 0; i < width; i++) {
            diff |= (pickled[offset + 1 + i] & 0xFFL) << (8 * i);
        }
        int dataLength = length - dataOffset;
        if (diff == 0) {
            return Arrays.copyOfRange(pickled, offset + dataOffset, offset + length);
        }
        long unpickledLength = dataLength + diff;
        if (unpickledLength > MAX_UNPICKLED_LENGTH) {
            throw new IllegalArgumentException("LZ4 pickle claims " + unpickledLength
                    + " uncompressed bytes, more than an array holds");
        }
        // An LZ4 block expands at most ~255-fold: a larger claim is corrupt, and must not allocate before decoding.
        if (unpickledLength > Lz4Block.maxUnpackedLength(dataLength)) {
            throw new IllegalArgumentException("LZ4 pickle claims " + unpickledLength + " uncompressed bytes from a "
                    + dataLength + "-byte block, more than LZ4 can expand to");
        }
        return Lz4Block.decompress(pickled, offset + dataOffset, dataLength, (int) unpickledLength);
    }

    private static byte[] stored(byte[] source, int offset, int length) {
        byte[] pickled = new byte[1 + length];
        pickled[0] = SUPPORTED_VERSION;
        System.arraycopy(source, offset, pickled, 1, length);
        return pickled;
    }

    private static int widthCode(int width) {
        return width == 4 ? 3 : width;
    }

    private static int width(int widthCode) {
        return widthCode == 3 ? 4 : widthCode;
    }

    static boolean isLz4Frame(byte[] bytes, int offset, int length) {
        return length >= 4 && ((bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16 | (bytes[offset + 3] & 0xFF) << 24) == LZ4_FRAME_MAGIC;
    }

    private static byte[] unframe(byte[] framed, int offset, int length) {
        try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(framed, offset, length))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            // LZ4Exception, and plain RuntimeExceptions for frame features lz4-java does not read (dependent blocks)
            throw new IllegalArgumentException("malformed LZ4 frame of " + length + " bytes: " + e.getMessage(), e);
        }
    }
}
