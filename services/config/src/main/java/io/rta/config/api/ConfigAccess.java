package io.rta.config.api;

import io.rta.events.ConfigBinding;
import io.rta.topology.view.SessionCatalog;
import io.rta.topology.view.Visibility;

/**
 * Which configs a caller may read, by its {@link Visibility} (access policies): one decision for REST and gRPC.
 * A config it may not read is "not found", whether it is stored or not.
 */
@FunctionalInterface
public interface ConfigAccess {

    /** Anyone reads any config: no access policy. */
    ConfigAccess ANY = (identifier, visibility) -> true;

    boolean mayRead(String identifier, Visibility visibility);

    /** Everyone who sees every session reads any config; anyone else only configs a session it sees is bound to. */
    static ConfigAccess boundBy(SessionCatalog catalog) {
        return (identifier, visibility) -> visibility.isAll() || (!visibility.isNone()
                && catalog.anyVisible(visibility, session -> {
                    for (ConfigBinding binding : session.getConfigBindings()) {
                        if (binding.getIdentifier().equals(identifier)) {
                            return true;
                        }
                    }
                    return false;
                }));
    }
}
