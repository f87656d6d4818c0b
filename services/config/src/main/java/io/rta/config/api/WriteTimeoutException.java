package io.rta.config.api;

import java.time.Duration;

/** A config write reached Kafka but this process's view did not show it within the configured wait. */
public class WriteTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public WriteTimeoutException(String identifier, Duration timeout) {
        super("the write of config '" + identifier + "' was accepted by Kafka but was not visible in the view within "
                + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    /** How long the writer waited for the view. */
    public Duration timeout() {
        return timeout;
    }
}
