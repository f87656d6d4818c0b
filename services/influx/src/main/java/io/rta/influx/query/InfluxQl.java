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

    /**
     * What keeps {@code identity} from being one filter expression that stays inside its brackets, or null: a
     * parenthesis closed that it did not open or left open, a {@code ;} (a second statement) or a comment
     * ({@code --}, {@code /*}) outside quoted strings, identifiers and regular expressions, or a quote left open.
     * Such an identity would change the query around it (a {@code )} ends the bracket and an {@code OR} after it
     * escapes the time bounds; a comment drops them), whoever published its mapping.
     */
    public static String filterProblem(String identity) {
        int depth = 0;
        for (int i = 0; i < identity.length(); i++) {
            char c = identity.charAt(i);
            if (c == '\'' || c == '"' || c == '/' && isRegexStart(identity, i)) {
                int end = closing(identity, i, c);
                if (end < 0) {
                    return c == '/' ? "leaves a regular expression open" : "leaves a quote (" + c + ") open";
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return "closes a parenthesis it did not open";
                }
            } else if (c == ';') {
                return "holds ';' outside quotes: one identity is one filter expression";
            } else if (i > 0 && (c == '-' || c == '*') && identity.charAt(i - 1) == (c == '-' ? '-' : '/')) {
                return "holds a comment outside quotes";
            }
        }
        return depth > 0 ? "leaves a parenthesis open" : null;
    }

    /** Whether the {@code /} at {@code at} starts a regular expression: after {@code =~} or {@code !~}. */
    private static boolean isRegexStart(String text, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 1 && text.charAt(i) == '~' && (text.charAt(i - 1) == '=' || text.charAt(i - 1) == '!');
    }

    /**
     * The index of the unescaped {@code quote} closing the one at {@code open}, or -1, as InfluxQL's scanner reads
     * it: in a string or identifier a {@code \} escapes the character after it; in a regular expression only
     * {@code \/} is an escape, and a {@code \} before anything else is kept as it is (so {@code \\/} ends with an
     * escaped {@code /}, not with a backslash and the end).
     */
    private static int closing(String text, int open, char quote) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && (quote != '/' || i + 1 < text.length() && text.charAt(i + 1) == '/')) {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
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
