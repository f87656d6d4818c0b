package io.rta.topology.view;

import io.rta.events.SessionFolder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Thread-safe view of the session folder tree, fed from the folders topic. The root has the empty
 * identity and is never stored. A folder whose parent does not exist (deleted, not created yet, or
 * itself) is listed under the root, like a session whose folders are gone.
 */
public final class FolderTree {

    public static final String ROOT = "";

    private static final Comparator<SessionFolder> BY_LABEL =
            Comparator.comparing(SessionFolder::getLabel).thenComparing(SessionFolder::getIdentity);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, SessionFolder> folders = new HashMap<>();
    /** Child identities by the parent identity as stored (which may not exist). */
    private final Map<String, Set<String>> childrenByParent = new HashMap<>();

    /** Adds or replaces (renames, moves) a folder. */
    public void put(SessionFolder folder) {
        if (folder.getIdentity().isEmpty()) {
            throw new IllegalArgumentException("folder identity: the root folder (empty identity) cannot be stored");
        }
        lock.writeLock().lock();
        try {
            SessionFolder previous = folders.put(folder.getIdentity(), folder);
            if (previous != null) {
                unlink(previous);
            }
            childrenByParent.computeIfAbsent(folder.getParentIdentity(), p -> new HashSet<>()).add(folder.getIdentity());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes one folder; its sub-folders, if any remain, move under the root until it comes back. */
    public void remove(String identity) {
        lock.writeLock().lock();
        try {
            SessionFolder previous = folders.remove(identity);
            if (previous != null) {
                unlink(previous);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public SessionFolder get(String identity) {
        lock.readLock().lock();
        try {
            return folders.get(identity);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a folder exists; the root always does. */
    public boolean exists(String identity) {
        lock.readLock().lock();
        try {
            return identity.isEmpty() || folders.containsKey(identity);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The folders directly under {@code parent}, sorted by label then identity; empty when it does not exist. */
    public List<FolderNode> children(String parent) {
        lock.readLock().lock();
        try {
            List<SessionFolder> children = new ArrayList<>();
            for (String child : childIdentities(parent)) {
                children.add(folders.get(child));
            }
            children.sort(BY_LABEL);
            List<FolderNode> nodes = new ArrayList<>(children.size());
            for (SessionFolder child : children) {
                nodes.add(new FolderNode(child, !childIdentities(child.getIdentity()).isEmpty()));
            }
            return nodes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The folders directly under {@code parent} that are in {@code shown}, as {@link #children(String)} orders them;
     * a folder "has children" when one of them is shown too.
     */
    public List<FolderNode> children(String parent, Set<String> shown) {
        List<FolderNode> nodes = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (FolderNode node : children(parent)) {
                if (shown.contains(node.folder().getIdentity())) {
                    boolean shownChildren = childIdentities(node.folder().getIdentity()).stream()
                            .anyMatch(shown::contains);
                    nodes.add(shownChildren == node.hasChildren() ? node : new FolderNode(node.folder(),
                            shownChildren));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return nodes;
    }

    /**
     * The existing folders among {@code identities} and every folder above them: the folders a caller who sees
     * sessions linked to {@code identities} needs to reach them from the root.
     */
    public Set<String> withAncestors(Set<String> identities) {
        Set<String> shown = new HashSet<>();
        lock.readLock().lock();
        try {
            for (String identity : identities) {
                String next = identity;
                // a moved folder never forms a cycle (writers refuse it), but a topic may hold anything: stop at one
                while (!next.isEmpty() && folders.containsKey(next) && shown.add(next)) {
                    next = folders.get(next).getParentIdentity();
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return shown;
    }

    /**
     * The folder and all folders below it; the root gives every folder plus the root itself.
     * Empty when the folder does not exist.
     */
    public Set<String> subtree(String identity) {
        lock.readLock().lock();
        try {
            if (identity.isEmpty()) {
                Set<String> all = new HashSet<>(folders.keySet());
                all.add(ROOT);
                return all;
            }
            if (!folders.containsKey(identity)) {
                return Set.of();
            }
            Set<String> subtree = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(identity));
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (subtree.add(next)) {
                    pending.addAll(childIdentities(next));
                }
            }
            return subtree;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Whether {@code identity} lies strictly below {@code ancestor}. A writer moving folder X under P
     * must refuse when {@code P.equals(X) || isDescendant(P, X)}, which would make a cycle.
     */
    public boolean isDescendant(String identity, String ancestor) {
        lock.readLock().lock();
        try {
            if (identity.equals(ancestor) || !folders.containsKey(identity)) {
                return false;
            }
            Set<String> seen = new HashSet<>();
            String current = identity;
            while (seen.add(current)) {
                String parent = effectiveParent(folders.get(current));
                if (parent.equals(ancestor)) {
                    return true;
                }
                if (parent.isEmpty()) {
                    return false;
                }
                current = parent;
            }
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** An immutable copy of all folders by identity. */
    public Map<String, SessionFolder> snapshot() {
        lock.readLock().lock();
        try {
            return Map.copyOf(folders);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return folders.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void unlink(SessionFolder folder) {
        Set<String> siblings = childrenByParent.get(folder.getParentIdentity());
        if (siblings != null) {
            siblings.remove(folder.getIdentity());
            if (siblings.isEmpty()) {
                childrenByParent.remove(folder.getParentIdentity());
            }
        }
    }

    /** Children by effective parent: the root also adopts folders whose parent is missing or themselves. */
    private List<String> childIdentities(String parent) {
        List<String> children = new ArrayList<>();
        if (parent.isEmpty()) {
            for (SessionFolder folder : folders.values()) {
                if (effectiveParent(folder).isEmpty()) {
                    children.add(folder.getIdentity());
                }
            }
            return children;
        }
        if (folders.containsKey(parent)) {
            for (String child : childrenByParent.getOrDefault(parent, Set.of())) {
                if (!child.equals(parent)) {
                    children.add(child);
                }
            }
        }
        return children;
    }

    private String effectiveParent(SessionFolder folder) {
        String parent = folder.getParentIdentity();
        return parent.equals(folder.getIdentity()) || !folders.containsKey(parent) ? ROOT : parent;
    }
}
