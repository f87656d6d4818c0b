package io.rta.gateway.live;

import io.dropwizard.core.setup.Environment;
import io.rta.gateway.proxy.HttpProxy;
import io.rta.gateway.proxy.Upstream;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;

/** Installs the live WebSocket proxy ({@link StreamProxyFilter}) on the gateway's HTTP port. */
public final class LiveProxy {

    /**
     * How long a live connection may carry nothing either way: the stream service pings its clients every 15 s and
     * the pings pass through, so only a connection whose both ends went quiet reaches it.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** The client's messages are small {@code StreamRequest}s; the stream service admits the same at most. */
    private static final long MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private LiveProxy() {
    }

    /** @param timeout how long the stream service may take to accept an upgrade */
    public static void install(Environment environment, Upstream streams, HttpProxy proxy, Duration timeout) {
        JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(),
                (context, container) -> {
                    container.setIdleTimeout(IDLE_TIMEOUT);
                    container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
                });
        environment.servlets().addFilter("rta-gateway-stream", new StreamProxyFilter(streams, proxy, timeout))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, StreamProxyFilter.URL_PATTERN);
    }
}
