package io.rta.gateway.bindings;

import java.io.IOException;

/**
 * Reads protobuf wire fields out of a byte array without building messages: the transforms touch a few fields of each
 * result and copy the rest (sample buffers above all) as bytes. Errors say what is malformed, for the 502.
 */
final class FieldReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int position;
    private final int limit;

    FieldReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    boolean hasMore() {
        return position < limit;
    }

    int position() {
        return position;
    }

    long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new IOException("a varint runs past the end of its message");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("a varint is longer than 10 bytes");
    }

    long fixed64() throws IOException {
        if (limit - position < 8) {
            throw new IOException("a fixed64 field runs past the end of its message");
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (bytes[position + i] & 0xFFL) << (8 * i);
        }
        position += 8;
        return value;
    }

    /** Reads a length prefix and steps over the bytes; returns their length (they start at the old position). */
    int lengthDelimited() throws IOException {
        long length = varint();
        if (length < 0 || length > limit - position) {
            throw new IOException("a length-delimited field of " + length + " bytes runs past the end of its message");
        }
        position += (int) length;
        return (int) length;
    }

    void skip(int wireType) throws IOException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> {
                if (limit - position < 8) {
                    throw new IOException("a fixed64 field runs past the end of its message");
                }
                position += 8;
            }
            case LENGTH_DELIMITED -> lengthDelimited();
            case FIXED32 -> {
                if (limit - position < 4) {
                    throw new IOException("a fixed32 field runs past the end of its message");
                }
                position += 4;
            }
            default -> throw new IOException("wire type " + wireType + " is not valid protobuf (or is a group)");
        }
    }
}
