package io.rta.topology.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.SessionState;
import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import io.rta.topology.query.Facets;
import io.rta.topology.query.Metamodel;
import io.rta.topology.query.PropertySummary;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe in-memory catalog of all sessions, written by one consumer thread ({@link #put},
 * {@link #remove}, or {@link #applyAll} per poll) and read by request threads. Indexes: an ordered set for the default order,
 * ordered sets for other sort keys (built on first use, least recently used dropped), members per
 * linked folder, reference counts for sub-sessions, and facets of the top-level sessions for the
 * whole-tree metamodel. One read-write lock gives every read a consistent state.
 *
 * <p>No read holds the lock for longer than copying references: a query's filter, sort and page (and a metamodel's
 * scans) run on a snapshot taken under the lock (the candidates in index order, with sub-sessions already resolved)
 * after releasing it, so an expensive query never holds up the writer ({@link #applyAll}, which acknowledged writes
 * wait for). The snapshot of an index is copied once per catalog version and shared by the readers of that version;
 * only the default page of everything (a walk of at most offset + page size entries, each a constant-time check)
 * runs under the lock, and building a missing sort index (once per key until evicted; it evaluates no query).
 */
public final class SessionCatalog {

    /** How many sort keys besides the default order keep an index (about 9 MB each per 100k sessions). */
    public static final int MAX_SORT_INDEXES = 8;

    private static final Logger LOG = LoggerFactory.getLogger(SessionCatalog.class);

    /** Timestamp descending (unparseable last), then identity: the same order as the default {@link SessionSort}. */
    static final Comparator<SessionValues> DEFAULT_ORDER = Comparator
            .comparing(SessionValues::timestampInstant, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(SessionValues::identity);

    /**
     * An ordered index walk for a folder scope of M of N sessions visits about limit * N / M entries
     * (testing each one's folder links); collecting the members visits M. Walk while that is at most
     * this many times cheaper than collecting.
     */
    private static final long WALK_COST_FACTOR = 4;

    private final FolderTree folders;
    /** Fair, so that a busy consumer thread cannot keep barging ahead of waiting readers. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    /** Written under the write lock; {@link #get(String)} reads it without the lock. */
    private final Map<String, SessionValues> byIdentity = new ConcurrentHashMap<>();
    private final NavigableSet<SessionValues> byTimestamp = new TreeSet<>(DEFAULT_ORDER);
    /** Sessions by each folder they link to, whether or not that folder exists. */
    private final Map<String, Set<SessionValues>> byFolder = new HashMap<>();
    /** For each identity, how many other sessions list it in children or alternates. */
    private final Map<String, Integer> referenceCounts = new HashMap<>();
    /** The stored sessions that are referenced, by object identity: readers test it without touching strings. */
    private final Set<SessionValues> subSessions = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Facets of the top-level (listed) sessions. */
    private final Facets facets = new Facets();
    /** Created by readers (under the read lock, so no writer runs meanwhile), maintained by writers. */
    private final ConcurrentMap<PropertyRef, SortIndex> sortIndexes = new ConcurrentHashMap<>();
    /** Counts changes (written under the write lock): snapshots are shared while it stays the same. */
    private long version;
    /** The default order as arrays, for the version it was copied at (built by readers under the read lock). */
    private volatile Ordered ordered;

    /** Every session in the default order, and the top-level ones only, as of a version; never written after. */
    private record Ordered(long version, SessionValues[] all, SessionValues[] topLevel) {
        SessionValues[] of(boolean includeSubSessions) {
            return includeSubSessions ? all : topLevel;
        }
    }

    public SessionCatalog(FolderTree folders) {
        this.folders = folders;
    }

    /**
     * Adds or replaces a session. The catalog keeps the object and makes it smaller ({@link CompactStates}): callers
     * must not change it afterwards (copy it to start a change: {@code SessionState.newBuilder(state)}).
     */
    public void put(SessionState session) {
        SessionValues next = SessionValues.of(CompactStates.compact(session));
        lock.writeLock().lock();
        try {
            putLocked(next);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a session; removing one that is absent does nothing. */
    public void remove(String identity) {
        lock.writeLock().lock();
        try {
            removeLocked(identity);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Applies a batch (e.g. one consumer poll, last record per identity) under one lock acquisition,
     * so that readers holding the lock delay a batch rather than every single record. A null state
     * removes the session. The catalog keeps the states, as {@link #put} does.
     */
    public void applyAll(Map<String, SessionState> changes) {
        List<SessionValues> wrapped = new ArrayList<>(changes.size());
        changes.values().forEach(state -> wrapped.add(state == null ? null
                : SessionValues.of(CompactStates.compact(state))));
        lock.writeLock().lock();
        try {
            int i = 0;
            for (String identity : changes.keySet()) {
                SessionValues next = wrapped.get(i++);
                if (next == null) {
                    removeLocked(identity);
                } else {
                    putLocked(next);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void putLocked(SessionValues next) {
        version++;
        SessionValues previous = byIdentity.put(next.identity(), next);
        if (previous != null) {
            unindex(previous);
        }
        index(next);
        updateReferences(previous, next);
    }

    private void removeLocked(String identity) {
        version++;
        SessionValues previous = byIdentity.remove(identity);
        if (previous != null) {
            unindex(previous);
            updateReferences(previous, null);
        }
    }

    /**
     * The stored session, without taking the lock (a writer's dry run calls it on the transport's thread, which must
     * not wait for a long read such as a sort index being built): the latest state applied for this identity.
     */
    public Optional<SessionState> get(String identity) {
        SessionValues values = byIdentity.get(identity);
        return values == null ? Optional.empty() : Optional.of(values.session());
    }

    /** About how many bytes the stored session takes ({@link SessionValues#approximateBytes}); 0 when absent. */
    public long approximateBytes(String identity) {
        SessionValues values = byIdentity.get(identity);
        return values == null ? 0 : values.approximateBytes();
    }

    /** The session when it exists and {@code visibility} admits it: an invisible session is as good as absent. */
    public Optional<SessionState> get(String identity, Visibility visibility) {
        Optional<SessionState> session = get(identity);
        return visibility.isAll() || session.isEmpty() || visibility.sees(session.get(), folders) ? session
                : Optional.empty();
    }

    /**
     * Whether a session {@code visibility} admits passes {@code test} (a scan of every session, sub-sessions included,
     * outside the lock; callers with {@link Visibility#ALL} should not need it).
     */
    public boolean anyVisible(Visibility visibility, Predicate<SessionState> test) {
        Predicate<SessionValues> visible = visibility.predicate(folders);
        SessionValues[] all;
        lock.readLock().lock();
        try {
            all = ordered().all();
        } finally {
            lock.readLock().unlock();
        }
        for (SessionValues session : all) {
            if ((visible == null || visible.test(session)) && test.test(session.session())) {
                return true;
            }
        }
        return false;
    }

    /** The folders the sessions {@code visibility} admits link to (sub-sessions included). */
    public Set<String> linkedFolders(Visibility visibility) {
        Predicate<SessionValues> visible = visibility.predicate(folders);
        SessionValues[] all;
        lock.readLock().lock();
        try {
            all = ordered().all();
        } finally {
            lock.readLock().unlock();
        }
        Set<String> linked = new HashSet<>();
        for (SessionValues session : all) {
            if (visible == null || visible.test(session)) {
                linked.addAll(session.folders());
            }
        }
        return linked;
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

    /**
     * One page of the sessions in the folder sub-tree that match the query, in the requested order. Under the lock
     * only the candidates are taken (references, copied once per version); the query is evaluated after.
     */
    public List<SessionState> list(ListRequest request) {
        Set<String> scope = scope(request.folder());
        if (scope != null && scope.isEmpty()) {
            return List.of();
        }
        Supplier<List<SessionState>> page;
        lock.readLock().lock();
        try {
            if (scope == null && request.sort().isDefault() && request.query().matchesAll()) {
                return fromIndex(request);
            }
            page = plan(request, scope);
        } finally {
            lock.readLock().unlock();
        }
        return page.get();
    }

    /**
     * {@link #list(ListRequest)} over the sessions {@code visibility} admits only: the page, its offsets and every
     * sort see the others as absent.
     */
    public List<SessionState> list(ListRequest request, Visibility visibility) {
        if (visibility.isAll()) {
            return list(request);
        }
        if (visibility.isNone()) {
            return List.of();
        }
        Predicate<SessionValues> visible = visibility.predicate(folders);
        SessionQuery query = request.query();
        return list(request.withQuery(SessionQuery.where(query + " within " + visibility,
                session -> visible.test(session) && query.matches(session))));
    }

    /** Takes what the request ranks (under the read lock) and returns the ranking to run after it is released. */
    private Supplier<List<SessionState>> plan(ListRequest request, Set<String> scope) {
        Predicate<SessionValues> filter = Pages.both(request.query().matchesAll() ? null : request.query()::matches,
                scope == null ? null : session -> Pages.linksInto(session, scope));
        if (scope != null && !isWalkCheaper(request, scope)) {
            List<SessionValues> members = members(scope);
            if (!request.includeSubSessions()) {
                members = topLevel(members);
            }
            List<SessionValues> candidates = members;
            Predicate<SessionValues> query = request.query().matchesAll() ? null : request.query()::matches;
            return () -> Pages.topK(candidates, request, query);
        }
        SessionValues[] candidates = ordered().of(request.includeSubSessions());
        if (request.sort().isDefault()) {
            return () -> Pages.fromOrdered(candidates, request, filter);
        }
        SessionSort.Key first = request.sort().keys().get(0);
        SortIndex.Entry[] entries = sortIndex(first.property())
                .entries(version, request.includeSubSessions(), this::isTopLevel);
        return () -> Pages.fromSortIndex(entries, first, candidates, request, filter);
    }

    /**
     * The default order as arrays, copied at most once per version (call under the read lock): one walk of the index
     * fills both arrays, so the lock is held for one pass over the references.
     */
    private Ordered ordered() {
        Ordered current = ordered;
        if (current == null || current.version() != version) {
            SessionValues[] all = new SessionValues[byTimestamp.size()];
            SessionValues[] top = subSessions.isEmpty() ? all : new SessionValues[all.length];
            int n = 0;
            int t = 0;
            for (SessionValues session : byTimestamp) {
                all[n++] = session;
                if (top != all && isTopLevel(session)) {
                    top[t++] = session;
                }
            }
            current = new Ordered(version, all, top == all || t == all.length ? all : Arrays.copyOf(top, t));
            ordered = current;
        }
        return current;
    }

    /**
     * The SessionMetamodel JSON of the top-level sessions in a folder sub-tree (null or "" = whole tree). The
     * whole tree's aggregated facets are read under the lock; scans (a folder's facets, requested extDetails) run
     * after it is released.
     */
    public ObjectNode metamodel(String folder, Collection<String> props) {
        Set<String> scope = scope(folder);
        ObjectNode root;
        List<SessionValues> scanned;
        lock.readLock().lock();
        try {
            if (scope == null) {
                root = Metamodel.render(facets, List.of(), List.of());
                scanned = props == null || props.isEmpty() ? List.of() : Arrays.asList(ordered().topLevel());
            } else {
                root = null;
                scanned = topLevel(members(scope));
            }
        } finally {
            lock.readLock().unlock();
        }
        if (root == null) {
            return Metamodel.render(Facets.over(scanned), scanned, props);
        }
        root.set(Metamodel.EXT_DETAILS, Metamodel.extDetails(scanned, props));
        return root;
    }

    /** {@link #metamodel(String, Collection)} over the top-level sessions {@code visibility} admits only. */
    public ObjectNode metamodel(String folder, Collection<String> props, Visibility visibility) {
        if (visibility.isAll()) {
            return metamodel(folder, props);
        }
        List<SessionValues> scanned = visibleTopLevel(folder, visibility);
        return Metamodel.render(Facets.over(scanned), scanned, props);
    }

    /** {@link #properties(String, String)} over the top-level sessions {@code visibility} admits only. */
    public List<PropertySummary> properties(String partial, String folder, Visibility visibility) {
        if (visibility.isAll()) {
            return properties(partial, folder);
        }
        return Metamodel.properties(Facets.over(visibleTopLevel(folder, visibility)), partial);
    }

    private List<SessionValues> visibleTopLevel(String folder, Visibility visibility) {
        Set<String> scope = scope(folder);
        Predicate<SessionValues> visible = visibility.predicate(folders);
        List<SessionValues> candidates;
        lock.readLock().lock();
        try {
            candidates = scope == null ? Arrays.asList(ordered().topLevel()) : topLevel(members(scope));
        } finally {
            lock.readLock().unlock();
        }
        List<SessionValues> kept = new ArrayList<>();
        for (SessionValues session : candidates) {
            if (visible.test(session)) {
                kept.add(session);
            }
        }
        return kept;
    }

    /** Metamodel discovery in a folder sub-tree: see {@link Metamodel#properties(Facets, String)}. */
    public List<PropertySummary> properties(String partial, String folder) {
        Set<String> scope = scope(folder);
        List<SessionValues> members;
        lock.readLock().lock();
        try {
            if (scope == null) {
                return Metamodel.properties(facets, partial);
            }
            members = topLevel(members(scope));
        } finally {
            lock.readLock().unlock();
        }
        return Metamodel.properties(Facets.over(members), partial);
    }

    /** The folder identities in scope, or null for the whole tree (no folder, or the root). */
    private Set<String> scope(String folder) {
        return folder == null || folder.isEmpty() ? null : folders.subtree(folder);
    }

    /** Whether walking an ordered index beats collecting and ranking the members of a folder scope. */
    private boolean isWalkCheaper(ListRequest request, Set<String> scope) {
        long members = 0;
        for (String folder : scope) {
            members += byFolder.getOrDefault(folder, Set.of()).size();
        }
        // in double: limit() may be near 2^44 (pageIndex x MaxPageSize), times the catalog size
        return members > 0
                && (double) request.limit() * byIdentity.size() <= (double) WALK_COST_FACTOR * members * members;
    }

    /**
     * The default page of everything: walks the default-order index under the lock, stopping after offset + page size
     * listed sessions (each step a constant-time check), so the first pages cost next to nothing.
     */
    private List<SessionState> fromIndex(ListRequest request) {
        return Pages.fromOrdered(byTimestamp, request,
                session -> request.includeSubSessions() || isTopLevel(session));
    }

    /** The index for a sort key, built on first use; the least recently used one goes beyond the limit. */
    private SortIndex sortIndex(PropertyRef property) {
        SortIndex index = sortIndexes.get(property);
        if (index == null) {
            if (sortIndexes.size() >= MAX_SORT_INDEXES) {
                evictLeastRecentlyUsed();
            }
            index = sortIndexes.computeIfAbsent(property, this::buildSortIndex);
        }
        index.touch(System.nanoTime());
        return index;
    }

    private SortIndex buildSortIndex(PropertyRef property) {
        long start = System.nanoTime();
        SortIndex index = SortIndex.build(property, byIdentity.values());
        LOG.info("Built the sort index for {} over {} sessions in {} ms", property.key(), byIdentity.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return index;
    }

    private void evictLeastRecentlyUsed() {
        sortIndexes.entrySet().stream()
                .min(Comparator.comparingLong(e -> e.getValue().lastUsed()))
                .ifPresent(e -> sortIndexes.remove(e.getKey(), e.getValue()));
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
        for (String folder : session.folders()) {
            if (scope.contains(folder)) {
                return folder;
            }
        }
        return "";
    }

    private boolean isTopLevel(SessionValues session) {
        return subSessions.isEmpty() || !subSessions.contains(session);
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
        sortIndexes.values().forEach(index -> index.add(session));
        for (String folder : new LinkedHashSet<>(session.folders())) {
            byFolder.computeIfAbsent(folder, f -> new HashSet<>()).add(session);
        }
        if (referenceCounts.containsKey(session.identity())) {
            subSessions.add(session);
        } else {
            facets.add(session);
        }
    }

    private void unindex(SessionValues session) {
        byTimestamp.remove(session);
        sortIndexes.values().forEach(index -> index.remove(session));
        for (String folder : session.folders()) {
            Set<SessionValues> members = byFolder.get(folder);
            if (members != null && members.remove(session) && members.isEmpty()) {
                byFolder.remove(folder);
            }
        }
        if (!subSessions.remove(session)) {
            facets.remove(session);
        }
    }

    /** Applies the change in a session's children and alternates to the reference counts of the others. */
    private void updateReferences(SessionValues previous, SessionValues next) {
        if (!hasReferences(previous) && !hasReferences(next)) {
            return; // most sessions relate to none: no sets to build
        }
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
        if (referenceCounts.merge(identity, 1, Integer::sum) == 1) {
            SessionValues session = byIdentity.get(identity);
            if (session != null) {
                facets.remove(session);
                subSessions.add(session);
            }
        }
    }

    private void release(String identity) {
        if (referenceCounts.computeIfPresent(identity, (id, n) -> n == 1 ? null : n - 1) == null) {
            SessionValues session = byIdentity.get(identity);
            if (session != null && subSessions.remove(session)) {
                facets.add(session);
            }
        }
    }

    private static boolean hasReferences(SessionValues session) {
        return session != null
                && !(session.session().getChildren().isEmpty() && session.session().getAlternates().isEmpty());
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
}
