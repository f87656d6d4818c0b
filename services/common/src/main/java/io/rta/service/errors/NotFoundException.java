package io.rta.service.errors;

/** The requested thing does not exist. REST 404, gRPC NOT_FOUND. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
