package io.rta.topology.query;

import io.rta.topology.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Distinct values of one property over a set of sessions, in {@link Value#ORDER}. A counted facet
 * keeps counts in a hash map and every distinct value in a sorted set, so values can be removed
 * again; a scan facet keeps only the first {@link Metamodel#MAX_VALUES} distinct values and the
 * maximum; a range-only facet keeps min and max. Only counted facets can remove.
 * Not thread-safe: the owner guards it.
 */
public final class Facet {

    private static final String[] TYPES = {"string", "integer", "number", "boolean", "dateTime"};
    private static final double EXACT_LONG_LIMIT = 0x1p53;

    private enum Mode { COUNTED, SCAN, RANGE }

    private final Mode mode;
    private final Map<Value, Integer> counts = new HashMap<>();
    private final NavigableSet<Value> distinct = new TreeSet<>(Value.ORDER);
    private final int[] typeCounts = new int[TYPES.length];
    private Value min;
    private Value max;

    private Facet(Mode mode) {
        this.mode = mode;
    }

    /** A facet that lists values and supports removal. */
    public static Facet counted() {
        return new Facet(Mode.COUNTED);
    }

    /** A facet for one-off scans: the first distinct values, min and max. */
    public static Facet scan() {
        return new Facet(Mode.SCAN);
    }

    /** A facet for one-off scans that only tracks min and max. */
    public static Facet rangeOnly() {
        return new Facet(Mode.RANGE);
    }

    public void add(Value value) {
        if (value == null) {
            return;
        }
        typeCounts[typeIndex(value)]++;
        if (mode == Mode.COUNTED) {
            if (counts.merge(canonical(value), 1, Integer::sum) == 1) {
                distinct.add(value);
            }
            return;
        }
        if (!isOrdered(value)) {
            return;
        }
        min = min == null || Value.ORDER.compare(value, min) < 0 ? value : min;
        max = max == null || Value.ORDER.compare(value, max) > 0 ? value : max;
        if (mode == Mode.SCAN) {
            addCapped(value);
        }
    }

    /** Keeps the smallest MAX_VALUES distinct values: most values are decided by one comparison. */
    private void addCapped(Value key) {
        if (distinct.size() < Metamodel.MAX_VALUES) {
            distinct.add(key);
        } else if (Value.ORDER.compare(key, distinct.last()) < 0 && distinct.add(key)) {
            distinct.pollLast();
        }
    }

    public void remove(Value value) {
        if (value == null) {
            return;
        }
        if (mode != Mode.COUNTED) {
            throw new UnsupportedOperationException("only a counted facet can remove values");
        }
        typeCounts[typeIndex(value)]--;
        Integer left = counts.computeIfPresent(canonical(value), (v, n) -> n == 1 ? null : n - 1);
        if (left == null) {
            distinct.remove(value);
        }
    }

    public boolean isEmpty() {
        return mode == Mode.COUNTED ? counts.isEmpty() : min == null;
    }

    /** The first {@code limit} distinct values in order (at most MAX_VALUES in a scan, none in a range-only facet). */
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
        if (mode != Mode.COUNTED) {
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
        if (mode != Mode.COUNTED) {
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

    /**
     * The counting key: whole numbers count as integers so that 17 and 17.0 are one value, as they are
     * for {@link Value#ORDER}; the sorted set keeps whichever came first for display.
     */
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
