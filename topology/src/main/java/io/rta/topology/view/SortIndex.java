package io.rta.topology.view;

import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import io.rta.topology.query.SessionSort;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The sessions that have a value for one property, ordered by it (then identity), so a sort on that
 * property reads the first pages without a full scan. Sessions without a value are not held.
 * Not thread-safe: the catalog guards it.
 */
final class SortIndex {

    /** One indexed session with its sort value. */
    record Entry(Value value, SessionValues session) {
    }

    private static final Comparator<Entry> ORDER = Comparator.<Entry, Value>comparing(Entry::value, SessionSort::compareValues)
            .thenComparing(e -> e.session().identity());

    private final PropertyRef property;
    private final NavigableSet<Entry> entries = new TreeSet<>(ORDER);
    private volatile long lastUsed;

    SortIndex(PropertyRef property) {
        this.property = property;
    }

    /** An index over the given sessions. */
    static SortIndex build(PropertyRef property, Iterable<SessionValues> sessions) {
        SortIndex index = new SortIndex(property);
        sessions.forEach(index::add);
        return index;
    }

    void add(SessionValues session) {
        Value value = SessionSort.sortValue(session, property);
        if (value != null) {
            entries.add(new Entry(value, session));
        }
    }

    /** Removes a session; its value is read again from the same immutable wrapper, so it is found. */
    void remove(SessionValues session) {
        Value value = SessionSort.sortValue(session, property);
        if (value != null) {
            entries.remove(new Entry(value, session));
        }
    }

    Iterator<Entry> iterator(boolean descending) {
        return descending ? entries.descendingIterator() : entries.iterator();
    }

    int size() {
        return entries.size();
    }

    void touch(long now) {
        lastUsed = now;
    }

    long lastUsed() {
        return lastUsed;
    }
}
