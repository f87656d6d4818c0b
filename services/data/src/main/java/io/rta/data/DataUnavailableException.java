package io.rta.data;

import io.rta.service.errors.UnavailableException;

/**
 * The data cannot be read right now (its owner is moving during a rebalance, the store is not queryable yet, or the
 * owner instance cannot be reached); the client should retry. REST 503, gRPC UNAVAILABLE.
 */
public final class DataUnavailableException extends UnavailableException {

    public DataUnavailableException(String message) {
        super(message);
    }

    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
