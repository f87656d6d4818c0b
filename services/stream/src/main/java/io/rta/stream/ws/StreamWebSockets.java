package io.rta.stream.ws;

import io.dropwizard.core.setup.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.stream.live.LiveSource;
import io.rta.topology.limits.InputLimits;
import jakarta.servlet.DispatcherType;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves live sessions at {@code ws://host:port/rta/v2/sessions/{identity}/stream} on the service's HTTP port, next
 * to its REST resources (see {@code devguide/live/websockets.md}).
 */
public final class StreamWebSockets {

    private static final Logger LOG = LoggerFactory.getLogger(StreamWebSockets.class);

    /** A request's bytes beyond its channel ids: its other fields and framing. */
    private static final long REQUEST_OVERHEAD_BYTES = 64 * 1024;
    /** Pings a connection may miss before it counts as gone. */
    private static final int MISSED_PINGS = 4;

    private StreamWebSockets() {
    }

    /**
     * The largest request a client may send (a larger frame is closed with 1009 before it is parsed): a subscription
     * of {@code MaxSubscriptionChannels} ids at 6 bytes each (an id written unpacked: tag and 5-byte varint) and
     * room for the rest. It was a fixed 4 MiB, whose million small ids were parsed (16 MiB of heap) before the
     * subscription's limit refused them.
     */
    static long maxRequestBytes(InputLimits limits) {
        return 6L * limits.maxSubscriptionChannels() + REQUEST_OVERHEAD_BYTES;
    }

    /**
     * Adds the endpoint to a Dropwizard environment (for {@code HttpServer.start}'s setup hook): the upgrade filter,
     * Jetty's WebSocket container, the senders' thread pool and the keep-alive pings, whose lifecycles Dropwizard
     * then runs. Metrics {@code rta_stream_*} go to {@code meters}.
     */
    public static void install(Environment environment, LiveSource source, StreamSettings settings,
                               MeterRegistry meters) {
        StreamMetrics metrics = new StreamMetrics(meters);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService senders = environment.lifecycle().executorService("rta-stream-send-%d")
                .minThreads(threads).maxThreads(threads).build();
        ScheduledExecutorService pings = environment.lifecycle().scheduledExecutorService("rta-stream-ping-%d")
                .build();
        long pingMillis = settings.pingInterval().toMillis();
        JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(), (context, container) -> {
            container.setIdleTimeout(settings.pingInterval().multipliedBy(MISSED_PINGS));
            container.setMaxBinaryMessageSize(maxRequestBytes(settings.limits()));
            pings.scheduleAtFixedRate(() -> ping(container), pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        });
        environment.servlets()
                .addFilter("rta-stream-upgrade", new StreamUpgradeFilter(
                        (identity, visibility) -> new StreamConnection(identity, source, settings, senders, metrics,
                                VisibleLinks.of(visibility, linked -> source.visible(linked, visibility))),
                        source::visible,
                        environment.getObjectMapper(), settings.limits()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, StreamUpgradeFilter.URL_PATTERN);
    }

    /**
     * Pings every open connection: a live client answers, which keeps a quiet session's stream open past the idle
     * timeout, while a vanished client (or one that stopped reading) lets it expire.
     */
    private static void ping(JettyWebSocketServerContainer container) {
        for (Session session : container.getOpenSessions()) {
            try {
                session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            } catch (RuntimeException e) {
                // One closing connection must not end the periodic task (which would stop pinging all the others).
                LOG.debug("Pinging {} failed: {}", session.getRemoteSocketAddress(), e.toString());
            }
        }
    }
}
