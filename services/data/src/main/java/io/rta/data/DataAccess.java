package io.rta.data;

import io.rta.events.DataBinding;
import io.rta.events.SessionState;
import io.rta.topology.view.SessionCatalog;
import io.rta.topology.view.Visibility;
import java.util.function.Predicate;

/**
 * Which data a caller may read, by the identity a read names and the caller's {@link Visibility} (access policies):
 * one decision for REST and gRPC reads, on the server and the data service.
 */
@FunctionalInterface
public interface DataAccess {

    /** Anyone reads anything: a data service without access policies (it has no session catalog). */
    DataAccess ANY = (identity, visibility) -> true;

    boolean mayRead(String identity, Visibility visibility);

    /** By whether a session of the identity exists, whoever asks (tests). */
    static DataAccess ofSessions(Predicate<String> exists) {
        return (identity, visibility) -> exists.test(identity);
    }

    /** A session's data: the session exists and the caller may see it. */
    static DataAccess sessions(SessionCatalog catalog) {
        return (identity, visibility) -> catalog.get(identity, visibility).isPresent();
    }

    /**
     * Data by data identity: anyone who sees every session reads any identity; anyone else only identities a session
     * it sees is bound to (a data binding's identity, or the session's own identity where data is stored under it).
     */
    static DataAccess boundIdentities(SessionCatalog catalog) {
        return (identity, visibility) -> visibility.isAll()
                || (!visibility.isNone() && catalog.anyVisible(visibility, session -> binds(session, identity)));
    }

    private static boolean binds(SessionState session, String identity) {
        if (session.getIdentity().equals(identity)) {
            return true;
        }
        for (DataBinding binding : session.getDataBindings()) {
            if (binding.getKey().getIdentity().equals(identity)) {
                return true;
            }
        }
        return false;
    }
}
