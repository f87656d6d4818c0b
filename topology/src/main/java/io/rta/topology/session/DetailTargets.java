package io.rta.topology.session;

import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.SessionState;
import java.util.ArrayList;
import java.util.List;

/**
 * Where detail ops land: category "" is the session's {@code details}, any other name the {@code extDetails}
 * category of that name, created on demand (appended) and removed once it has no details left.
 */
final class DetailTargets {

    private DetailTargets() {
    }

    static void set(SessionState s, String category, List<Detail> details) {
        put(s, category, KeyedLists.set(details, Detail::getKey));
    }

    static void update(SessionState s, String category, List<Detail> details) {
        put(s, category, KeyedLists.update(get(s, category), details, Detail::getKey));
    }

    static void delete(SessionState s, String category, List<String> keys) {
        put(s, category, KeyedLists.delete(get(s, category), keys, Detail::getKey));
    }

    private static List<Detail> get(SessionState s, String category) {
        if (category.isEmpty()) {
            return s.getDetails();
        }
        int index = indexOf(s.getExtDetails(), category);
        return index < 0 ? List.of() : s.getExtDetails().get(index).getDetails();
    }

    private static void put(SessionState s, String category, List<Detail> details) {
        if (category.isEmpty()) {
            s.setDetails(details);
            return;
        }
        List<DetailCategory> categories = new ArrayList<>(s.getExtDetails());
        int index = indexOf(categories, category);
        if (details.isEmpty()) {
            if (index >= 0) {
                categories.remove(index);
            }
        } else if (index >= 0) {
            categories.set(index, new DetailCategory(category, details));
        } else {
            categories.add(new DetailCategory(category, details));
        }
        s.setExtDetails(categories);
    }

    private static int indexOf(List<DetailCategory> categories, String name) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
