package io.rta.stream.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis streams are capped ({@code EnableTrimmer} and the {@code Trimmer:} options of the toolkit's stream
 * service): every {@code interval}, each stream listed in the {@code streams} set is trimmed to
 * {@code targetStreamLength} entries, exactly or (cheaper for Redis) approximately.
 */
public record TrimmerSettings(boolean enabled, long targetStreamLength, Duration interval, boolean approximate) {

    /** The toolkit's defaults: enabled, 10000 entries, every 30 s, exact. */
    public static final TrimmerSettings DEFAULTS = new TrimmerSettings(true, 10_000, Duration.ofSeconds(30), false);

    public TrimmerSettings {
        Objects.requireNonNull(interval, "interval");
        if (enabled && targetStreamLength < 1) {
            throw new IllegalArgumentException("Trimmer:TargetStreamLength is " + targetStreamLength
                    + ": expected a number of entries >= 1 (0 would empty every stream each interval, before its "
                    + "readers get to it; set EnableTrimmer=false to keep everything)");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Trimmer:Interval is " + interval.toSeconds()
                    + " s: expected a positive number of seconds");
        }
    }
}
