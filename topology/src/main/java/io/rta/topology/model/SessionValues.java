package io.rta.topology.model;

import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.SessionState;
import io.rta.events.TimeRange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Typed, read-only access to the properties of one {@link SessionState}, with its date-times
 * parsed once and its details copied into two compact arrays (keys interned, so a lookup compares
 * references instead of reading every key). The session must not be mutated after it is wrapped.
 */
public final class SessionValues {

    private final SessionState session;
    private final Value.Time timestamp;
    /** Offset of the timestamp (null when it has none), in which start/end timestamps are written. */
    private final ZoneOffset offset;
    /** Detail keys, interned, by position in the details list. */
    private final String[] detailKeys;
    /** Detail values by position in the details list. */
    private final Value[] detailValues;

    private SessionValues(SessionState session) {
        this.session = session;
        OffsetDateTime parsed = DateTimes.parseOffsetDateTime(session.getTimestamp());
        this.timestamp = parsed != null ? new Value.Time(parsed.toInstant(), session.getTimestamp())
                : Value.Time.parse(session.getTimestamp());
        this.offset = parsed == null ? null : parsed.getOffset();
        List<Detail> details = session.getDetails();
        this.detailKeys = new String[details.size()];
        this.detailValues = new Value[details.size()];
        for (int i = 0; i < detailKeys.length; i++) {
            detailKeys[i] = details.get(i).getKey().intern();
            detailValues[i] = toValue(details.get(i).getValue());
        }
    }

    public static SessionValues of(SessionState session) {
        return new SessionValues(session);
    }

    public SessionState session() {
        return session;
    }

    public String identity() {
        return session.getIdentity();
    }

    /** The instant of the session timestamp; null when the stored text is not a date-time. */
    public Instant timestampInstant() {
        return timestamp.instant();
    }

    /** The value of a property, or null when the session does not have it. */
    public Value get(PropertyRef property) {
        return switch (property.kind()) {
            case IDENTITY -> Value.of(session.getIdentity());
            case STATE -> new Value.State(session.getState());
            case TIMESTAMP -> timestamp;
            case START_TIMESTAMP -> timeRangeTimestamp(true);
            case END_TIMESTAMP -> timeRangeTimestamp(false);
            case IDENTIFIER -> Value.of(session.getIdentifier());
            case TYPE -> text(session.getType());
            case QUALITY -> session.getQuality() == null ? null : Value.of(session.getQuality());
            case GROUP -> text(session.getGroup());
            case VERSION -> text(session.getVersion());
            case TIME_RANGE_START -> session.getTimeRange() == null ? null : Value.of(session.getTimeRange().getStartTime());
            case TIME_RANGE_END -> session.getTimeRange() == null ? null : Value.of(session.getTimeRange().getEndTime());
            case DETAIL -> detail(property.key());
            case EXT_DETAIL -> extDetail(property.key());
            case UNKNOWN -> null;
        };
    }

    /** The startTimestamp (true) or endTimestamp (false) derived from the time range. */
    public Value.Time timeRangeTimestamp(boolean start) {
        TimeRange range = session.getTimeRange();
        if (range == null) {
            return null;
        }
        long nanos = start ? range.getStartTime() : range.getEndTime();
        return new Value.Time(DateTimes.ofEpochNanos(nanos),
                DateTimes.formatNanos(nanos, offset, DateTimes.isZulu(session.getTimestamp())));
    }

    /** How many details the session has. */
    public int detailCount() {
        return detailKeys.length;
    }

    /** The key of the detail at a position in the details list. */
    public String detailKeyAt(int index) {
        return detailKeys[index];
    }

    /** The value of the detail at a position in the details list. */
    public Value detailAt(int index) {
        return detailValues[index];
    }

    /** Finds a detail by an interned key (as {@link PropertyRef} holds it). */
    private Value detail(String internedKey) {
        for (int i = 0; i < detailKeys.length; i++) {
            if (detailKeys[i] == internedKey) {
                return detailValues[i];
            }
        }
        return null;
    }

    private Value extDetail(String categoryAndKey) {
        for (DetailCategory category : session.getExtDetails()) {
            String name = category.getName();
            if (categoryAndKey.length() > name.length() + 1 && categoryAndKey.startsWith(name)
                    && categoryAndKey.charAt(name.length()) == '.') {
                Value value = categoryDetail(category, categoryAndKey.substring(name.length() + 1));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static Value categoryDetail(DetailCategory category, String key) {
        for (Detail detail : category.getDetails()) {
            if (detail.getKey().equals(key)) {
                return toValue(detail.getValue());
            }
        }
        return null;
    }

    /** Converts an Avro detail value (String, Long, Double, Boolean, DateTimeValue) to a typed value. */
    public static Value toValue(Object raw) {
        if (raw instanceof String s) {
            return Value.of(s);
        }
        if (raw instanceof Long l) {
            return Value.of(l.longValue());
        }
        if (raw instanceof Double d) {
            return Value.of(d.doubleValue());
        }
        if (raw instanceof Boolean b) {
            return Value.of(b.booleanValue());
        }
        if (raw instanceof DateTimeValue dt) {
            return Value.Time.parse(dt.getIso());
        }
        if (raw instanceof CharSequence cs) {
            return Value.of(cs.toString());
        }
        return null;
    }

    private static Value text(String text) {
        return text == null ? null : Value.of(text);
    }

}
