package io.rta.stream.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamDataBurst;
import io.rta.proto.model.net.stream.StreamTimeRange;
import io.rta.topology.data.codec.Lz4Pickler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A pipeline publishing sessions over the RTA Redis protocol, written from {@code devguide/live/redis.md} alone (it
 * shares no code with the source under test, only the LZ4 pickle framing every payload uses):
 *
 * <ul>
 *   <li>a session gets its stream session id from {@code INCRBY lastStreamSessionId 1};</li>
 *   <li>its stream is {@code stream:<name>}, listed in the {@code streams} set ({@code SADD});</li>
 *   <li>each message is {@code XADD stream:<name> * id <n> data <LZ4-pickled StreamDataBurst>};</li>
 *   <li>a session's description holds {@code streamSessionId}, {@code streamName}, {@code streamPosition} (the
 *       stream's last id before the session's first message, or {@code 0-0}), {@code lastUpdated} (ms), and once
 *       published {@code json} and the pair {@code tStart}/{@code tEnd}, in one of the two {@link Layout}s the page
 *       admits.</li>
 * </ul>
 */
public final class RedisTestPublisher implements AutoCloseable {

    /** Where a session's description goes: "sessions is a Hash ... each entry uses the Session Identity as key". */
    public enum Layout {
        /** {@code HSET sessions <identity> <JSON object of the value fields>}. */
        JSON_IN_SESSIONS_HASH,
        /** {@code HSET sessions:<identity> <field> <value> ...}, the key expiring after a day. */
        HASH_PER_SESSION
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SESSION_EXPIRY_SECONDS = 24 * 3600;

    private final RedisClient redis;
    private final Layout layout;

    /** A publisher writing descriptions into the {@code sessions} hash as JSON objects. */
    public RedisTestPublisher(String host, int port) {
        this(host, port, Layout.JSON_IN_SESSIONS_HASH);
    }

    public RedisTestPublisher(String host, int port, Layout layout) {
        this.redis = RedisClient.builder().hostAndPort(new HostAndPort(host, port)).build();
        this.layout = layout;
    }

    /** The Redis client, for checks the protocol does not cover (stream lengths, raw messages). */
    public RedisClient redis() {
        return redis;
    }

    /** Registers a session on {@code streamName} and publishes its first Session JSON. */
    public Session open(String identity, String streamName, String sessionJson) {
        Session session = describe(identity, streamName);
        session.publishJson(sessionJson);
        return session;
    }

    /** Registers a session's description without publishing any Session JSON yet. */
    public Session describe(String identity, String streamName) {
        long streamSessionId = redis.incrBy("lastStreamSessionId", 1);
        String key = "stream:" + streamName;
        List<StreamEntry> last = redis.xrevrange(key, "+", "-", 1);
        String position = last.isEmpty() ? "0-0" : last.get(0).getID().toString();
        redis.sadd("streams", streamName);
        ObjectNode description = JSON.createObjectNode()
                .put("streamSessionId", streamSessionId)
                .put("streamName", streamName)
                .put("streamPosition", position);
        Session session = new Session(identity, key, streamSessionId, description);
        session.saveDescription();
        return session;
    }

    @Override
    public void close() {
        redis.close();
    }

    /** One published session. */
    public final class Session {

        private final String identity;
        private final String key;
        private final long streamSessionId;
        private final ObjectNode description;

        private Session(String identity, String key, long streamSessionId, ObjectNode description) {
            this.identity = identity;
            this.key = key;
            this.streamSessionId = streamSessionId;
            this.description = description;
        }

        public long streamSessionId() {
            return streamSessionId;
        }

        /** Publishes one message whose burst holds {@code items}; returns the message's stream id. */
        public String publish(StreamData... items) {
            byte[] burst = StreamDataBurst.newBuilder().addAllData(List.of(items)).build().toByteArray();
            return publishPayload(Lz4Pickler.pickle(burst));
        }

        /** Publishes a message with any {@code data} payload (e.g. a malformed one). */
        public String publishPayload(byte[] data) {
            return new String(redis.xadd(key.getBytes(StandardCharsets.UTF_8), XAddParams.xAddParams(),
                    Map.of("id".getBytes(StandardCharsets.US_ASCII),
                            Long.toString(streamSessionId).getBytes(StandardCharsets.US_ASCII),
                            "data".getBytes(StandardCharsets.US_ASCII), data)), StandardCharsets.US_ASCII);
        }

        /** Streams a Session JSON update and records it in the session's description. */
        public String publishJson(String json) {
            String id = publish(StreamData.newBuilder().setSessionJson(json).build());
            description.put("json", json);
            saveDescription();
            return id;
        }

        /** Streams a time range update and records it in the session's description. */
        public String publishTimeRange(long start, long end) {
            String id = publish(timeRange(start, end));
            description.put("tStart", start).put("tEnd", end);
            saveDescription();
            return id;
        }

        private void saveDescription() {
            description.put("lastUpdated", System.currentTimeMillis());
            switch (layout) {
                case JSON_IN_SESSIONS_HASH -> redis.hset("sessions", identity, description.toString());
                case HASH_PER_SESSION -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    description.fields().forEachRemaining(field -> fields.put(field.getKey(),
                            field.getValue().asText()));
                    String sessionKey = "sessions:" + identity;
                    redis.hset(sessionKey, fields);
                    redis.expire(sessionKey, SESSION_EXPIRY_SECONDS);
                }
            }
        }
    }

    /** A time range entry. */
    public static StreamData timeRange(long start, long end) {
        return StreamData.newBuilder()
                .setTimeRange(StreamTimeRange.newBuilder().setStartTime(start).setEndTime(end)).build();
    }
}
