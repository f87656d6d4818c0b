package io.rta.stream.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The WebSocket endpoint's figures on {@code /metrics} (Prometheus names in the comments). */
final class StreamMetrics {

    /** {@code rta_stream_connections_open}: live clients. */
    static final String OPEN_CONNECTIONS = "rta.stream.connections.open";
    /** {@code rta_stream_bytes_behind}: bytes queued for the clients, not yet written to their sockets. */
    static final String BYTES_BEHIND = "rta.stream.bytes.behind";
    static final String BURSTS_SENT = "rta.stream.bursts.sent";
    static final String BYTES_SENT = "rta.stream.bytes.sent";
    static final String SLOW_CLIENTS_CLOSED = "rta.stream.slow.clients.closed";
    static final String WIDENINGS_COALESCED = "rta.stream.widenings.coalesced";
    static final String LIMIT_CLOSED = "rta.stream.limit.closed";

    private final Set<ClientSender> open = ConcurrentHashMap.newKeySet();
    private final Counter bursts;
    private final Counter bytes;
    private final Counter slowClients;
    private final Counter coalesced;
    private final Counter limitClosed;

    StreamMetrics(MeterRegistry registry) {
        Gauge.builder(OPEN_CONNECTIONS, open, Set::size).description("open WebSocket stream connections")
                .strongReference(true).register(registry);
        // no base unit on these two: Prometheus would append it to names that already say bytes
        Gauge.builder(BYTES_BEHIND, this, StreamMetrics::bytesBehind)
                .description("bytes queued for the clients and not yet written to their sockets")
                .strongReference(true).register(registry);
        bursts = Counter.builder(BURSTS_SENT).description("bursts written to clients' sockets").register(registry);
        bytes = Counter.builder(BYTES_SENT).description("bytes written to clients (compressed)").register(registry);
        slowClients = Counter.builder(SLOW_CLIENTS_CLOSED)
                .description("clients closed (1008) for falling ClientBufferBytes behind").register(registry);
        coalesced = Counter.builder(WIDENINGS_COALESCED)
                .description("widenings that joined a pending back-fill").register(registry);
        limitClosed = Counter.builder(LIMIT_CLOSED)
                .description("connections closed (1008) for asking more than a limit allows").register(registry);
    }

    void opened(ClientSender sender) {
        open.add(sender);
    }

    void closed(ClientSender sender) {
        open.remove(sender);
    }

    /** Summed over the open connections at scrape time (a few per process: cheap). */
    private double bytesBehind() {
        long total = 0;
        for (ClientSender sender : open) {
            total += sender.pendingBytes();
        }
        return total;
    }

    /** A burst reached the client's socket; {@code wireBytes} after compression. */
    void burstSent(int wireBytes) {
        bursts.increment();
        bytes.increment(wireBytes);
    }

    void slowClientClosed() {
        slowClients.increment();
    }

    /** A widening joined the back-fill already pending instead of queueing its own. */
    void wideningCoalesced() {
        coalesced.increment();
    }

    /** A connection was closed (1008) for asking more than a limit allows. */
    void limitClosed() {
        limitClosed.increment();
    }
}
