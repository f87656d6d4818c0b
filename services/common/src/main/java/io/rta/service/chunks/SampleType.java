package io.rta.service.chunks;

import java.nio.ByteBuffer;

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

    /** Writes {@code value} in this type at the buffer's position (NaN as 0 for integer types). */
    public void put(ByteBuffer buffer, double value) {
        switch (this) {
            case DOUBLE -> buffer.putDouble(value);
            case FLOAT32 -> buffer.putFloat((float) value);
            default -> {
                long integer = Double.isNaN(value) ? 0 : Math.max(min, Math.min(max, Math.round(value)));
                switch (bytes) {
                    case 1 -> buffer.put((byte) integer);
                    case 2 -> buffer.putShort((short) integer);
                    default -> buffer.putInt((int) integer);
                }
            }
        }
    }
}
