package io.rta.stream.redis;

import io.micrometer.core.instrument.Counter;
import io.rta.stream.live.LiveData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attachments of one session on a followed stream, fed by the stream's reader with the session's burst entries:
 * data and session JSON go straight through, time range updates are merged and passed on at most every
 * {@link #TIME_RANGE_PERIOD_NANOS} (writers typically send one with every burst, which a client does not need).
 */
final class SessionFeed implements BurstVisitor {

    static final long TIME_RANGE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final String SESSION_CLOSED = "session closed";

    private static final Logger LOG = LoggerFactory.getLogger(SessionFeed.class);

    private final String identity;
    private final Counter malformed;
    private final List<RedisAttachment> attachments = new CopyOnWriteArrayList<>();
    private TimeRange range;
    private TimeRange sent;
    private long sentAt;

    SessionFeed(String identity, Counter malformed) {
        this.identity = identity;
        this.malformed = malformed;
    }

    void add(RedisAttachment attachment) {
        attachments.add(attachment);
    }

    void remove(RedisAttachment attachment) {
        attachments.remove(attachment);
    }

    boolean isEmpty() {
        return attachments.isEmpty();
    }

    /** Ends every attachment, e.g. when the source stops. */
    void end(String reason) {
        attachments.forEach(attachment -> attachment.end(reason));
    }

    @Override
    public void sessionJson(String json) {
        String state;
        try {
            state = SessionJsonState.of(json);
        } catch (IllegalArgumentException e) {
            malformed.increment();
            LOG.warn("Skipped a session JSON update of session {}: {}", identity, e.getMessage());
            return;
        }
        attachments.forEach(attachment -> attachment.session(json));
        if (!SessionJsonState.OPEN.equals(state)) {
            attachments.forEach(attachment -> attachment.end(SESSION_CLOSED));
        }
    }

    @Override
    public void timeRange(TimeRange update) {
        synchronized (this) {
            range = update.union(range);
        }
        flushTimeRange(System.nanoTime());
    }

    @Override
    public void data(LiveData item) {
        attachments.forEach(attachment -> attachment.data(item));
    }

    /**
     * Merges the range published in the session's description into the session's range; the result opens a new
     * client.
     */
    synchronized TimeRange widen(TimeRange published) {
        if (published != null) {
            range = published.union(range);
        }
        return range;
    }

    /** Passes the merged range on if it moved and the last one went out long enough ago. */
    synchronized void flushTimeRange(long nowNanos) {
        if (range == null || range.equals(sent) || sent != null && nowNanos - sentAt < TIME_RANGE_PERIOD_NANOS) {
            return;
        }
        TimeRange current = range;
        sent = current;
        sentAt = nowNanos;
        attachments.forEach(attachment -> attachment.timeRange(current));
    }
}
