package io.rta.gateway.live;

import io.rta.gateway.http.Route;
import io.rta.gateway.proxy.ErrorAnswers;
import io.rta.gateway.proxy.HttpProxy;
import io.rta.gateway.proxy.Upstream;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live WebSocket {@code /rta/v2/sessions/{identity}/stream} through the gateway: the upgrade is first made to the
 * stream service, offering the sub-protocols the client offered ({@code mat.ocs.rta.stream-lz4}); once it accepted,
 * the client's upgrade completes with the sub-protocol the stream service chose and a {@link StreamBridge} joins the
 * two. The stream service refusing the upgrade is answered with its status; unreachable, 502; silent, 504. A request
 * that is not an upgrade is relayed as any other (the stream service says what is wrong with it).
 */
final class StreamProxyFilter extends HttpFilter {

    static final String URL_PATTERN = "/rta/v2/sessions/*";
    private static final Logger LOG = LoggerFactory.getLogger(StreamProxyFilter.class);
    private static final Pattern COMMA = Pattern.compile(",");

    private final Upstream streams;
    private final HttpClient client;
    private final Duration timeout;
    private final HttpProxy proxy;

    /** @param timeout how long the stream service may take to accept the upgrade */
    StreamProxyFilter(Upstream streams, HttpProxy proxy, Duration timeout) {
        this.streams = streams;
        this.client = proxy.client().http();
        this.timeout = timeout;
        this.proxy = proxy;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Route.of(request.getRequestURI()).target() != Route.Target.STREAM) {
            chain.doFilter(request, response);
            return;
        }
        String problem = HttpProxy.uriProblem(request);
        if (problem != null) {
            ErrorAnswers.send(response, 400, problem);
            return;
        }
        if (!isUpgrade(request)) {
            proxy.forward(streams, request, response);
            return;
        }
        StreamBridge bridge = new StreamBridge();
        WebSocket upstream = connect(request, response, bridge);
        if (upstream == null) {
            return;
        }
        bridge.upstream(upstream);
        String accepted = upstream.getSubprotocol();
        boolean upgraded = JettyWebSocketServerContainer.getContainer(request.getServletContext())
                .upgrade((upgradeRequest, upgradeResponse) -> {
                    if (!accepted.isEmpty()) {
                        upgradeResponse.setAcceptedSubProtocol(accepted);
                    }
                    return bridge;
                }, request, response);
        if (!upgraded) {
            upstream.abort();
            if (!response.isCommitted()) {
                ErrorAnswers.send(response, 400, "the WebSocket upgrade is incomplete: it needs 'Connection: "
                        + "Upgrade', Sec-WebSocket-Key and 'Sec-WebSocket-Version: 13'");
            }
        }
    }

    /** The stream service's side, or null when an error answer was sent instead. */
    private WebSocket connect(HttpServletRequest request, HttpServletResponse response, StreamBridge bridge)
            throws IOException {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        List<String> protocols = subProtocols(request);
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            return builder.buildAsync(streams.resolveWebSocket(HttpProxy.rawPathAndQuery(request)), bridge)
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ErrorAnswers.send(response, 503, "the gateway is stopping");
        } catch (TimeoutException e) {
            ErrorAnswers.send(response, 504, "the " + streams.name() + " did not accept the WebSocket within "
                    + timeout.toMillis() * 2 + " ms");
        } catch (ExecutionException e) {
            refused(e.getCause(), response);
        }
        return null;
    }

    private void refused(Throwable cause, HttpServletResponse response) throws IOException {
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            ErrorAnswers.send(response, status, "the " + streams.name() + " refused the WebSocket upgrade (" + status
                    + ")");
            return;
        }
        LOG.warn("The {} at {} did not take a WebSocket: {}", streams.name(), streams.root(), String.valueOf(cause));
        if (cause instanceof HttpTimeoutException) {
            ErrorAnswers.send(response, 502, "the " + streams.name() + " did not accept a connection within "
                    + timeout.toMillis() + " ms (UpstreamConnectTimeout)");
        } else {
            ErrorAnswers.send(response, 502, "the " + streams.name() + " cannot be reached");
        }
    }

    private static boolean isUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && tokens(request, "Upgrade").stream()
                .anyMatch(token -> token.equalsIgnoreCase("websocket"));
    }

    private static List<String> subProtocols(HttpServletRequest request) {
        return tokens(request, "Sec-WebSocket-Protocol");
    }

    private static List<String> tokens(HttpServletRequest request, String header) {
        List<String> tokens = new ArrayList<>();
        for (String value : Collections.list(request.getHeaders(header))) {
            COMMA.splitAsStream(value).map(String::trim).filter(token -> !token.isEmpty()).forEach(tokens::add);
        }
        return tokens;
    }
}
