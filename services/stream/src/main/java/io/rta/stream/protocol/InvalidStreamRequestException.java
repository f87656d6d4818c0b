package io.rta.stream.protocol;

/** A client message that is not a usable {@code StreamRequest}; the message names the problem for the close reason. */
public final class InvalidStreamRequestException extends Exception {

    public InvalidStreamRequestException(String message) {
        super(message);
    }
}
