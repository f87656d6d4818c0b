package io.rta.stream.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * Follows one Redis stream on its own thread ({@code XREAD BLOCK}) for as long as sessions on it are attached, and
 * hands each message of an attached session to that session's {@link SessionFeed}. A stream cannot be read
 * selectively, so one reader per process reads everything once and messages of other sessions are dropped unread
 * (their bursts are not even unpickled).
 *
 * <p>{@link #position()} is moved past a batch <em>before</em> the batch is handed out: a listener attached while a
 * batch is being handed out either gets an entry live or finds it at or before the position it back-fills up to, so
 * back-fill and live never leave a gap between them.
 *
 * <p>When Redis fails the reader logs once, counts every failed attempt and retries from the same position with a
 * growing pause (up to {@link #MAX_BACKOFF}); it never dies of a Redis outage.
 */
final class StreamReader implements Runnable {

    // a read returns at least this often, which is also when coalesced time ranges go out (SessionFeed)
    private static final int BLOCK_MILLIS = 100;
    private static final int BATCH_MESSAGES = 256;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

    private final String streamName;
    private final byte[] key;
    private final UnifiedJedis redis;
    private final RedisMetrics metrics;
    private final Map<Long, SessionFeed> feeds = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile StreamEntryID position;
    private volatile boolean running = true;

    /** A reader whose first read returns what follows {@code start}. */
    StreamReader(String streamName, StreamEntryID start, UnifiedJedis redis, RedisMetrics metrics) {
        this.streamName = streamName;
        this.key = RedisKeys.streamKey(streamName).getBytes(StandardCharsets.UTF_8);
        this.redis = redis;
        this.metrics = metrics;
        this.position = start;
        this.thread = new Thread(this, "redis-reader-" + streamName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String streamName() {
        return streamName;
    }

    /** Every entry after this one reaches the feeds attached when it is handed out. */
    StreamEntryID position() {
        return position;
    }

    /** The feed of a session on this stream, created on first use. */
    SessionFeed feed(long streamSessionId, String identity) {
        return feeds.computeIfAbsent(streamSessionId, id -> new SessionFeed(identity, metrics.messagesMalformed));
    }

    /** Forgets the session's feed once its last attachment is gone; true when the reader then has no sessions. */
    boolean release(long streamSessionId) {
        feeds.computeIfPresent(streamSessionId, (id, feed) -> feed.isEmpty() ? null : feed);
        return feeds.isEmpty();
    }

    /** Stops reading once the current read returns. */
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** Ends every attachment still listening, e.g. when the source stops. */
    void end(String reason) {
        feeds.values().forEach(feed -> feed.end(reason));
    }

    void join(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    @Override
    public void run() {
        Duration backoff = MIN_BACKOFF;
        boolean failing = false;
        XReadParams params = XReadParams.xReadParams().block(BLOCK_MILLIS).count(BATCH_MESSAGES);
        while (running) {
            try {
                List<Map.Entry<byte[], List<StreamEntryBinary>>> read =
                        redis.xreadBinary(params, Map.of(key, position));
                if (failing) {
                    LOG.info("Reading Redis stream {} again from {}", streamName, position);
                    failing = false;
                    backoff = MIN_BACKOFF;
                }
                if (read != null) {
                    read.forEach(stream -> handOut(stream.getValue()));
                }
                long now = System.nanoTime();
                feeds.values().forEach(feed -> feed.flushTimeRange(now));
            } catch (JedisException e) {
                if (!running) {
                    return;
                }
                metrics.readErrors.increment();
                if (!failing) {
                    LOG.warn("Reading Redis stream {} failed (retrying with back-off up to {} s): {}", streamName,
                            MAX_BACKOFF.toSeconds(), e.toString());
                    failing = true;
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                // a listener broke its contract (they only queue); keep the stream's other sessions streaming
                LOG.error("Following Redis stream {} failed; going on from {}", streamName, position, e);
                pause(MIN_BACKOFF);
            }
        }
    }

    private void handOut(List<StreamEntryBinary> entries) {
        if (entries.isEmpty()) {
            return;
        }
        position = entries.get(entries.size() - 1).getID();
        metrics.messagesRead.increment(entries.size());
        for (StreamEntryBinary entry : entries) {
            handOut(entry);
        }
    }

    private void handOut(StreamEntryBinary entry) {
        try {
            StreamMessage message = StreamMessage.of(entry);
            SessionFeed feed = feeds.get(message.sessionId());
            if (feed != null) {
                BurstEntries.read(message.burst(), feed);
            }
        } catch (IllegalArgumentException e) {
            metrics.messagesMalformed.increment();
            LOG.warn("Skipped message {} of Redis stream {}: {}", entry.getID(), streamName, e.getMessage());
        } catch (RuntimeException e) {
            // a listener broke its contract; the other sessions of the stream keep streaming
            LOG.error("Handing out message {} of Redis stream {} failed", entry.getID(), streamName, e);
        }
    }

    private void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            // stop() interrupts: the loop sees running == false
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
