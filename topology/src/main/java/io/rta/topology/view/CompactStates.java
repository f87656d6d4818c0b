package io.rta.topology.view;

import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.SessionState;
import java.util.List;

/**
 * Makes a decoded session state smaller before the catalog keeps it. Avro decodes every string and every array
 * afresh, so 100,000 sessions with the same ten detail keys hold a million copies of those keys, and each of a
 * state's eleven arrays costs an object even when it is empty (most are). Here detail keys and folder links share one
 * instance each (interned: keys and folders are a small vocabulary, and the read model interns detail keys anyway),
 * and empty arrays become the shared immutable empty list: about 40% of a session's heap with ten details.
 *
 * <p>Lists are replaced, never changed in place (a state may be compacted twice, or hold lists it shares). Only for
 * states the catalog owns (it publishes them after this, and no one changes a stored state); a writer
 * that starts from a stored state copies it first ({@code SessionState.newBuilder(state)}), and Avro's copy makes
 * mutable lists again.
 */
final class CompactStates {

    private CompactStates() {
    }

    static SessionState compact(SessionState s) {
        internKeys(s.getDetails());
        for (DetailCategory category : s.getExtDetails()) {
            internKeys(category.getDetails());
        }
        s.setFolders(interned(s.getFolders()));
        s.setExtDetails(sharedIfEmpty(s.getExtDetails()));
        s.setMarkers(sharedIfEmpty(s.getMarkers()));
        s.setConfigBindings(sharedIfEmpty(s.getConfigBindings()));
        s.setDataBindings(sharedIfEmpty(s.getDataBindings()));
        s.setRefAnchors(sharedIfEmpty(s.getRefAnchors()));
        s.setChildOfRefs(sharedIfEmpty(s.getChildOfRefs()));
        s.setAlternateOfRefs(sharedIfEmpty(s.getAlternateOfRefs()));
        s.setChildren(sharedIfEmpty(s.getChildren()));
        s.setAlternates(sharedIfEmpty(s.getAlternates()));
        s.setDetails(sharedIfEmpty(s.getDetails()));
        return s;
    }

    /** The strings interned, in an immutable list (which is also smaller than Avro's); the list is not changed. */
    private static List<String> interned(List<String> strings) {
        String[] interned = new String[strings.size()];
        for (int i = 0; i < interned.length; i++) {
            interned[i] = strings.get(i).intern();
        }
        return List.of(interned);
    }

    private static void internKeys(List<Detail> details) {
        for (Detail detail : details) {
            detail.setKey(detail.getKey().intern());
        }
    }

    private static <T> List<T> sharedIfEmpty(List<T> list) {
        return list.isEmpty() ? List.of() : list;
    }
}
