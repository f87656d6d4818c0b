package io.rta.service.view;

import io.rta.events.SessionState;
import java.util.Map;

/**
 * Told what changed after each batch of the sessions topic was applied to the catalog, on the view loader's thread,
 * so a live stream can follow a session without polling the catalog. Implementations must return quickly.
 */
@FunctionalInterface
public interface SessionChangeListener {

    /**
     * @param changes identity -> the session's new state, or {@code null} when it was deleted (unmodifiable, in the
     *                order the batch carried them; the catalog already holds them)
     */
    void changed(Map<String, SessionState> changes);
}
