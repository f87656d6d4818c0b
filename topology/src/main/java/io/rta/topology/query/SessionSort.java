package io.rta.topology.query;

import io.rta.events.SessionState;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A multi-key typed sort ("key:asc", "key:desc", no suffix = asc), highest priority first.
 * Values compare by {@link Value#ORDER} (date-times by instant), missing values go last in either
 * direction, unknown keys are ignored, and ties are broken by identity so pages are stable.
 * Without keys it is the default order: timestamp descending.
 */
public final class SessionSort implements Comparator<SessionState> {

    /** One sort key. */
    public record Key(PropertyRef property, boolean descending) {
        @Override
        public String toString() {
            return property.key() + (descending ? ":desc" : ":asc");
        }
    }

    private static final Key DEFAULT_KEY = new Key(PropertyRef.parse("timestamp"), true);
    private static final SessionSort DEFAULT = new SessionSort(List.of(DEFAULT_KEY));

    private final List<Key> keys;

    private SessionSort(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The default order: timestamp descending, then identity. */
    public static SessionSort defaultOrder() {
        return DEFAULT;
    }

    /** {@link #parse(List, InputLimits)} with the default limits. */
    public static SessionSort parse(List<String> sorts) {
        return parse(sorts, InputLimits.defaults());
    }

    /**
     * Parses sort entries. Blank entries and unknown properties are ignored; the text after the
     * last ':' must be asc or desc (any case), so a key that itself contains ':' needs a suffix.
     * More than {@link InputLimits#maxSortKeys} entries (blank ones aside, unknown ones included: each
     * is parsed) are refused before any is parsed.
     *
     * @throws QueryException for a direction other than asc or desc, or too many keys
     */
    public static SessionSort parse(List<String> sorts, InputLimits limits) {
        List<String> entries = sorts == null ? Collections.<String>emptyList() : sorts;
        long count = entries.stream().filter(entry -> entry != null && !entry.isBlank()).count();
        if (count > limits.maxSortKeys()) {
            throw new QueryException(InputLimits.exceeded("sort key count", count, limits.maxSortKeys(),
                    InputLimits.MAX_SORT_KEYS));
        }
        List<Key> keys = new ArrayList<>();
        for (String entry : entries) {
            Key key = parseEntry(entry);
            if (key != null && key.property().isKnown()) {
                keys.add(key);
            }
        }
        return keys.isEmpty() ? DEFAULT : new SessionSort(keys);
    }

    private static Key parseEntry(String entry) {
        if (entry == null || entry.isBlank()) {
            return null;
        }
        String trimmed = entry.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            return new Key(PropertyRef.parse(trimmed), false);
        }
        String direction = trimmed.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new QueryException("sort '" + InputLimits.excerpt(entry) + "': the direction after ':' must be asc or desc");
        }
        return new Key(PropertyRef.parse(trimmed.substring(0, colon).trim()), direction.equals("desc"));
    }

    public List<Key> keys() {
        return keys;
    }

    /** Whether this is timestamp descending, which the catalog serves from its ordered index. */
    public boolean isDefault() {
        return keys.equals(DEFAULT.keys);
    }

    /** The sort values of a session, one per key, extracted once so comparisons do not re-read them. */
    public Value[] extract(SessionValues session) {
        Value[] values = new Value[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sortValue(session, keys.get(i).property());
        }
        return values;
    }

    /**
     * The value a session sorts by for a property; null (sorted last) when missing. A date-time that
     * does not parse has no place in time, so it sorts like a missing value.
     */
    public static Value sortValue(SessionValues session, PropertyRef property) {
        Value value = session.get(property);
        return value instanceof Value.Time time && time.instant() == null ? null : value;
    }

    /** Compares two non-null sort values of one property, ascending. */
    public static int compareValues(Value a, Value b) {
        return Value.SORT_ORDER.compare(a, b);
    }

    /** Compares extracted sort values (see {@link #extract}) without the identity tie-break. */
    public int compareExtracted(Value[] a, Value[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compareNullsLast(a[i], b[i], keys.get(i).descending());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Orders wrapped sessions: keys, then identity. */
    public Comparator<SessionValues> onValues() {
        return (a, b) -> {
            int c = compareExtracted(extract(a), extract(b));
            return c != 0 ? c : a.identity().compareTo(b.identity());
        };
    }

    @Override
    public int compare(SessionState a, SessionState b) {
        return onValues().compare(SessionValues.of(a), SessionValues.of(b));
    }

    private static int compareNullsLast(Value a, Value b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = Value.SORT_ORDER.compare(a, b);
        return descending ? -c : c;
    }

    @Override
    public String toString() {
        return keys.toString();
    }
}
