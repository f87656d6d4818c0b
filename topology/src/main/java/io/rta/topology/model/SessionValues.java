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
import org.apache.avro.generic.IndexedRecord;

/**
 * Typed, read-only access to the properties of one {@link SessionState}, with its date-times
 * parsed once and its details copied into two compact arrays (keys interned, so a lookup compares
 * references instead of reading every key).
 *
 * <p>Immutable: everything queries, sorts, folder scopes and facets read is copied out of the (mutable) Avro record
 * when it is wrapped, so the catalog can hand wrappers to queries that run outside its lock while the record stays
 * what it is (the {@link #session()} given to renderers, which no one must change).
 */
public final class SessionValues {

    private final SessionState session;
    private final String identity;
    private final int state;
    private final String identifier;
    private final String type;
    private final Double quality;
    private final String group;
    private final String version;
    private final boolean hasTimeRange;
    private final long timeRangeStart;
    private final long timeRangeEnd;
    private final boolean zulu;
    private final Value.Time timestamp;
    /** Offset of the timestamp (null when it has none), in which start/end timestamps are written. */
    private final ZoneOffset offset;
    /** Detail keys, interned, by position in the details list. */
    private final String[] detailKeys;
    /** Detail values by position in the details list. */
    private final Value[] detailValues;
    /** The folders the session links to, in order. */
    private final List<String> folders;
    private final String[] extNames;
    private final String[][] extKeys;
    /** Raw extDetails values (converted when read: most are never queried): String, Long, Double, Boolean, Iso. */
    private final Object[][] extValues;

    /** What {@link #approximateBytes} counts per element of a list (markers, bindings, references, ...). */
    static final int ITEM_BYTES = 32;

    private final long approximateBytes;

    private SessionValues(SessionState session) {
        this.session = session;
        this.identity = session.getIdentity();
        this.state = session.getState();
        this.identifier = session.getIdentifier();
        this.type = session.getType();
        this.quality = session.getQuality();
        this.group = session.getGroup();
        this.version = session.getVersion();
        TimeRange range = session.getTimeRange();
        this.hasTimeRange = range != null;
        this.timeRangeStart = range == null ? 0 : range.getStartTime();
        this.timeRangeEnd = range == null ? 0 : range.getEndTime();
        this.zulu = DateTimes.isZulu(session.getTimestamp());
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
        this.folders = List.copyOf(session.getFolders());
        List<DetailCategory> ext = session.getExtDetails();
        this.extNames = new String[ext.size()];
        this.extKeys = new String[ext.size()][];
        this.extValues = new Object[ext.size()][];
        for (int c = 0; c < extNames.length; c++) {
            DetailCategory category = ext.get(c);
            extNames[c] = category.getName();
            List<Detail> items = category.getDetails();
            extKeys[c] = new String[items.size()];
            extValues[c] = new Object[items.size()];
            for (int i = 0; i < items.size(); i++) {
                extKeys[c][i] = items.get(i).getKey();
                Object raw = items.get(i).getValue();
                extValues[c][i] = raw instanceof DateTimeValue dt ? new Iso(dt.getIso()) : raw;
            }
        }
        this.approximateBytes = textBytes(session);
    }

    public static SessionValues of(SessionState session) {
        return new SessionValues(session);
    }

    /**
     * About how many bytes the session takes encoded, counted cheaply when the catalog takes it in: the characters of
     * every string in it (every string field of the state and of every record and list in it: identifier, version,
     * details, markers, bindings, references, ...) and {@link #ITEM_BYTES} per list element. At least the text it holds
     * (in characters: text outside ASCII takes up to three times as many bytes), so a session made of long strings
     * anywhere does not pass for small. Tells a small session from a large one.
     */
    public long approximateBytes() {
        return approximateBytes;
    }

    /** {@link #ITEM_BYTES} per element and the text of each ({@link #textBytes}). */
    private static long listBytes(List<?> items) {
        long size = ITEM_BYTES * (long) items.size();
        for (Object item : items) {
            size += textBytes(item);
        }
        return size;
    }

