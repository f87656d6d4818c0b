package io.rta.service.write;

/**
 * A write reached Kafka but this instance's view did not reflect it within the write timeout. The event is durable;
 * the caller cannot assume a read sees it yet.
 */
public final class WriteTimeoutException extends RuntimeException {

    public WriteTimeoutException(String message) {
        super(message);
    }
}
