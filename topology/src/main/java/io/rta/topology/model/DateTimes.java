package io.rta.topology.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * ISO 8601 parsing and formatting for session times: lenient parsing of stored and queried
 * date-times, and rendering of nanosecond epoch times in the offset of a reference timestamp.
 */
public final class DateTimes {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Offset with a colon, as .NET "O" writes it; also what we accept first. */
    private static final DateTimeFormatter OFFSET_COLON = offsetFormatter("+HH:MM:ss");
    /** Offset without a colon (+0100), seen in hand-written timestamps. */
    private static final DateTimeFormatter OFFSET_COMPACT = offsetFormatter("+HHMM");

    private DateTimes() {
    }

    /**
     * Parses an ISO 8601 date-time to an instant: with an offset (or Z), without one (read as
     * UTC), or a date only (start of that day, UTC). Returns null when the text is not a date-time.
     */
    public static Instant parseInstant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        OffsetDateTime withOffset = parseOffsetDateTime(text);
        if (withOffset != null) {
            return withOffset.toInstant();
        }
        try {
            if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses a date-time that carries an offset; null when it has none or is not a date-time. */
    public static OffsetDateTime parseOffsetDateTime(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (DateTimeFormatter formatter : new DateTimeFormatter[] {OFFSET_COLON, OFFSET_COMPACT}) {
            try {
                return OffsetDateTime.parse(upper, formatter);
            } catch (DateTimeException e) {
                // not this layout: try the next one, the caller gets null when none fits
            }
        }
        return null;
    }

    /** The instant of a time in nanoseconds since the Unix epoch. */
    public static Instant ofEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /**
     * Formats nanoseconds since the epoch as ISO 8601 in the offset of {@code referenceTimestamp}
     * (UTC when it has none), with the fraction trimmed to its significant digits (0 to 9) and the
     * zero offset written the way the reference writes it ("Z" or "+00:00").
     */
    public static String formatNanos(long nanos, String referenceTimestamp) {
        OffsetDateTime reference = referenceTimestamp == null ? null : parseOffsetDateTime(referenceTimestamp);
        return formatNanos(nanos, reference == null ? null : reference.getOffset(), isZulu(referenceTimestamp));
    }

    /** Formats nanoseconds since the epoch in an offset (null = UTC), writing zero as "Z" when {@code zulu}. */
    public static String formatNanos(long nanos, ZoneOffset offset, boolean zulu) {
        ZoneOffset zone = offset == null ? ZoneOffset.UTC : offset;
        return (zulu || offset == null ? Formats.ZULU : Formats.NUMERIC).format(ofEpochNanos(nanos).atOffset(zone));
    }

    /** Whether a timestamp writes its offset as "Z". */
    public static boolean isZulu(String timestamp) {
        return timestamp != null && (timestamp.endsWith("Z") || timestamp.endsWith("z"));
    }

    private static DateTimeFormatter offsetFormatter(String offsetPattern) {
        return new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .appendOffset(offsetPattern, "Z")
                .toFormatter(Locale.ROOT);
    }

    /** Output layouts: minimal fraction, offset with colon. */
    private static final class Formats {
        static final DateTimeFormatter ZULU = output("Z");
        static final DateTimeFormatter NUMERIC = output("+00:00");

        private static DateTimeFormatter output(String zeroOffsetText) {
            return new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .appendOffset("+HH:MM:ss", zeroOffsetText)
                    .toFormatter(Locale.ROOT);
        }
    }
}
