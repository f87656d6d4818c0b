package io.rta.config.api;

import io.rta.events.ConfigPublication;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A config as the view holds it: its media type and its bytes.
 *
 * <p>{@code data} is shared, not copied, so a 20 MiB config is not duplicated per read: nobody may modify it.
 */
public record StoredConfig(String contentType, byte[] data) {

    public StoredConfig {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
    }

    /** Adapts the Avro view value, without copying when its buffer is exactly one whole array (as Avro decodes it). */
    public static StoredConfig of(ConfigPublication publication) {
        return new StoredConfig(publication.getContentType(), bytesOf(publication.getData()));
    }

    /** Number of bytes of config data. */
    public int size() {
        return data.length;
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredConfig that
                && contentType.equals(that.contentType) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "StoredConfig[contentType=" + contentType + ", size=" + data.length + "]";
    }
}
