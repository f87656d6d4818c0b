package io.rta.stream.protocol;

/** A subscription asks for more than the limits allow; the message (the close reason) names the limit's option. */
public final class SubscriptionLimitException extends Exception {

    public SubscriptionLimitException(String message) {
        super(message);
    }
}
