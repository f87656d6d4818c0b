package io.rta.stream.redis;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XTrimParams;

/**
 * Caps every stream listed in the {@code streams} set at the target length ({@code XTRIM MAXLEN [~] n}), so the
 * buffer does not grow without bound. Run periodically by {@link RedisLiveSource}; a failed run is logged and
 * counted, and the next run tries again.
 */
final class StreamTrimmer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTrimmer.class);

    private final UnifiedJedis redis;
    private final TrimmerSettings settings;
    private final RedisMetrics metrics;

    StreamTrimmer(UnifiedJedis redis, TrimmerSettings settings, RedisMetrics metrics) {
        this.redis = redis;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            trim();
        } catch (JedisException e) {
            metrics.trimErrors.increment();
            LOG.warn("Trimming the Redis streams failed (next try in {} s): {}", settings.interval().toSeconds(),
                    e.toString());
        }
    }

    /** Trims every stream once; returns the number of entries removed. */
    long trim() {
        XTrimParams params = XTrimParams.xTrimParams().maxLen(settings.targetStreamLength());
        if (settings.approximate()) {
            params.approximateTrimming();
        }
        Set<String> streams = redis.smembers(RedisKeys.STREAMS);
        long trimmed = 0;
        for (String stream : streams) {
            trimmed += redis.xtrim(RedisKeys.streamKey(stream), params);
        }
        if (trimmed > 0) {
            metrics.entriesTrimmed.increment(trimmed);
            LOG.info("Trimmed {} entries from {} Redis streams to {}{} entries each", trimmed, streams.size(),
                    settings.approximate() ? "about " : "", settings.targetStreamLength());
        }
        return trimmed;
    }
}
