package io.rta.stream.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.rta.service.auth.Access;
import io.rta.service.auth.BearerAuthFilter;
import io.rta.service.auth.Principal;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.view.Visibility;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;

/**
 * Admits WebSocket upgrades of {@code /rta/v2/sessions/{identity}/stream}; other paths pass through to Jersey. The
 * spec's handshake errors are answered here with the REST API's JSON error body: 400 when the request is not an
 * upgrade, 406 when it does not offer the {@value #SUB_PROTOCOL} sub-protocol, 400 when the identity in the path breaks
 * the identity rules (too long, control characters). Otherwise the upgrade completes whether or not the session
 * exists: a session that cannot be streamed is told so by a close handshake.
 */
final class StreamUpgradeFilter extends HttpFilter {

    /** The only sub-protocol: LZ4-pickled {@code StreamDataBurst}s out, plain {@code StreamRequest}s in. */
    static final String SUB_PROTOCOL = "mat.ocs.rta.stream-lz4";
    /** Where the filter is mapped; {@link #PATH} picks the stream endpoint out of it. */
    static final String URL_PATTERN = "/rta/v2/sessions/*";

    private final Endpoints endpoints;
    private final ObjectMapper json;
    private final InputLimits limits;
    private final BiPredicate<String, Visibility> visible;

    /** The WebSocket endpoint serving one session to one caller. */
    interface Endpoints {
        /**
         * @param visibility what the caller sees
         * @param tokenExpiresAtMillis when the caller's token expires (its {@code exp}); {@link Long#MAX_VALUE}
         *                             without auth
         */
        Object connect(String identity, Visibility visibility, long tokenExpiresAtMillis);
    }

    /**
     * @param endpoints the WebSocket endpoint serving one session identity to a caller who sees a {@link Visibility}
     * @param visible   whether a caller who sees a {@link Visibility} may follow a session (others: 404)
     * @param json      writes error bodies the way Jersey does
     * @param limits    the identity rules
     */
    StreamUpgradeFilter(Endpoints endpoints, BiPredicate<String, Visibility> visible,
                        ObjectMapper json, InputLimits limits) {
        this.endpoints = endpoints;
        this.visible = visible;
        this.json = json;
        this.limits = limits;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String identity = streamIdentity(request);
        if (identity == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!isUpgrade(request)) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, "the stream of a session is a WebSocket: send GET "
                    + "with 'Upgrade: websocket' and 'Sec-WebSocket-Protocol: " + SUB_PROTOCOL + "'");
            return;
        }
        if (!offersSubProtocol(request)) {
            error(response, HttpServletResponse.SC_NOT_ACCEPTABLE, "the WebSocket upgrade must offer the sub-protocol "
                    + SUB_PROTOCOL + " in Sec-WebSocket-Protocol");
            return;
        }
        String problem = limits.identityProblem("identity", identity);
        if (problem != null) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, problem);
            return;
        }
        Visibility visibility = Access.of(request);
        if (!visibility.isAll() && !visible.test(identity, visibility)) {
            // as for a session that does not exist: existence does not leak
            error(response, HttpServletResponse.SC_NOT_FOUND, "session '" + identity + "' not found");
            return;
        }
        long expires = request.getAttribute(BearerAuthFilter.PRINCIPAL) instanceof Principal principal
                ? principal.expiresAtMillis() : Long.MAX_VALUE;
        boolean upgraded = JettyWebSocketServerContainer.getContainer(request.getServletContext())
                .upgrade((upgradeRequest, upgradeResponse) -> {
                    upgradeResponse.setAcceptedSubProtocol(SUB_PROTOCOL);
                    return endpoints.connect(identity, visibility, expires);
                }, request, response);
        if (!upgraded && !response.isCommitted()) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, "the WebSocket upgrade is incomplete: it needs "
                    + "'Connection: Upgrade', Sec-WebSocket-Key and 'Sec-WebSocket-Version: 13'");
        }
    }

    /**
     * The session identity of a stream request, or null for another path: the raw path's segments (each without
     * {@code ;parameters}, as Jersey routes) must be {@code rta/v2/sessions/<identity>/stream}, and the identity
     * segment is decoded on its own — {@code x%2Fstream} is the session {@code x/stream}, not a stream of {@code x},
     * and an identity may hold {@code /} ({@code %2F}) or {@code %} ({@code %25}).
     */
    static String streamIdentity(HttpServletRequest request) {
        String[] segments = Objects.toString(request.getRequestURI(), "").split("/", -1);
        if (segments.length != 6 || !segments[0].isEmpty() || !bare(segments[1]).equals("rta")
                || !bare(segments[2]).equals("v2") || !bare(segments[3]).equals("sessions")
                || !bare(segments[5]).equals("stream")) {
            return null;
        }
        String identity = bare(segments[4]);
        try {
            return identity.isEmpty() ? null : URLDecoder.decode(identity.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A raw path segment without its {@code ;parameters}. */
    private static String bare(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    private static boolean isUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && Collections.list(request.getHeaders("Upgrade")).stream()
                .flatMap(value -> Pattern.compile(",").splitAsStream(value))
                .anyMatch(token -> token.trim().equalsIgnoreCase("websocket"));
    }

    private static boolean offersSubProtocol(HttpServletRequest request) {
        return Collections.list(request.getHeaders("Sec-WebSocket-Protocol")).stream()
                .flatMap(value -> Pattern.compile(",").splitAsStream(value))
                .anyMatch(token -> token.trim().equals(SUB_PROTOCOL));
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = json.writeValueAsBytes(new ErrorMessage(status, message));
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
