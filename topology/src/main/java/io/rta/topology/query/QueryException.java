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
}
