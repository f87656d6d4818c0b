package io.rta.topology.session;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * ISO 8601 date-times as the session model uses them: always with an offset, seconds required, up to nine
 * fractional digits (the RFC 3339 profile), parsed strictly and rendered at full precision.
 */
public final class Timestamps {


    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    // Trailing zeros of the fraction are dropped; offsets with seconds (historic zones) stay exact.
    private static final DateTimeFormatter FORMATTER = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE);

    private Timestamps() {
    }

    /**
     * Parses an ISO 8601 date-time with an offset ({@code Z} or {@code ±hh:mm}), e.g.
     * {@code 2021-05-06T18:58:56.20289+01:00}; {@link IllegalArgumentException} with a readable reason otherwise.
     */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an ISO 8601 date-time with an offset is required, got an empty value");
        }
        try {
            return OffsetDateTime.parse(text, PARSER);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an ISO 8601 date-time with an offset"
                    + " (expected e.g. 2021-03-14T12:15:30Z or 2021-03-14T12:15:30.123+01:00)", e);
        }
    }

    /** Whether {@code text} is a complete ISO 8601 date-time with an offset, as accepted by {@link #parse}. */
    public static boolean isDateTime(String text) {
        if (text == null || text.length() < "0000-00-00T00:00:00Z".length()) {
            return false;
        }
        try {
            PARSER.parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Renders epoch milliseconds as ISO 8601 in UTC, e.g. {@code 2024-01-02T03:04:05.678Z}. */
    public static String formatUtcMillis(long epochMillis) {
        return format(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /** Renders an instant as ISO 8601 in UTC at its full precision. */
    public static String formatUtc(Instant instant) {
        return format(instant, ZoneOffset.UTC);
    }

    private static String format(Instant instant, ZoneOffset offset) {
        return FORMATTER.format(instant.atOffset(offset));
    }
}
