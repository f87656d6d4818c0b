package io.rta.topology.query;

import io.rta.topology.model.PropertyRef;
import io.rta.topology.model.SessionValues;
import java.util.List;

/** A node of a parsed query: a property condition or a logical combination. */
@FunctionalInterface
interface Criterion {

    Criterion ALWAYS = session -> true;

    boolean matches(SessionValues session);

    static Criterion property(PropertyRef property, Condition condition) {
        return session -> condition.test(session.get(property));
    }

    static Criterion and(List<Criterion> criteria) {
        if (criteria.isEmpty()) {
            return ALWAYS;
        }
        if (criteria.size() == 1) {
            return criteria.get(0);
        }
        return session -> {
            for (Criterion criterion : criteria) {
                if (!criterion.matches(session)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Criterion or(List<Criterion> criteria) {
        return session -> {
            for (Criterion criterion : criteria) {
                if (criterion.matches(session)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Criterion not(Criterion criterion) {
        return session -> !criterion.matches(session);
    }
}
