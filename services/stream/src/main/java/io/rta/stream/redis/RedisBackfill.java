package io.rta.stream.redis;

import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveData;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * A session's buffered data from the stream, read lazily in pages: the range {@code (after, upTo]} of the stream,
 * i.e. from the session's {@code streamPosition} (its messages all follow it) to the reader's position when the
 * back-fill was asked for (everything later reaches the client live). Pages are read with a non-blocking
 * {@code XREAD COUNT} from the last entry seen, which is {@code XRANGE} with an exclusive start; only the session's
 * messages are unpickled and only the items {@code wanted} are kept.
 *
 * <p>Entries the trimmer already removed are simply not there: by then the REST API serves that data. A Redis failure
 * ends the back-fill early; it is logged and counted ({@code rta_redis_backfill_errors}) because the client may then
 * miss data from before it attached.
 */
final class RedisBackfill implements Backfill, BurstVisitor {

    static final int PAGE_MESSAGES = 64;

    private static final Logger LOG = LoggerFactory.getLogger(RedisBackfill.class);

    private final UnifiedJedis redis;
    private final byte[] key;
    private final long streamSessionId;
    private final StreamEntryID upTo;
    private final Predicate<LiveData> wanted;
    private final RedisMetrics metrics;
    private final ArrayDeque<LiveData> items = new ArrayDeque<>();
    private StreamEntryID cursor;
    private boolean done;

    RedisBackfill(UnifiedJedis redis, byte[] key, long streamSessionId, StreamEntryID after, StreamEntryID upTo,
                  Predicate<LiveData> wanted, RedisMetrics metrics) {
        this.redis = redis;
        this.key = key;
        this.streamSessionId = streamSessionId;
        this.cursor = after;
        this.upTo = upTo;
        this.wanted = wanted;
        this.metrics = metrics;
    }

    @Override
    public LiveData next() {
        while (items.isEmpty() && !done) {
            readPage();
        }
        return items.poll();
    }

    private void readPage() {
        List<Map.Entry<byte[], List<StreamEntryBinary>>> page;
        try {
            page = redis.xreadBinary(XReadParams.xReadParams().count(PAGE_MESSAGES), Map.of(key, cursor));
        } catch (JedisException e) {
            metrics.backfillErrors.increment();
            LOG.warn("Back-fill of stream session {} stopped at {}: reading Redis failed: {}", streamSessionId,
                    cursor, e.toString());
            done = true;
            return;
        }
        if (page == null || page.isEmpty() || page.get(0).getValue().isEmpty()) {
            done = true;
            return;
        }
        for (StreamEntryBinary entry : page.get(0).getValue()) {
            if (entry.getID().compareTo(upTo) > 0) {
                done = true;
                return;
            }
            cursor = entry.getID();
            read(entry);
        }
    }

    private void read(StreamEntryBinary entry) {
        try {
            StreamMessage message = StreamMessage.of(entry);
            if (message.sessionId() == streamSessionId) {
                BurstEntries.read(message.burst(), this);
            }
        } catch (IllegalArgumentException e) {
            // the reader logs malformed messages as it meets them; the back-fill skips them quietly
            metrics.messagesMalformed.increment();
        }
    }

    @Override
    public void data(LiveData item) {
        if (wanted.test(item)) {
            items.add(item);
        }
    }
}
