package io.rta.topology.query;

/** A query, sort or paging argument that breaks a rule of the dialect; the message names the place and the rule. */
public class QueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Characters of a client's text a message quotes at most: an error must not echo a megabyte back. */
    static final int EXCERPT_CHARS = 64;

    /** The text as a message quotes it: whole when short, else its start and its length. */
    public static String excerpt(String text) {
        if (text == null || text.length() <= EXCERPT_CHARS) {
            return text;
        }
        return text.substring(0, EXCERPT_CHARS) + "... (" + text.length() + " characters)";
    }
}
