package io.rta.topology.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A session's folder links: folder identities, where the empty identity is the root folder. */
public final class Folders {

    /** The identity of the root folder, which always exists and cannot be modified. */
    public static final String ROOT = "";

    private Folders() {
    }

    /** A new, mutable list linking to the root folder only: where new and orphaned sessions live. */
    public static List<String> rootOnly() {
        List<String> folders = new ArrayList<>(1);
        folders.add(ROOT);
        return folders;
    }

    /**
     * The links after a folder op: distinct, in order; the root is dropped when the session is in any other
     * folder (every folder is under the root anyway) and is the only link of a session in no folder.
     */
    public static List<String> normalize(List<String> folders) {
        Set<String> distinct = new LinkedHashSet<>(folders);
        if (distinct.size() > 1) {
            distinct.remove(ROOT);
        }
        return distinct.isEmpty() ? rootOnly() : new ArrayList<>(distinct);
    }
}
