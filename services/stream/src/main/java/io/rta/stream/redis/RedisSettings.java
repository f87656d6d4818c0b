package io.rta.stream.redis;

import io.rta.service.config.Options;
import io.rta.stream.StreamOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link RedisLiveSource} needs to know, assembled once from the options in {@link StreamOptions}.
 *
 * @param connection where Redis is
 * @param database   the Redis database holding the protocol's keys ({@code RedisDb})
 * @param trimmer    how the streams are capped
 */
public record RedisSettings(RedisConnectionString connection, int database, TrimmerSettings trimmer) {

    public RedisSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(trimmer, "trimmer");
        if (database < 0) {
            throw new IllegalArgumentException("RedisDb is " + database + ": expected a database id >= 0");
        }
    }

    /**
     * The settings the options describe. {@code RedisDb}, when set, wins over a database named in the connection
     * string (as a .NET {@code GetDatabase(db)} call wins over {@code defaultDatabase}).
     *
     * @throws IllegalArgumentException when {@code RedisConnectionString} is empty or malformed, or a trimmer option
     *                                  is out of range
     */
    public static RedisSettings from(Options options) {
        RedisConnectionString connection =
                RedisConnectionString.parse(options.getString(StreamOptions.REDIS_CONNECTION_STRING));
        int database = options.isSet(StreamOptions.REDIS_DB) || connection.defaultDatabase().isEmpty()
                ? options.getInt(StreamOptions.REDIS_DB)
                : connection.defaultDatabase().getAsInt();
        TrimmerSettings trimmer = new TrimmerSettings(options.getBoolean(StreamOptions.ENABLE_TRIMMER),
                options.getLong(StreamOptions.TRIMMER_TARGET_LENGTH),
                Duration.ofSeconds(options.getLong(StreamOptions.TRIMMER_INTERVAL)),
                options.getBoolean(StreamOptions.TRIMMER_APPROX_LENGTH));
        return new RedisSettings(connection, database, trimmer);
    }
}
