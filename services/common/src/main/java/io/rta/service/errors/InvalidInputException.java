package io.rta.service.errors;

/** The request is malformed; the message names the field and the rule. REST 400, gRPC INVALID_ARGUMENT. */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
