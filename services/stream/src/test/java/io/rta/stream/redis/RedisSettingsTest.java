package io.rta.stream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.config.Options;
import io.rta.stream.StreamOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    private final Options defaults = Options.defaults(StreamOptions.ALL);

    @Test
    void shouldApplyTheToolkitDefaults() {
        RedisSettings settings = RedisSettings.from(defaults.with(StreamOptions.REDIS_CONNECTION_STRING, "redis1"));

        assertThat(settings.connection()).isEqualTo(RedisConnectionString.parse("redis1:6379"));
        assertThat(settings.database()).isZero();
        assertThat(settings.trimmer()).isEqualTo(TrimmerSettings.DEFAULTS);
    }

    @Test
    void shouldReadTheTrimmerOptions() {
        RedisSettings settings = RedisSettings.from(defaults.with(StreamOptions.REDIS_CONNECTION_STRING, "redis1")
                .with(StreamOptions.ENABLE_TRIMMER, "false").with(StreamOptions.TRIMMER_TARGET_LENGTH, "500")
                .with(StreamOptions.TRIMMER_INTERVAL, "5").with(StreamOptions.TRIMMER_APPROX_LENGTH, "true"));

        assertThat(settings.trimmer()).isEqualTo(new TrimmerSettings(false, 500, Duration.ofSeconds(5), true));
    }

    @Test
    void shouldTakeTheDatabaseFromTheConnectionStringUnlessRedisDbIsSet() {
        Options options = defaults.with(StreamOptions.REDIS_CONNECTION_STRING, "redis1,defaultDatabase=3");

        assertThat(RedisSettings.from(options).database()).isEqualTo(3);
        assertThat(RedisSettings.from(options.with(StreamOptions.REDIS_DB, "5")).database()).isEqualTo(5);
    }

    @Test
    void shouldRejectAMissingConnectionStringAndABadInterval() {
        assertThatThrownBy(() -> RedisSettings.from(defaults))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> RedisSettings.from(defaults.with(StreamOptions.REDIS_CONNECTION_STRING, "redis1")
                .with(StreamOptions.TRIMMER_INTERVAL, "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Trimmer:Interval");
    }

    @Test
    void shouldRefuseATrimmerTargetThatWouldEmptyEveryStream() {
        assertThatThrownBy(() -> RedisSettings.from(defaults.with(StreamOptions.REDIS_CONNECTION_STRING, "redis1")
                .with(StreamOptions.TRIMMER_TARGET_LENGTH, "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Trimmer:TargetStreamLength is 0")
                .hasMessageContaining("EnableTrimmer=false");
        assertThat(RedisSettings.from(defaults.with(StreamOptions.REDIS_CONNECTION_STRING, "redis1")
                .with(StreamOptions.ENABLE_TRIMMER, "false").with(StreamOptions.TRIMMER_TARGET_LENGTH, "0"))
                .trimmer().enabled()).as("ignored while the trimmer is off").isFalse();
    }
}
