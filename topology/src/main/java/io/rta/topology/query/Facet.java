package io.rta.topology.query;

import io.rta.topology.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Counted distinct values of one property over a set of sessions: counts in a hash map, distinct
 * values in a sorted set (by {@link Value#ORDER}) so min, max and the first values are cheap and
 * values can be removed again. A range-only facet keeps just min and max and cannot remove.
 * Not thread-safe: the owner guards it.
 */
public final class Facet {

    private static final String[] TYPES = {"string", "integer", "number", "boolean", "dateTime"};
    private static final double EXACT_LONG_LIMIT = 0x1p53;

    private final boolean rangeOnly;
    private final Map<Value, Integer> counts = new HashMap<>();
    private final NavigableSet<Value> distinct = new TreeSet<>(Value.ORDER);
    private final int[] typeCounts = new int[TYPES.length];
    private Value min;
    private Value max;

    private Facet(boolean rangeOnly) {
        this.rangeOnly = rangeOnly;
    }

    /** A facet that lists values and supports removal. */
    public static Facet counted() {
        return new Facet(false);
    }

    /** A facet that only tracks min and max, for one-off scans. */
    public static Facet rangeOnly() {
        return new Facet(true);
    }

    public void add(Value value) {
        if (value == null) {
            return;
        }
        typeCounts[typeIndex(value)]++;
        if (rangeOnly) {
            if (!isOrdered(value)) {
                return;
            }
            min = min == null || Value.ORDER.compare(value, min) < 0 ? value : min;
            max = max == null || Value.ORDER.compare(value, max) > 0 ? value : max;
            return;
        }
        Value key = canonical(value);
        if (counts.merge(key, 1, Integer::sum) == 1) {
            distinct.add(key);
        }
    }

    public void remove(Value value) {
        if (value == null) {
            return;
        }
        if (rangeOnly) {
            throw new UnsupportedOperationException("a range-only facet cannot remove values");
        }
        typeCounts[typeIndex(value)]--;
        Value key = canonical(value);
        Integer left = counts.computeIfPresent(key, (v, n) -> n == 1 ? null : n - 1);
        if (left == null) {
            distinct.remove(key);
        }
    }

    public boolean isEmpty() {
        return rangeOnly ? min == null : counts.isEmpty();
    }

    /** The first {@code limit} distinct values in order (none for a range-only facet). */
    public List<Value> values(int limit) {
        List<Value> values = new ArrayList<>(Math.min(limit, distinct.size()));
        for (Value value : distinct) {
            if (values.size() == limit) {
                break;
            }
            values.add(value);
        }
        return values;
    }

    /** The smallest value, ignoring date-times that do not parse; null when empty. */
    public Value min() {
        if (rangeOnly) {
            return min;
        }
        for (Value value : distinct) {
            if (isOrdered(value)) {
                return value;
            }
        }
        return null;
    }

    /** The largest value, ignoring date-times that do not parse; null when empty. */
    public Value max() {
        if (rangeOnly) {
            return max;
        }
        for (Value value : distinct.descendingSet()) {
            if (isOrdered(value)) {
                return value;
            }
        }
        return null;
    }

    /**
     * The metamodel type: the single type seen, "number" for integers mixed with numbers, and
     * "string" for any other mix (the only type every value can be shown and matched as).
     */
    public String typeName() {
        List<String> seen = new ArrayList<>(2);
        for (int i = 0; i < TYPES.length; i++) {
            if (typeCounts[i] > 0) {
                seen.add(TYPES[i]);
            }
        }
        if (seen.size() == 1) {
            return seen.get(0);
        }
        return seen.equals(List.of("integer", "number")) ? "number" : "string";
    }

    private static boolean isOrdered(Value value) {
        return !(value instanceof Value.Time time) || time.instant() != null;
    }

    /** Whole numbers count as integers so that 17 and 17.0 are one value, as {@link Value#ORDER} has it. */
    private static Value canonical(Value value) {
        if (value instanceof Value.Num num) {
            double d = num.number();
            if (d == Math.rint(d) && Math.abs(d) < EXACT_LONG_LIMIT) {
                return Value.of((long) d);
            }
        }
        return value;
    }

    private static int typeIndex(Value value) {
        String type = value.typeName();
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].equals(type)) {
                return i;
            }
        }
        throw new IllegalStateException("no metamodel type " + type);
    }
}
