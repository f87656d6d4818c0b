package io.rta.influx.query;

import java.util.List;

/**
 * Builds the InfluxQL statements the service sends. The data identity is a filter expression merged as the service
 * README shows: {@code WHERE (<identity>) AND time >= <from> AND time < <to>} (times in ns since the epoch; the
 * identity in brackets so its own {@code OR}s stay inside). Identifiers (fields, database, retention policy,
 * measurement) are always double-quoted, a {@code "} or {@code \} in a name escaped with {@code \}.
 *
 * <p>The identity is trusted text (it comes from a data binding and must match a published schema mapping, which is
 * looked up before any query is sent); it is never built from request parameters here.
 */
public final class InfluxQl {

    private InfluxQl() {
    }

    /** A double-quoted identifier. */
    public static String identifier(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** {@code SELECT "f1","f2" FROM target WHERE (identity) AND time >= from AND time < to}. */
    public static String select(List<String> fields, InfluxTarget target, String identity, long from, long to) {
        return selectFields(fields) + " FROM " + target.from() + " WHERE (" + identity + ") AND time >= " + from
                + " AND time < " + to;
    }

    /**
     * The first and last point of the identity that has one of the fields: two statements, answering one row each
     * (or no series when there is no such point).
     */
    public static String bounds(List<String> fields, InfluxTarget target, String identity) {
        String select = selectFields(fields) + " FROM " + target.from() + " WHERE (" + identity + ")";
        return select + " ORDER BY time ASC LIMIT 1; " + select + " ORDER BY time DESC LIMIT 1";
    }

    private static String selectFields(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no fields to select");
        }
        StringBuilder out = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append(identifier(fields.get(i)));
        }
        return out.toString();
    }
}
