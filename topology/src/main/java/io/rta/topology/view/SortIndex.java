package io.rta.topology.view;

import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import io.rta.topology.query.SessionSort;
import java.util.Arrays;
import java.util.Comparator;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The sessions that have a value for one property, ordered by it (then identity), so a sort on that
 * property reads the first pages without a full scan. Sessions without a value are not held.
 * Not thread-safe: the catalog guards it; {@link #entries} copies it for readers that work outside the lock.
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
    /** The entries as arrays, for the catalog version they were copied at (readers share them until it changes). */
    private volatile Copy copy;

    /** The entries in ascending order, all of them and the top-level ones only. */
    private record Copy(long version, Entry[] all, Entry[] topLevel) {
    }

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

    /**
     * The entries in ascending order as of catalog {@code version}, copied once per version and shared: call under
     * the catalog's read lock (no writer changes the index meanwhile); the array is never written afterwards.
     *
     * @param isTopLevel whether a session is listed when sub-sessions are not (read under the same lock)
     */
    Entry[] entries(long version, boolean includeSubSessions, Predicate<SessionValues> isTopLevel) {
        Copy current = copy;
        if (current == null || current.version() != version) {
            Entry[] all = new Entry[entries.size()];
            Entry[] top = new Entry[all.length];
            int n = 0;
            int t = 0;
            for (Entry entry : entries) {
                all[n++] = entry;
                if (isTopLevel.test(entry.session())) {
                    top[t++] = entry;
                }
            }
            current = new Copy(version, all, t == all.length ? all : Arrays.copyOf(top, t));
            copy = current;
        }
        return includeSubSessions ? current.all() : current.topLevel();
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
