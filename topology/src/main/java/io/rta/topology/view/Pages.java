package io.rta.topology.view;

import io.rta.events.SessionState;
import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import io.rta.topology.query.SessionSort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Filters, orders and pages candidates the catalog copied out under its lock. Runs without the lock: everything it
 * reads is immutable ({@link SessionValues}, arrays no one writes after they are published), so an expensive query
 * costs its own thread time and never holds up the view's writer.
 */
final class Pages {

    private Pages() {
    }

    /** The page of {@code ordered} (already in the requested order) that passes the filter (null: everything). */
    static List<SessionState> fromOrdered(SessionValues[] ordered, ListRequest request,
                                          Predicate<SessionValues> filter) {
        return fromOrdered(java.util.Arrays.asList(ordered), request, filter);
    }

    /** The page of {@code ordered} (in order) that passes {@code filter} (null: every one); stops when it is full. */
    static List<SessionState> fromOrdered(Iterable<SessionValues> ordered, ListRequest request,
                                          Predicate<SessionValues> filter) {
        List<SessionState> page = new ArrayList<>();
        long skip = request.offset();
        for (SessionValues session : ordered) {
            if (filter == null || filter.test(session)) {
                if (skip > 0) {
                    skip--;
                } else {
                    page.add(session.session());
                    if (page.size() == request.pageSize()) {
                        break;
                    }
                }
            }
        }
        return page;
    }

    /**
     * Walks the index entries of the first sort key (ascending; read backwards when descending) group by group (a
     * group shares that key's value and is ordered by the other keys and identity), then the candidates without a
     * value, until the page is full.
     */
    static List<SessionState> fromSortIndex(SortIndex.Entry[] entries, SessionSort.Key first,
                                            SessionValues[] candidates, ListRequest request,
                                            Predicate<SessionValues> filter) {
        PageBuilder page = new PageBuilder(request);
        if (request.sort().keys().size() == 1 && !first.descending()) {
            // One ascending key: the index is ordered by value then identity, which is the page's order already, so
            // nothing is ranked (a group of equal values may hold a fifth of a large catalog).
            for (int n = 0; n < entries.length && !page.isFull(); n++) {
                if (filter == null || filter.test(entries[n].session())) {
                    page.addInOrder(entries[n].session());
                }
            }
            if (!page.isFull()) {
                page.addGroup(withoutValue(candidates, first.property(), filter));
            }
            return page.sessions();
        }
        List<SessionValues> group = new ArrayList<>();
        Value groupValue = null;
        for (int n = 0; n < entries.length && !page.isFull(); n++) {
            SortIndex.Entry entry = entries[first.descending() ? entries.length - 1 - n : n];
            if (groupValue != null && SessionSort.compareValues(entry.value(), groupValue) != 0) {
                page.addGroup(group);
                group.clear();
            }
            groupValue = entry.value();
            if (filter == null || filter.test(entry.session())) {
                group.add(entry.session());
            }
        }
        page.addGroup(group);
        if (!page.isFull()) {
            page.addGroup(withoutValue(candidates, first.property(), filter));
        }
        return page.sessions();
    }

    /** Orders all matching candidates through a bounded heap: for small folder scopes and deep pages. */
    static List<SessionState> topK(Collection<SessionValues> candidates, ListRequest request,
                                   Predicate<SessionValues> filter) {
        List<SessionValues> matching = new ArrayList<>();
        for (SessionValues session : candidates) {
            if (filter == null || filter.test(session)) {
                matching.add(session);
            }
        }
        PageBuilder page = new PageBuilder(request);
        page.addGroup(matching);
        return page.sessions();
    }

    /** Whether any of the session's folder links is in scope. */
    static boolean linksInto(SessionValues session, Set<String> scope) {
        for (String folder : session.folders()) {
            if (scope.contains(folder)) {
                return true;
            }
        }
        return false;
    }

    /** Both filters (either may be null: no filter). */
    static Predicate<SessionValues> both(Predicate<SessionValues> a, Predicate<SessionValues> b) {
        return a == null ? b : b == null ? a : a.and(b);
    }

    private static List<SessionValues> withoutValue(SessionValues[] candidates, PropertyRef property,
                                                    Predicate<SessionValues> filter) {
        List<SessionValues> missing = new ArrayList<>();
        for (SessionValues session : candidates) {
            if (SessionSort.sortValue(session, property) == null && (filter == null || filter.test(session))) {
                missing.add(session);
            }
        }
        return missing;
    }
}
