package io.rta.topology.query;

import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The aggregates behind a metamodel: one {@link Facet} per built-in property and per details key,
 * and the extDetails property ids seen. A new instance is incremental (sessions can be added and
 * removed, so the catalog keeps one up to date); {@link #over} aggregates a one-off scan more
 * cheaply. Not thread-safe: the owner guards it.
 */
public final class Facets {

    private static final PropertyRef TIMESTAMP = PropertyRef.parse("timestamp");
    private static final PropertyRef TYPE = PropertyRef.parse("type");
    private static final PropertyRef QUALITY = PropertyRef.parse("quality");
    private static final PropertyRef GROUP = PropertyRef.parse("group");
    private static final PropertyRef VERSION = PropertyRef.parse("version");

    private final boolean removable;
    private final Facet timestamp;
    private final Facet startTimestamp;
    private final Facet endTimestamp;
    private final Facet type;
    private final Facet quality;
    private final Facet group;
    private final Facet version;
    private final NavigableMap<String, Facet> details = new TreeMap<>();
    /** Counts of "Category" and "Category.key" ids under extDetails. */
    private final NavigableMap<String, Integer> extIds = new TreeMap<>();
    private int sessions;
    /** In a scan, the sessions holding the earliest/latest start and end, formatted only at the end. */
    private final SessionValues[] timeRangeExtremes = new SessionValues[4];

    /** Incremental aggregates, starting empty. */
    public Facets() {
        this(true);
    }

    private Facets(boolean removable) {
        this.removable = removable;
        this.timestamp = removable ? Facet.counted() : Facet.rangeOnly();
        this.startTimestamp = removable ? Facet.counted() : Facet.rangeOnly();
        this.endTimestamp = removable ? Facet.counted() : Facet.rangeOnly();
        this.quality = removable ? Facet.counted() : Facet.rangeOnly();
        this.type = newValueFacet();
        this.group = newValueFacet();
        this.version = newValueFacet();
    }

    private Facet newValueFacet() {
        return removable ? Facet.counted() : Facet.scan();
    }

    /** Aggregates a set of sessions once; the result cannot remove sessions. */
    public static Facets over(Iterable<SessionValues> sessions) {
        Facets facets = new Facets(false);
        for (SessionValues session : sessions) {
            facets.add(session);
        }
        facets.finishTimeRanges();
        return facets;
    }

    public void add(SessionValues session) {
        sessions++;
        update(session, true);
    }

    public void remove(SessionValues session) {
        if (!removable) {
            throw new UnsupportedOperationException("scan aggregates cannot remove sessions");
        }
        sessions--;
        update(session, false);
    }

    private void update(SessionValues session, boolean add) {
        apply(timestamp, session.get(TIMESTAMP), add);
        if (removable) {
            apply(startTimestamp, session.timeRangeTimestamp(true), add);
            apply(endTimestamp, session.timeRangeTimestamp(false), add);
        } else {
            trackTimeRange(session);
        }
        apply(type, session.get(TYPE), add);
        apply(quality, session.get(QUALITY), add);
        apply(group, session.get(GROUP), add);
        apply(version, session.get(VERSION), add);
        updateDetails(session, add);
        updateExtIds(session, add);
    }

    /** Formatting start/end timestamps costs more than the rest of a scan, so only the extremes are. */
    private void trackTimeRange(SessionValues session) {
        if (!session.hasTimeRange()) {
            return;
        }
        track(0, session, session.timeRangeStart(), true);
        track(1, session, session.timeRangeStart(), false);
        track(2, session, session.timeRangeEnd(), true);
        track(3, session, session.timeRangeEnd(), false);
    }

    private void track(int slot, SessionValues session, long nanos, boolean lowest) {
        SessionValues current = timeRangeExtremes[slot];
        if (current == null) {
            timeRangeExtremes[slot] = session;
            return;
        }
        long best = slot < 2 ? current.timeRangeStart() : current.timeRangeEnd();
        int c = nanos != best ? Long.compare(nanos, best)
                : Value.ORDER.compare(session.timeRangeTimestamp(slot < 2), current.timeRangeTimestamp(slot < 2));
        if (lowest ? c < 0 : c > 0) {
            timeRangeExtremes[slot] = session;
        }
    }

    private void finishTimeRanges() {
        for (int slot = 0; slot < 4; slot++) {
            if (timeRangeExtremes[slot] != null) {
                (slot < 2 ? startTimestamp : endTimestamp).add(timeRangeExtremes[slot].timeRangeTimestamp(slot < 2));
            }
        }
    }

    private void updateDetails(SessionValues session, boolean add) {
        for (int i = 0; i < session.detailCount(); i++) {
            String key = session.detailKeyAt(i);
            Facet facet = add ? details.computeIfAbsent(key, k -> newValueFacet()) : details.get(key);
            if (facet != null) {
                apply(facet, session.detailAt(i), add);
                if (facet.isEmpty()) {
                    details.remove(key);
                }
            }
        }
    }

    private void updateExtIds(SessionValues session, boolean add) {
        for (int c = 0; c < session.extCategoryCount(); c++) {
            String name = session.extCategoryName(c);
            count(name, add);
            for (int i = 0; i < session.extDetailCount(c); i++) {
                count(name + "." + session.extDetailKey(c, i), add);
            }
        }
    }

    private void count(String id, boolean add) {
        extIds.merge(id, add ? 1 : -1, (n, delta) -> n + delta == 0 ? null : n + delta);
    }

    private static void apply(Facet facet, Value value, boolean add) {
        if (add) {
            facet.add(value);
        } else {
            facet.remove(value);
        }
    }

    /** How many sessions are aggregated. */
    public int sessionCount() {
        return sessions;
    }

    public Facet timestamp() {
        return timestamp;
    }

    public Facet startTimestamp() {
        return startTimestamp;
    }

    public Facet endTimestamp() {
        return endTimestamp;
    }

    public Facet type() {
        return type;
    }

    public Facet quality() {
        return quality;
    }

    public Facet group() {
        return group;
    }

    public Facet version() {
        return version;
    }

    /** Facets by details key, in key order. */
    public Map<String, Facet> details() {
        return Collections.unmodifiableNavigableMap(details);
    }

    /** The extDetails ids seen ("Category" and "Category.key"), in order. */
    public Set<String> extIds() {
        return Collections.unmodifiableNavigableMap(extIds).keySet();
    }
}
