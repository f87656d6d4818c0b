package io.rta.service.auth;

/**
 * A request that cannot be let in: {@link Kind#MISSING} (no bearer token), {@link Kind#INVALID} (a token that is
 * malformed, expired, not yet valid, from an issuer not configured, for another audience, or badly signed),
 * {@link Kind#INSUFFICIENT_SCOPE} (a valid token without the permission the call needs) or
 * {@link Kind#UNAVAILABLE} (the identity provider's keys cannot be fetched, so no token can be checked). The message
 * says what is wrong and never holds the token.
 */
public final class AuthException extends Exception {

    /** Why the request is refused: REST 401 / 401 / 403 / 503, gRPC UNAUTHENTICATED / UNAUTHENTICATED / PERMISSION_DENIED / UNAVAILABLE. */
    public enum Kind { MISSING, INVALID, INSUFFICIENT_SCOPE, UNAVAILABLE }

    private final Kind kind;

    public AuthException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AuthException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
