package io.rta.stream.ws;

import io.dropwizard.core.setup.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.stream.live.LiveSource;
import io.rta.topology.limits.InputLimits;
import jakarta.servlet.DispatcherType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** How often each connection's caller is checked again: the session still visible to it, its token valid. */
    static final Duration ACCESS_RECHECK = Duration.ofSeconds(5);

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
        install(environment, source, settings, meters, Duration.ofSeconds(30));
    }

    /**
     * {@link #install(Environment, LiveSource, StreamSettings, MeterRegistry)}, closing (1008) every connection of a
     * caller the access policies restrict that may no longer follow its session, checked every
     * {@link #ACCESS_RECHECK}: the policies no longer let it see the session, or its token expired more than
     * {@code tokenClockSkew} ago (the skew tokens are checked with, {@code Auth:ClockSkew}).
     */
    public static void install(Environment environment, LiveSource source, StreamSettings settings,
                               MeterRegistry meters, Duration tokenClockSkew) {
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
        Set<StreamConnection> admitted = ConcurrentHashMap.newKeySet();
        long recheckMillis = ACCESS_RECHECK.toMillis();
        pings.scheduleAtFixedRate(() -> recheck(admitted), recheckMillis, recheckMillis, TimeUnit.MILLISECONDS);
        environment.servlets()
                .addFilter("rta-stream-upgrade", new StreamUpgradeFilter(
                        (identity, visibility, expires) -> {
                            // only a caller the access policies restrict (a partner) is checked again: its
                            // session may leave what it sees, and its provider's revocation reaches an open stream
                            // only through its token's expiry; our own users' streams outlive their tokens, as a
                            // WebSocket authorized at its handshake does (the viewer does not reconnect)
                            boolean restricted = !visibility.isAll();
                            StreamConnection connection = new StreamConnection(identity, source, settings, senders,
                                    metrics, VisibleLinks.of(visibility, linked -> source.visible(linked, visibility)),
                                    restricted ? new StreamConnection.Access(
                                            session -> source.visible(session, visibility), expires, tokenClockSkew)
                                            : StreamConnection.Access.ALWAYS);
                            if (restricted) {
                                admitted.add(connection);
                            }
                            return connection;
                        },
                        source::visible,
                        environment.getObjectMapper(), settings.limits()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, StreamUpgradeFilter.URL_PATTERN);
    }

    /** Checks every admitted connection's caller again, forgetting the connections that have closed. */
    private static void recheck(Set<StreamConnection> admitted) {
        long now = System.currentTimeMillis();
        for (StreamConnection connection : admitted) {
            try {
                if (!connection.recheck(now) || connection.isClosed()) {
                    admitted.remove(connection);
                }
            } catch (RuntimeException e) {
                // one connection's failure must not end the periodic task (the others would go unchecked)
                LOG.warn("Checking a live stream's caller again failed: {}", e.toString());
            }
        }
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
