package io.rta.service.errors;

/**
 * The request cannot be answered right now but can be shortly (state moving during a rebalance, a store not yet
 * queryable, an owner instance unreachable): REST 503 with {@code Retry-After}, gRPC UNAVAILABLE.
 */
public class UnavailableException extends RuntimeException {

    /** Seconds a REST client should wait before it retries. */
    public static final int RETRY_AFTER_SECONDS = 1;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
