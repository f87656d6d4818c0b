package io.rta.topology.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.SessionState;
import io.rta.topology.model.SessionValues;
import io.rta.topology.model.Value;
import io.rta.topology.query.Facets;
import io.rta.topology.query.Metamodel;
import io.rta.topology.query.PropertySummary;
import io.rta.topology.query.SessionSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Thread-safe in-memory catalog of all sessions, written by one consumer thread ({@link #put},
 * {@link #remove}) and read by request threads. Indexes: an ordered set for the default order,
 * members per linked folder, reference counts for sub-sessions, and facets of the top-level
 * sessions for the whole-tree metamodel. One read-write lock gives every read a consistent state.
 */
public final class SessionCatalog {

    /** Timestamp descending (unparseable last), then identity: the same order as the default {@link SessionSort}. */
    static final Comparator<SessionValues> DEFAULT_ORDER = Comparator
            .comparing(SessionValues::timestampInstant, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(SessionValues::identity);

    /** Above this share of all sessions, a folder scope in default order is read off the ordered index. */
    private static final int INDEX_SCAN_DIVISOR = 8;

    private final FolderTree folders;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, SessionValues> byIdentity = new HashMap<>();
    private final NavigableSet<SessionValues> byTimestamp = new TreeSet<>(DEFAULT_ORDER);
    /** Sessions by each folder they link to, whether or not that folder exists. */
    private final Map<String, Set<SessionValues>> byFolder = new HashMap<>();
    /** For each identity, how many other sessions list it in children or alternates. */
    private final Map<String, Integer> referenceCounts = new HashMap<>();
    /** Facets of the top-level (listed) sessions. */
    private final Facets facets = new Facets();

    public SessionCatalog(FolderTree folders) {
        this.folders = folders;
    }

    /** Adds or replaces a session. The catalog keeps the object: callers must not change it afterwards. */
    public void put(SessionState session) {
        SessionValues next = SessionValues.of(session);
        lock.writeLock().lock();
        try {
            SessionValues previous = byIdentity.put(next.identity(), next);
            if (previous != null) {
                unindex(previous);
            }
            index(next);
            updateReferences(previous, next);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a session; removing one that is absent does nothing. */
    public void remove(String identity) {
        lock.writeLock().lock();
        try {
            SessionValues previous = byIdentity.remove(identity);
            if (previous != null) {
                unindex(previous);
                updateReferences(previous, null);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<SessionState> get(String identity) {
        lock.readLock().lock();
        try {
            SessionValues values = byIdentity.get(identity);
            return values == null ? Optional.empty() : Optional.of(values.session());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many sessions are stored, sub-sessions included. */
    public int size() {
        lock.readLock().lock();
        try {
            return byIdentity.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One page of the sessions in the folder sub-tree that match the query, in the requested order. */
    public List<SessionState> list(ListRequest request) {
        Set<String> scope = scope(request.folder());
        lock.readLock().lock();
        try {
            Predicate<SessionValues> filter = filter(request);
            if (scope == null || scope.isEmpty()) {
                return scope == null ? listAll(request, filter) : List.of();
            }
            List<SessionValues> members = members(scope);
            if (request.sort().isDefault() && members.size() > byIdentity.size() / INDEX_SCAN_DIVISOR) {
                Set<SessionValues> inScope = new HashSet<>(members);
                return fromIndex(request, filter.and(inScope::contains));
            }
            return topK(members, request, filter);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The SessionMetamodel JSON of the top-level sessions in a folder sub-tree (null or "" = whole tree). */
    public ObjectNode metamodel(String folder, Collection<String> props) {
        Set<String> scope = scope(folder);
        lock.readLock().lock();
        try {
            if (scope == null) {
                return Metamodel.render(facets, topLevel(byIdentity.values()), props);
            }
            List<SessionValues> members = topLevel(members(scope));
            return Metamodel.render(Facets.over(members), members, props);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Metamodel discovery: properties whose id contains {@code partial}, case-insensitive, sorted by id. */
    public List<PropertySummary> properties(String partial, String folder) {
        Set<String> scope = scope(folder);
        lock.readLock().lock();
        try {
            Facets source = scope == null ? facets : Facets.over(topLevel(members(scope)));
            return Metamodel.properties(source, partial);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The folder identities in scope, or null for the whole tree (no folder, or the root). */
    private Set<String> scope(String folder) {
        return folder == null || folder.isEmpty() ? null : folders.subtree(folder);
    }

    private Predicate<SessionValues> filter(ListRequest request) {
        Predicate<SessionValues> visible = request.includeSubSessions() ? s -> true : this::isTopLevel;
        return request.query().matchesAll() ? visible : visible.and(request.query()::matches);
    }

    private List<SessionState> listAll(ListRequest request, Predicate<SessionValues> filter) {
        if (request.offset() >= byIdentity.size()) {
            return List.of();
        }
        return request.sort().isDefault() ? fromIndex(request, filter) : topK(byIdentity.values(), request, filter);
    }

    /** Walks the default-order index, so the first pages stop early. */
    private List<SessionState> fromIndex(ListRequest request, Predicate<SessionValues> filter) {
        List<SessionState> page = new ArrayList<>();
        long skip = request.offset();
        for (SessionValues session : byTimestamp) {
            if (filter.test(session)) {
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

    /** Keeps the best (pageIndex + 1) * pageSize candidates in a bounded heap, then cuts the page out. */
    private List<SessionState> topK(Collection<SessionValues> candidates, ListRequest request,
                                    Predicate<SessionValues> filter) {
        long limit = Math.min(request.limit(), candidates.size());
        if (request.offset() >= limit) {
            return List.of();
        }
        SessionSort sort = request.sort();
        Comparator<Ranked> order = sort.isDefault()
                ? Comparator.comparing(Ranked::session, DEFAULT_ORDER)
                : ((Comparator<Ranked>) (a, b) -> sort.compareExtracted(a.keys(), b.keys()))
                        .thenComparing(r -> r.session().identity());
        PriorityQueue<Ranked> heap = new PriorityQueue<>((int) limit + 1, order.reversed());
        for (SessionValues session : candidates) {
            if (filter.test(session)) {
                offer(heap, new Ranked(session, sort.isDefault() ? null : sort.extract(session)), limit, order);
            }
        }
        List<Ranked> best = new ArrayList<>(heap);
        best.sort(order);
        List<SessionState> page = new ArrayList<>();
        for (int i = (int) request.offset(); i < best.size(); i++) {
            page.add(best.get(i).session().session());
        }
        return page;
    }

    private static void offer(PriorityQueue<Ranked> heap, Ranked candidate, long limit, Comparator<Ranked> order) {
        if (heap.size() < limit) {
            heap.add(candidate);
        } else if (order.compare(candidate, heap.peek()) < 0) {
            heap.poll();
            heap.add(candidate);
        }
    }

    /** The sessions linked to any folder in scope, each once. Links to missing folders never match. */
    private List<SessionValues> members(Set<String> scope) {
        List<SessionValues> members = new ArrayList<>();
        for (String folder : scope) {
            for (SessionValues session : byFolder.getOrDefault(folder, Set.of())) {
                if (firstLinkInScope(session, scope).equals(folder)) {
                    members.add(session);
                }
            }
        }
        return members;
    }

    private static String firstLinkInScope(SessionValues session, Set<String> scope) {
        for (String folder : session.session().getFolders()) {
            if (scope.contains(folder)) {
                return folder;
            }
        }
        return "";
    }

    private boolean isTopLevel(SessionValues session) {
        return !referenceCounts.containsKey(session.identity());
    }

    private List<SessionValues> topLevel(Collection<SessionValues> sessions) {
        List<SessionValues> top = new ArrayList<>(sessions.size());
        for (SessionValues session : sessions) {
            if (isTopLevel(session)) {
                top.add(session);
            }
        }
        return top;
    }

    private void index(SessionValues session) {
        byTimestamp.add(session);
        for (String folder : new LinkedHashSet<>(session.session().getFolders())) {
            byFolder.computeIfAbsent(folder, f -> new HashSet<>()).add(session);
        }
        if (isTopLevel(session)) {
            facets.add(session);
        }
    }

    private void unindex(SessionValues session) {
        byTimestamp.remove(session);
        for (String folder : session.session().getFolders()) {
            Set<SessionValues> members = byFolder.get(folder);
            if (members != null && members.remove(session) && members.isEmpty()) {
                byFolder.remove(folder);
            }
        }
        if (isTopLevel(session)) {
            facets.remove(session);
        }
    }

    /** Applies the change in a session's children and alternates to the reference counts of the others. */
    private void updateReferences(SessionValues previous, SessionValues next) {
        Set<String> before = references(previous);
        Set<String> after = references(next);
        for (String identity : before) {
            if (!after.contains(identity)) {
                release(identity);
            }
        }
        for (String identity : after) {
            if (!before.contains(identity)) {
                acquire(identity);
            }
        }
    }

    private void acquire(String identity) {
        SessionValues session = byIdentity.get(identity);
        if (session != null && isTopLevel(session)) {
            facets.remove(session);
        }
        referenceCounts.merge(identity, 1, Integer::sum);
    }

    private void release(String identity) {
        referenceCounts.computeIfPresent(identity, (id, n) -> n == 1 ? null : n - 1);
        SessionValues session = byIdentity.get(identity);
        if (session != null && isTopLevel(session)) {
            facets.add(session);
        }
    }

    private static Set<String> references(SessionValues session) {
        if (session == null) {
            return Set.of();
        }
        Set<String> references = new HashSet<>(session.session().getChildren());
        references.addAll(session.session().getAlternates());
        references.remove(session.identity());
        return references;
    }

    /** A candidate with its extracted sort values (null in the default order, which needs none). */
    private record Ranked(SessionValues session, Value[] keys) {
    }
}
