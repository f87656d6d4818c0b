package io.rta.service.errors;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected failures: logged once at ERROR with their stack trace under a fresh correlation id, and answered with
 * that id only (REST 500, gRPC INTERNAL). An exception's text can hold anything (paths, hosts, the input that broke
 * it), so it never reaches a client; the id lets an operator find it in the log.
 */
public final class InternalErrors {

    /** The answer to a transient Kafka failure ({@link #kafkaUnavailable}). */
    public static final String KAFKA_UNAVAILABLE = "Kafka is not available right now; retry shortly";

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private InternalErrors() {
    }

    /**
     * Logs the failure and returns the answer for the client:
     * {@code internal error (correlation id 7f3a9c2e1b4d0a65); the server log has the details}.
     *
     * @param where what failed, for the log line (e.g. {@code "GET /rta/v2/sessions"}); never sent to the client
     */
    public static String report(String where, Throwable error) {
        String id = newId();
        LOG.error("Internal error (correlation id {}) in {}", id, escape(where), error);
        return message(id);
    }

    /** {@code where} may carry request input: control characters are written as {@code \\uXXXX}. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                escaped.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                escaped.append((char) c);
            }
        });
        return escaped.toString();
    }

    /**
     * A transient Kafka failure (broker unreachable, leader moving, a timeout): not a bug but an outage the client
     * should wait out, so it is answered as unavailable (REST 503, gRPC UNAVAILABLE) with this message; logged at WARN.
     */
    public static String kafkaUnavailable(String where, Throwable error) {
        LOG.warn("Kafka failed {} ({}); answered as unavailable", escape(where), error.toString());
        return KAFKA_UNAVAILABLE;
    }

    static String message(String id) {
        return "internal error (correlation id " + id + "); the server log has the details";
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
