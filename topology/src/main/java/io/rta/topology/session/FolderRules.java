package io.rta.topology.session;

import io.rta.events.SessionFolder;
import io.rta.topology.limits.InputLimits;

/**
 * What a record of the folders topic must be before a view uses it, whoever wrote it: the Session API checks folders
 * before writing; the folder guard of the session topology sets aside records a pipeline produced that break these
 * rules, and the view loader skips them. A tombstone (null folder) deletes the folder of its key.
 */
public final class FolderRules {

    private FolderRules() {
    }

    /** What is wrong with the folder record keyed {@code key}, or null when a view may apply it. */
    public static String problem(String key, SessionFolder folder, InputLimits limits) {
        String identity = limits.identityProblem("record key (folder identity)", key);
        if (identity != null || folder == null) {
            return identity;
        }
        if (!key.equals(folder.getIdentity())) {
            return "identity: the folder's identity differs from its record key (they must be equal)";
        }
        String parent = folder.getParentIdentity();
        if (parent.isEmpty()) {
            return null; // the root
        }
        if (parent.equals(key)) {
            return "parent_identity: a folder cannot be its own parent";
        }
        return limits.identityProblem("parent_identity", parent);
    }
}
