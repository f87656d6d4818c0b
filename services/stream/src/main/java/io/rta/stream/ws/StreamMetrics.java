package io.rta.stream.ws;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/** The WebSocket endpoint's figures on {@code /metrics}. */
final class StreamMetrics {

    static final String OPEN_CONNECTIONS = "rta_stream_connections_open";
    static final String BURSTS_SENT = "rta_stream_bursts_sent";
    static final String BYTES_SENT = "rta_stream_bytes_sent";
    static final String SLOW_CLIENTS_CLOSED = "rta_stream_slow_clients_closed";
    static final String WIDENINGS_COALESCED = "rta_stream_widenings_coalesced";
    static final String LIMIT_CLOSED = "rta_stream_limit_closed";

    private final Counter open;
    private final Meter bursts;
    private final Meter bytes;
    private final Meter slowClients;
    private final Meter coalesced;
    private final Meter limitClosed;

    StreamMetrics(MetricRegistry registry) {
        open = registry.counter(OPEN_CONNECTIONS);
        bursts = registry.meter(BURSTS_SENT);
        bytes = registry.meter(BYTES_SENT);
        slowClients = registry.meter(SLOW_CLIENTS_CLOSED);
        coalesced = registry.meter(WIDENINGS_COALESCED);
        limitClosed = registry.meter(LIMIT_CLOSED);
    }

    void opened() {
        open.inc();
    }

    void closed() {
        open.dec();
    }

    /** A burst reached the client's socket; {@code wireBytes} after compression. */
    void burstSent(int wireBytes) {
        bursts.mark();
        bytes.mark(wireBytes);
    }

    void slowClientClosed() {
        slowClients.mark();
    }

    /** A widening joined the back-fill already pending instead of queueing its own. */
    void wideningCoalesced() {
        coalesced.mark();
    }

    /** A connection was closed (1008) for asking more than a limit allows. */
    void limitClosed() {
        limitClosed.mark();
    }
}
