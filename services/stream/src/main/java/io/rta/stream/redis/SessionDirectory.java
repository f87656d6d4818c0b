package io.rta.stream.redis;

import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Looks sessions up in the {@code sessions} hash.
 *
 * <p><b>Layout.</b> {@code redis.md} says: "{@code sessions} is a Hash containing a description of all sessions. Each
 * entry should use the Session Identity as the key, and must define the following value fields: streamSessionId,
 * streamName, streamPosition, lastUpdated" (plus {@code json}, and {@code tStart}/{@code tEnd} as a pair, once
 * published). A Redis hash maps fields to flat strings, so the value fields have to be encoded somehow; we read
 * <em>one hash at key {@code sessions}, hash field = session identity, hash value = a JSON object holding the value
 * fields</em>:
 *
 * <pre>
 * HSET sessions 6a4c...-identity '{"streamSessionId":7,"streamName":"car1","streamPosition":"1718000000000-0",
 *     "lastUpdated":1718000000123,"json":"{\"identity\":...,\"state\":\"open\",...}","tStart":...,"tEnd":...}'
 * </pre>
 *
 * Why this layout rather than a hash per session ({@code sessions:<identity>}) or composite field names
 * ({@code <identity>:json}):
 * <ul>
 *   <li>the page is written so pipelines in other languages can implement it, and it names exactly four keys
 *       ({@code stream:<name>}, {@code streams}, {@code sessions}, {@code lastStreamSessionId}); a key per session or
 *       a field naming scheme would have to be spelled out, and is not;</li>
 *   <li>"each entry should use the Session Identity as the key, and must define the following value fields" reads
 *       as hash field = identity, value = a record of fields, and the field names are camelCase as a .NET JSON
 *       serializer writes a record's properties;</li>
 *   <li>{@code lastUpdated} exists "to enable a cleanup job to identify streams and sessions that haven't updated in
 *       a long time": needed because fields of one hash cannot expire by themselves, and the protocol avoids key
 *       scans (the reason the {@code streams} set exists), so such a job walks this one hash.</li>
 * </ul>
 * The .NET writer ({@code MAT.OCS.RTA.StreamBuffer}) is not public; searching public code, issues and documentation
 * found only {@code redis.md} and the live tutorial, neither of which shows the encoding. Should a real pipeline turn
 * out to differ, this class is the only place that knows the layout.
 *
 * <p>Reading is lenient where writers may reasonably differ: numbers may be JSON numbers or numeric strings, and
 * {@code json} may be a string (as specified) or an embedded object. {@code lastUpdated} is not used.
 */
final class SessionDirectory {

    private final UnifiedJedis redis;

    SessionDirectory(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * The session's description, or empty when the hash has no entry for it.
     *
     * @throws IllegalArgumentException when the entry is malformed (the message names the problem)
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached
     */
    Optional<SessionDescription> find(String identity) {
        String value = redis.hget(RedisKeys.SESSIONS, identity);
        return value == null ? Optional.empty() : Optional.of(SessionDescription.parse(value));
    }
}
