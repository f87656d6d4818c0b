package io.rta.topology.query;

import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.SessionState;
import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The aggregates behind a metamodel: one {@link Facet} per built-in property and per details key,
 * and the extDetails property ids seen. Sessions can be added and removed, so the catalog keeps one
 * up to date instead of scanning. Not thread-safe: the owner guards it.
 */
public final class Facets {

    private static final PropertyRef TIMESTAMP = PropertyRef.parse("timestamp");
    private static final PropertyRef TYPE = PropertyRef.parse("type");
    private static final PropertyRef QUALITY = PropertyRef.parse("quality");
    private static final PropertyRef GROUP = PropertyRef.parse("group");
    private static final PropertyRef VERSION = PropertyRef.parse("version");

    private final Facet timestamp = new Facet();
    private final Facet startTimestamp = new Facet();
    private final Facet endTimestamp = new Facet();
    private final Facet type = new Facet();
    private final Facet quality = new Facet();
    private final Facet group = new Facet();
    private final Facet version = new Facet();
    private final NavigableMap<String, Facet> details = new TreeMap<>();
    /** Counts of "Category" and "Category.key" ids under extDetails. */
    private final NavigableMap<String, Integer> extIds = new TreeMap<>();
    private int sessions;

    /** Aggregates a set of sessions. */
    public static Facets over(Iterable<SessionValues> sessions) {
        Facets facets = new Facets();
        for (SessionValues session : sessions) {
            facets.add(session);
        }
        return facets;
    }

    public void add(SessionValues session) {
        sessions++;
        update(session, true);
    }

    public void remove(SessionValues session) {
        sessions--;
        update(session, false);
    }

    private void update(SessionValues session, boolean add) {
        apply(timestamp, session.get(TIMESTAMP), add);
        apply(startTimestamp, session.timeRangeTimestamp(true), add);
        apply(endTimestamp, session.timeRangeTimestamp(false), add);
        apply(type, session.get(TYPE), add);
        apply(quality, session.get(QUALITY), add);
        apply(group, session.get(GROUP), add);
        apply(version, session.get(VERSION), add);
        updateDetails(session, add);
        updateExtIds(session.session(), add);
    }

    private void updateDetails(SessionValues session, boolean add) {
        List<Detail> list = session.session().getDetails();
        for (int i = 0; i < list.size(); i++) {
            String key = list.get(i).getKey();
            Facet facet = add ? details.computeIfAbsent(key, k -> new Facet()) : details.get(key);
            if (facet != null) {
                apply(facet, session.detailAt(i), add);
                if (facet.isEmpty()) {
                    details.remove(key);
                }
            }
        }
    }

    private void updateExtIds(SessionState session, boolean add) {
        for (DetailCategory category : session.getExtDetails()) {
            count(category.getName(), add);
            for (Detail detail : category.getDetails()) {
                count(category.getName() + "." + detail.getKey(), add);
            }
        }
    }

    private void count(String id, boolean add) {
        extIds.merge(id, add ? 1 : -1, (n, delta) -> n + delta == 0 ? null : n + delta);
    }

    private static void apply(Facet facet, io.rta.topology.model.Value value, boolean add) {
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
    public java.util.Set<String> extIds() {
        return Collections.unmodifiableNavigableMap(extIds).keySet();
    }
}
