package io.rta.stream.live;

/** The session cannot be streamed (unknown, or not open); the message is the close reason the client gets. */
public final class NotStreamableException extends Exception {

    public NotStreamableException(String message) {
        super(message);
    }
}
