package io.rta.topology.view;

import io.rta.events.SessionState;
import io.rta.topology.model.SessionValues;
import io.rta.topology.query.SessionQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which sessions a caller may see: everything ({@link #ALL}, auth off or no access policies), nothing ({@link #NONE},
 * policies are configured and none grants the caller anything), or the sessions any of its {@link Grant}s admits. A
 * grant admits a session that matches its query (RTA query dialect) and links into its folder sub-tree, either of
 * which may be absent (no condition).
 *
 * <p>Everything a session or its data can leak through asks here: lists and their pages, {@code GET} (an invisible
 * session is "not found"), folders (only those holding visible sessions), the metamodel (over visible sessions),
 * children and alternates links, data, the live stream and configs (only those a visible session binds).
 */
public final class Visibility {

    /** Every session: auth off, or no access policy configured. */
    public static final Visibility ALL = new Visibility(true, List.of());
    /** No session: policies are configured and none matches the caller. */
    public static final Visibility NONE = new Visibility(false, List.of());

    /**
     * What one access policy grants.
     *
     * @param query  sessions matching this query, or null for any
     * @param folder sessions linked into this folder's sub-tree (the folder included), or null for any
     */
    public record Grant(SessionQuery query, String folder) {

        /** Everything: a policy with neither a query nor a folder. */
        public boolean isAll() {
            return query == null && folder == null;
        }
    }

    private final boolean all;
    private final List<Grant> grants;

    private Visibility(boolean all, List<Grant> grants) {
        this.all = all;
        this.grants = List.copyOf(grants);
    }

    /** The union of what {@code grants} admit; {@link #ALL} when one grants everything, {@link #NONE} when empty. */
    public static Visibility of(List<Grant> grants) {
        if (grants.stream().anyMatch(Grant::isAll)) {
            return ALL;
        }
        return grants.isEmpty() ? NONE : new Visibility(false, grants);
    }

    /** Whether every session is visible (nothing to filter). */
    public boolean isAll() {
        return all;
    }

    public boolean isNone() {
        return !all && grants.isEmpty();
    }

    /**
     * The test of one request: folder sub-trees are resolved once, now, against {@code folders}. Null when every
     * session is visible (callers skip filtering).
     */
    public Predicate<SessionValues> predicate(FolderTree folders) {
        if (all) {
            return null;
        }
        if (grants.isEmpty()) {
            return session -> false;
        }
        List<Predicate<SessionValues>> tests = new ArrayList<>(grants.size());
        for (Grant grant : grants) {
            Set<String> scope = grant.folder() == null ? null : folders.subtree(grant.folder());
            SessionQuery query = grant.query();
            tests.add(session -> (scope == null || Pages.linksInto(session, scope))
                    && (query == null || query.matches(session)));
        }
        return session -> {
            for (Predicate<SessionValues> test : tests) {
                if (test.test(session)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Whether one session is visible. */
    public boolean sees(SessionState session, FolderTree folders) {
        Predicate<SessionValues> test = predicate(folders);
        return test == null || test.test(SessionValues.of(session));
    }

    /**
     * The session with the children and alternates it may not see taken out of its links (a copy; the session itself
     * when nothing is hidden), so a link does not tell that a hidden session exists.
     *
     * @param exists whether a linked identity names a session this caller may see
     */
    public SessionState withVisibleLinks(SessionState session, Predicate<String> exists) {
        if (all || (session.getChildren().isEmpty() && session.getAlternates().isEmpty())) {
            return session;
        }
        List<String> children = visible(session.getChildren(), exists);
        List<String> alternates = visible(session.getAlternates(), exists);
        if (children.size() == session.getChildren().size() && alternates.size() == session.getAlternates().size()) {
            return session;
        }
        return SessionState.newBuilder(session).setChildren(children).setAlternates(alternates).build();
    }

    private static List<String> visible(List<String> identities, Predicate<String> exists) {
        List<String> kept = new ArrayList<>(identities.size());
        for (String identity : identities) {
            if (exists.test(identity)) {
                kept.add(identity);
            }
        }
        return kept;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Visibility other && all == other.all && grants.equals(other.grants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(all, grants);
    }

    @Override
    public String toString() {
        return all ? "Visibility[all]" : grants.isEmpty() ? "Visibility[none]" : "Visibility" + grants;
    }
}
