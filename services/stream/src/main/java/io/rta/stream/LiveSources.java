package io.rta.stream;

import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.config.Options;
import io.rta.stream.live.LiveSource;
import io.rta.stream.redis.RedisLiveSource;
import io.rta.stream.redis.RedisSettings;
import java.util.function.Supplier;

/**
 * Which live source a process streams from, decided in one place for the all-in-one server and the stream service:
 * Redis when {@code RedisConnectionString} is set (pipelines that publish the RTA Redis protocol), otherwise our
 * Kafka topics.
 */
public final class LiveSources {

    private LiveSources() {
    }

    public static boolean usesRedis(Options options) {
        return !options.getString(StreamOptions.REDIS_CONNECTION_STRING).isBlank();
    }

    /**
     * The Redis source when the options name one, otherwise the one {@code kafka} builds and starts.
     *
     * @throws IllegalArgumentException when the Redis options are malformed
     */
    public static LiveSource create(Options options, ProcessMetrics metrics, Supplier<LiveSource> kafka) {
        if (usesRedis(options)) {
            return new RedisLiveSource(RedisSettings.from(options), metrics.registry());
        }
        return kafka.get();
    }
}