    /** A string's length; a record's fields' and a list's elements' text, recursively; 0 for anything else. */
    private static long textBytes(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof IndexedRecord record) {
            long size = 0;
            int fields = record.getSchema().getFields().size();
            for (int i = 0; i < fields; i++) {
                size += textBytes(record.get(i));
            }
            return size;
        }
        if (value instanceof List<?> list) {
            return listBytes(list);
        }
        return 0;
    }

    /** The wrapped record, for rendering; it must not be changed. */
    public SessionState session() {
        return session;
    }

    public String identity() {
        return identity;
    }

    /** The instant of the session timestamp; null when the stored text is not a date-time. */
    public Instant timestampInstant() {
        return timestamp.instant();
    }

    /** The value of a property, or null when the session does not have it. */
    public Value get(PropertyRef property) {
        return switch (property.kind()) {
            case IDENTITY -> Value.of(identity);
            case STATE -> new Value.State(state);
            case TIMESTAMP -> timestamp;
            case START_TIMESTAMP -> timeRangeTimestamp(true);
            case END_TIMESTAMP -> timeRangeTimestamp(false);
            case IDENTIFIER -> Value.of(identifier);
            case TYPE -> text(type);
            case QUALITY -> quality == null ? null : Value.of(quality);
            case GROUP -> text(group);
            case VERSION -> text(version);
            case TIME_RANGE_START -> hasTimeRange ? Value.of(timeRangeStart) : null;
            case TIME_RANGE_END -> hasTimeRange ? Value.of(timeRangeEnd) : null;
            case DETAIL -> detail(property.key());
            case EXT_DETAIL -> extDetail(property.key());
            case UNKNOWN -> null;
        };
    }

    /** Whether the session has a time range ({@link #timeRangeStart}, {@link #timeRangeEnd}). */
    public boolean hasTimeRange() {
        return hasTimeRange;
    }

    /** Start of the time range (ns); 0 without one. */
    public long timeRangeStart() {
        return timeRangeStart;
    }

    /** End of the time range (ns); 0 without one. */
    public long timeRangeEnd() {
        return timeRangeEnd;
    }

    /** The startTimestamp (true) or endTimestamp (false) derived from the time range. */
    public Value.Time timeRangeTimestamp(boolean start) {
        if (!hasTimeRange) {
            return null;
        }
        long nanos = start ? timeRangeStart : timeRangeEnd;
        return new Value.Time(DateTimes.ofEpochNanos(nanos), DateTimes.formatNanos(nanos, offset, zulu));
    }

    /** The folders the session links to (unmodifiable). */
    public List<String> folders() {
        return folders;
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

    /** How many extDetails categories the session has. */
    public int extCategoryCount() {
        return extNames.length;
    }

    /** The name of an extDetails category, by position. */
    public String extCategoryName(int category) {
        return extNames[category];
    }

    /** How many details an extDetails category holds. */
    public int extDetailCount(int category) {
        return extKeys[category].length;
    }

    /** The key of a detail of an extDetails category. */
    public String extDetailKey(int category, int index) {
        return extKeys[category][index];
    }

    /** The value of a detail of an extDetails category. */
    public Value extDetailValue(int category, int index) {
        return toValue(extValues[category][index]);
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
        for (int c = 0; c < extNames.length; c++) {
            String name = extNames[c];
            if (categoryAndKey.length() > name.length() + 1 && categoryAndKey.startsWith(name)
                    && categoryAndKey.charAt(name.length()) == '.') {
                Value value = categoryDetail(c, categoryAndKey.substring(name.length() + 1));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private Value categoryDetail(int category, String key) {
        String[] keys = extKeys[category];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return toValue(extValues[category][i]);
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
        if (raw instanceof Iso iso) {
            return Value.Time.parse(iso.text());
        }
        if (raw instanceof CharSequence cs) {
            return Value.of(cs.toString());
        }
        return null;
    }

    private static Value text(String text) {
        return text == null ? null : Value.of(text);
    }

    /** An extDetails date-time's text, copied out of its (mutable) Avro record. */
    private record Iso(String text) {
    }
}
