package io.rta.stream.live;

import com.codahale.metrics.health.HealthCheck;
import io.rta.topology.view.Visibility;

/**
 * Where live sessions come from: our Kafka topics ({@code rta.sessions}, {@code rta.telemetry}) or a pipeline
 * speaking the RTA Redis protocol. A source reads each underlying partition or stream once per process, however many
 * clients follow it, and fans out to the attached listeners.
 *
 * <p>Listener calls come from the source's own threads and must not block: a connection only queues what it gets.
 */
public interface LiveSource extends AutoCloseable {

    /**
     * Starts following a session for one client. Before returning, and before any other call to the listener, the
     * source calls {@link LiveListener#session} with the current session JSON; after that it delivers time-range
     * updates, session JSON updates and every live data item of the session (unfiltered: the connection applies its
     * subscription).
     *
     * @throws NotStreamableException when the session is unknown or not open (the client gets a close handshake
     *                                and no message)
     */
    LiveAttachment attach(String identity, LiveListener listener) throws NotStreamableException;

    /**
     * Whether a caller who sees {@code visibility} (access policies) may follow the session; one who may not is told
     * it is not found. A source without a session catalog to judge by (Redis) admits only callers who see every
     * session.
     */
    default boolean visible(String identity, Visibility visibility) {
        return visibility.isAll();
    }

    /** Whether the source's backing system (Kafka, Redis) is reachable; {@code /health} reports it. */
    HealthCheck.Result health();

    /** A short name for logs and {@code /}: {@code "kafka"} or {@code "redis"}. */
    String name();

    @Override
    void close();
}
