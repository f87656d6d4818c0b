package io.rta.files.read;

import io.rta.service.errors.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The unit of a file's time column ({@code properties["time_unit"]}): nanoseconds (the default), microseconds,
 * milliseconds or seconds since the epoch, as integers or decimals.
 */
public enum TimeUnit {
    NS(1),
    US(1_000),
    MS(1_000_000),
    S(1_000_000_000);

    private final long nanos;

    TimeUnit(long nanos) {
        this.nanos = nanos;
    }

    /** Nanoseconds in one unit. */
    public long nanos() {
        return nanos;
    }

    /**
     * The unit a mapping names; empty is {@link #NS}.
     *
     * @throws InvalidInputException naming the property for anything else
     */
    public static TimeUnit of(String text, String identity) {
        if (text == null || text.isBlank()) {
            return NS;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the schema mapping of identity '" + identity + "' has properties"
                    + "[\"time_unit\"] '" + text + "': use ns, us, ms or s");
        }
    }

    /** An integer time in this unit as nanoseconds (saturating at the long range). */
    public long toNanos(long value) {
        long high = Math.multiplyHigh(value, nanos);
        long low = value * nanos;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return value < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** A decimal time in this unit as nanoseconds, rounded half up to the nanosecond. */
    public long toNanos(BigDecimal value) {
        return value.multiply(BigDecimal.valueOf(nanos)).setScale(0, RoundingMode.HALF_UP).longValue();
    }

    /** The smallest integer time in this unit at or after {@code nanos} (what {@code time >= nanos} asks). */
    public long ceilOf(long nanosTime) {
        return -Math.floorDiv(-nanosTime, nanos);
    }
}
