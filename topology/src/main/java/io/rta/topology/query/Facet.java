package io.rta.topology.query;

import io.rta.topology.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counted distinct values of one property over a set of sessions, kept sorted by {@link Value#ORDER}
 * so that min, max and the first distinct values are cheap, and values can be removed again.
 * Not thread-safe: the owner guards it.
 */
public final class Facet {

    private final TreeMap<Value, Integer> counts = new TreeMap<>(Value.ORDER);
    private final Map<String, Integer> types = new TreeMap<>();

    public void add(Value value) {
        if (value != null) {
            counts.merge(value, 1, Integer::sum);
            types.merge(value.typeName(), 1, Integer::sum);
        }
    }

    public void remove(Value value) {
        if (value != null) {
            counts.computeIfPresent(value, (v, n) -> n == 1 ? null : n - 1);
            types.computeIfPresent(value.typeName(), (t, n) -> n == 1 ? null : n - 1);
        }
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** How many distinct values there are. */
    public int distinctCount() {
        return counts.size();
    }

    /** The first {@code limit} distinct values in order. */
    public List<Value> values(int limit) {
        List<Value> values = new ArrayList<>(Math.min(limit, counts.size()));
        for (Value value : counts.keySet()) {
            if (values.size() == limit) {
                break;
            }
            values.add(value);
        }
        return values;
    }

    /** The smallest value, ignoring date-times that do not parse; null when empty. */
    public Value min() {
        for (Value value : counts.keySet()) {
            if (isOrdered(value)) {
                return value;
            }
        }
        return null;
    }

    /** The largest value, ignoring date-times that do not parse; null when empty. */
    public Value max() {
        for (Value value : counts.descendingKeySet()) {
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
        if (types.size() == 1) {
            return types.keySet().iterator().next();
        }
        if (types.size() == 2 && types.containsKey("integer") && types.containsKey("number")) {
            return "number";
        }
        return "string";
    }

    private static boolean isOrdered(Value value) {
        return !(value instanceof Value.Time time) || time.instant() != null;
    }
}
