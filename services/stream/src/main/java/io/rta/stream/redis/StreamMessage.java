package io.rta.stream.redis;

import io.rta.topology.data.codec.Lz4Pickler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import redis.clients.jedis.resps.StreamEntryBinary;

/** The two fields of a protocol message: the stream session id and the pickled burst. */
record StreamMessage(long sessionId, byte[] data) {

    /**
     * The fields of {@code entry}.
     *
     * @throws IllegalArgumentException when {@code id} or {@code data} is missing, or {@code id} is not a number
     */
    static StreamMessage of(StreamEntryBinary entry) {
        byte[] id = null;
        byte[] data = null;
        // the field map is keyed by byte arrays, so look fields up by content
        for (Map.Entry<byte[], byte[]> field : entry.getFields().entrySet()) {
            if (Arrays.equals(field.getKey(), RedisKeys.ID_FIELD)) {
                id = field.getValue();
            } else if (Arrays.equals(field.getKey(), RedisKeys.DATA_FIELD)) {
                data = field.getValue();
            }
        }
        if (id == null || data == null) {
            throw new IllegalArgumentException("message has no " + (id == null ? "id" : "data") + " field");
        }
        String text = new String(id, StandardCharsets.US_ASCII);
        try {
            return new StreamMessage(Long.parseLong(text), data);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("message id \"" + text + "\" is not a number", e);
        }
    }

    /** The unpickled {@code StreamDataBurst}. */
    byte[] burst() {
        return Lz4Pickler.unpickle(data);
    }
}
