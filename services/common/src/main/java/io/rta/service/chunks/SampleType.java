package io.rta.service.chunks;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;

/**
 * How a sample's value is laid out in a {@code TimestampedData} buffer (little-endian): the schema mapping's
 * {@code target_channel_data_type}. Integer types take the value rounded to the nearest integer and clamped to the
 * type's range (a column holding 300 served as uint8 gives 255), so a value never wraps into a wrong one.
 */
public enum SampleType {
    UINT8(1, 0, 255),
    INT8(1, Byte.MIN_VALUE, Byte.MAX_VALUE),
    UINT16(2, 0, 65_535),
    INT16(2, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT32(4, 0, 4_294_967_295L),
    INT32(4, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32(4, 0, 0),
    DOUBLE(8, 0, 0);

    private final int bytes;
    private final long min;
    private final long max;

    SampleType(int bytes, long min, long max) {
        this.bytes = bytes;
        this.min = min;
        this.max = max;
    }

    /** Bytes a value takes. */
    public int bytes() {
        return bytes;
    }

    /** Writes {@code value} in this type, little-endian (NaN as 0 for integer types). */
    public void write(CodedOutputStream out, double value) throws IOException {
        switch (this) {
            case DOUBLE -> out.writeFixed64NoTag(Double.doubleToRawLongBits(value));
            case FLOAT32 -> out.writeFixed32NoTag(Float.floatToRawIntBits((float) value));
            default -> {
                long integer = integer(value);
                switch (bytes) {
                    case 1 -> out.write((byte) integer);
                    case 2 -> {
                        out.write((byte) integer);
                        out.write((byte) (integer >> 8));
                    }
                    default -> out.writeFixed32NoTag((int) integer);
                }
            }
        }
    }

    /**
     * Puts {@code value} in this type, little-endian, at {@code offset} of {@code array} (the same bytes as
     * {@link #write}).
     *
     * @return the offset after it
     */
    public int put(byte[] array, int offset, double value) {
        long bits = switch (this) {
            case DOUBLE -> Double.doubleToRawLongBits(value);
            case FLOAT32 -> Float.floatToRawIntBits((float) value);
            default -> integer(value);
        };
        for (int i = 0; i < bytes; i++) {
            array[offset + i] = (byte) (bits >>> (8 * i));
        }
        return offset + bytes;
    }

    /** An integer type's value: rounded, clamped to the type's range, NaN as 0. */
    private long integer(double value) {
        return Double.isNaN(value) ? 0 : Math.max(min, Math.min(max, Math.round(value)));
    }
}
