package io.rta.stream.redis;

import java.nio.charset.StandardCharsets;

/** The key and field names of the RTA Redis protocol ({@code devguide/live/redis.md}) that the stream service reads. */
final class RedisKeys {

    /** Prefix of every stream key: stream {@code rocket-engine} is key {@code stream:rocket-engine}. */
    static final String STREAM_PREFIX = "stream:";
    /** Set of every stream name (without the prefix), so the trimmer finds them without scanning keys. */
    static final String STREAMS = "streams";
    /** Hash describing every session; see {@link SessionDirectory} for its layouts. */
    static final String SESSIONS = "sessions";
    /** Prefix of a session's own hash, the other layout {@link SessionDirectory} reads. */
    static final String SESSION_PREFIX = "sessions:";
    /** Message field: the stream session id the message belongs to (a decimal number). */
    static final byte[] ID_FIELD = "id".getBytes(StandardCharsets.US_ASCII);
    /** Message field: an LZ4-pickled {@code StreamDataBurst}. */
    static final byte[] DATA_FIELD = "data".getBytes(StandardCharsets.US_ASCII);

    private RedisKeys() {
    }

    static String streamKey(String streamName) {
        return STREAM_PREFIX + streamName;
    }

    static String sessionKey(String identity) {
        return SESSION_PREFIX + identity;
    }
}
