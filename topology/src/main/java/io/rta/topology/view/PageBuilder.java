package io.rta.topology.view;

import io.rta.events.SessionState;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import io.rta.topology.query.SessionSort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Fills one page from groups of sessions that arrive in order (each group unordered inside). */
final class PageBuilder {

    private final ListRequest request;
    private final List<SessionState> page = new ArrayList<>();
    private long skip;

    PageBuilder(ListRequest request) {
        this.request = request;
        this.skip = request.offset();
    }

    boolean isFull() {
        return page.size() >= request.pageSize();
    }

    /** Adds the group's share of the page, ordering only as much of the group as the page needs. */
    void addGroup(List<SessionValues> group) {
        if (isFull() || group.isEmpty()) {
            return;
        }
        if (group.size() <= skip) {
            skip -= group.size();
            return;
        }
        long needed = skip + request.pageSize() - page.size();
        List<SessionValues> ordered = smallest(group, (int) Math.min(needed, group.size()), request.sort());
        for (int i = (int) skip; i < ordered.size() && !isFull(); i++) {
            page.add(ordered.get(i).session());
        }
        skip = 0;
    }

    /** Adds one session that comes after every session added so far in the page's order. */
    void addInOrder(SessionValues session) {
        if (isFull()) {
            return;
        }
        if (skip > 0) {
            skip--;
        } else {
            page.add(session.session());
        }
    }

    List<SessionState> sessions() {
        return page;
    }

    /** The k first sessions of a group in sort order, through a bounded heap (sort values extracted once). */
    private static List<SessionValues> smallest(List<SessionValues> group, int k, SessionSort sort) {
        if (group.size() == 1) {
            return group;
        }
        Comparator<Ranked> order = sort.isDefault()
                ? Comparator.comparing(Ranked::session, SessionCatalog.DEFAULT_ORDER)
                : ((Comparator<Ranked>) (a, b) -> sort.compareExtracted(a.keys(), b.keys()))
                        .thenComparing(r -> r.session().identity());
        PriorityQueue<Ranked> heap = new PriorityQueue<>(k + 1, order.reversed());
        for (SessionValues session : group) {
            Ranked candidate = new Ranked(session, sort.isDefault() ? null : sort.extract(session));
            if (heap.size() < k) {
                heap.add(candidate);
            } else if (order.compare(candidate, heap.peek()) < 0) {
                heap.poll();
                heap.add(candidate);
            }
        }
        List<Ranked> best = new ArrayList<>(heap);
        best.sort(order);
        List<SessionValues> sessions = new ArrayList<>(best.size());
        best.forEach(r -> sessions.add(r.session()));
        return sessions;
    }

    /** A candidate with its extracted sort values (null in the default order, which needs none). */
    private record Ranked(SessionValues session, Value[] keys) {
    }
}
