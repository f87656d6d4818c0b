package io.rta.stream.redis;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Looks sessions up in Redis: the {@code sessions} hash, or else the session's own hash.
 *
 * <p><b>Layouts.</b> {@code redis.md} says: "{@code sessions} is a Hash containing a description of all sessions. Each
 * entry should use the Session Identity as the key, and must define the following value fields: streamSessionId,
 * streamName, streamPosition, lastUpdated" (plus {@code json}, and {@code tStart}/{@code tEnd} as a pair, once
 * published), updated with {@code HMSET}, entries expiring "automatically after a reasonable interval". A Redis hash
 * maps fields to flat strings, so the page admits two readings, and we accept both, looked up in this order:
 * <ol>
 *   <li><b>one hash at key {@code sessions}, hash field = session identity, hash value = a JSON object holding the
 *       value fields</b>:
 * <pre>
 * HSET sessions 6a4c...-identity '{"streamSessionId":7,"streamName":"car1","streamPosition":"1718000000000-0",
 *     "lastUpdated":1718000000123,"json":"{\"identity\":...,\"state\":\"open\",...}","tStart":...,"tEnd":...}'
 * </pre>
 *       This is the literal reading: the page names exactly four keys ({@code stream:<name>}, {@code streams},
 *       {@code sessions}, {@code lastStreamSessionId}); "each entry should use the Session Identity as the key, and
 *       must define the following value fields" reads as hash field = identity, value = a record of fields, the
 *       field names camelCase as a .NET JSON serializer writes a record's properties; and {@code lastUpdated} exists
 *       "to enable a cleanup job to identify streams and sessions that haven't updated in a long time", which one
 *       hash whose fields cannot expire by themselves (before Redis 7.4) needs, and which walks one key rather than
 *       scanning keys (the reason the {@code streams} set exists).</li>
 *   <li><b>a hash per session at key {@code sessions:<identity>}, one flat field per value field</b>:
 * <pre>
 * HMSET sessions:6a4c...-identity streamSessionId 7 streamName car1 streamPosition 1718000000000-0
 *     lastUpdated 1718000000123 json '{"identity":...,"state":"open",...}' tStart ... tEnd ...
 * EXPIRE sessions:6a4c...-identity 86400
 * </pre>
 *       The reading suggested by "value fields", {@code HMSET} (which sets several fields of one hash) and entries
 *       that expire (a key expires, a field of a shared hash does not).</li>
 * </ol>
 * The {@code sessions} hash is read first (one round trip for the literal reading); only when it has no entry for the
 * identity is {@code sessions:<identity>} read. A writer uses one layout, so the order matters only if both hold the
 * session: then the {@code sessions} hash wins.
 *
 * <p>The .NET writer ({@code MAT.OCS.RTA.StreamBuffer}) is not public; searching public code, issues and
 * documentation found only {@code redis.md} and the live tutorial, neither of which shows the encoding. This class is
 * the only place that knows the layouts.
 *
 * <p>Reading is lenient where writers may reasonably differ: numbers may be JSON numbers or numeric strings, and in
 * the JSON layout {@code json} may be a string (as specified) or an embedded object. {@code lastUpdated} is not used.
 */
final class SessionDirectory {

    private final UnifiedJedis redis;

    SessionDirectory(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * The session's description, or empty when neither layout has it.
     *
     * @throws IllegalArgumentException when the description is malformed (the message names where and what)
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached
     */
    Optional<SessionDescription> find(String identity) {
        String value = read(RedisKeys.SESSIONS, () -> redis.hget(RedisKeys.SESSIONS, identity));
        if (value != null) {
            try {
                return Optional.of(SessionDescription.parse(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hash " + RedisKeys.SESSIONS + " field " + identity + ": "
                        + e.getMessage(), e);
            }
        }
        String key = RedisKeys.sessionKey(identity);
        Map<String, String> fields = read(key, () -> redis.hgetAll(key));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SessionDescription.fromFields(fields));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hash " + key + ": " + e.getMessage(), e);
        }
    }

    /** Runs a read, reporting a key of another type as a malformed description rather than a Redis failure. */
    private static <T> T read(String key, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
                throw new IllegalArgumentException("key " + key + " is not a hash", e);
            }
            throw e;
        }
    }
}
