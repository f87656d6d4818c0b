package io.rta.it.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Decodes WebSocket payloads as the test's client sees them, written from ARCHITECTURE.md section 6 and independently
 * of the server's codec: K4os LZ4Pickler v0 (header byte: bits 0-2 version 0, bits 6-7 width code of the diff field
 * — 0 stored uncompressed, 1/2/3 = 1/2/4 bytes; then diff = uncompressed − compressed length, little-endian; then
 * the LZ4 block), or an LZ4 frame.
 */
public final class PickleDecoder {

    private static final int FRAME_MAGIC = 0x184D2204;

    private PickleDecoder() {
    }

    public static byte[] decode(byte[] payload) {
        if (payload.length >= 4 && ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt() == FRAME_MAGIC) {
            try (LZ4FrameInputStream in = new LZ4FrameInputStream(new java.io.ByteArrayInputStream(payload))) {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("bad LZ4 frame", e);
            }
        }
        int header = payload[0] & 0xFF;
        if ((header & 0x07) != 0) {
            throw new IllegalArgumentException("pickle version " + (header & 0x07) + " is not 0");
        }
        int widthCode = header >>> 6;
        if (widthCode == 0) {
            byte[] stored = new byte[payload.length - 1];
            System.arraycopy(payload, 1, stored, 0, stored.length);
            return stored;
        }
        int width = widthCode == 3 ? 4 : widthCode;
        long diff = 0;
        for (int i = 0; i < width; i++) {
            diff |= (long) (payload[1 + i] & 0xFF) << (8 * i);
        }
        int compressed = payload.length - 1 - width;
        byte[] out = new byte[(int) (compressed + diff)];
        LZ4Factory.safeInstance().safeDecompressor().decompress(payload, 1 + width, compressed, out, 0, out.length);
        return out;
    }
}
