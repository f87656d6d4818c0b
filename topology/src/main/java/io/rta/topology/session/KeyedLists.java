package io.rta.topology.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Set / Update / Delete semantics shared by every session collection: lists of items unique by a key,
 * in a stable order (replaced items keep their place, new items are appended).
 */
final class KeyedLists {

    private KeyedLists() {
    }

    /** Overwrite: the given items, a later duplicate key replacing the earlier one in place. */
    static <T, K> List<T> set(List<T> items, Function<T, K> key) {
        return update(List.of(), items, key);
    }

    /** Add and replace: existing items replaced in place, new keys appended in the given order. */
    static <T, K> List<T> update(List<T> existing, List<T> updates, Function<T, K> key) {
        Map<K, T> byKey = new LinkedHashMap<>();
        existing.forEach(item -> byKey.put(key.apply(item), item));
        updates.forEach(item -> byKey.put(key.apply(item), item));
        return new ArrayList<>(byKey.values());
    }

    /** Remove the items with the given keys; keys that are not present are ignored. */
    static <T, K> List<T> delete(List<T> existing, Collection<K> keys, Function<T, K> key) {
        Set<K> doomed = new HashSet<>(keys);
        List<T> kept = new ArrayList<>(existing.size());
        existing.stream().filter(item -> !doomed.contains(key.apply(item))).forEach(kept::add);
        return kept;
    }
}
