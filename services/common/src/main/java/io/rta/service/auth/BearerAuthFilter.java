package io.rta.service.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request to a protected route ({@code /rta/v2/...} but {@code /rta/v2/info}, the live WebSocket handshake
 * included) through only with a valid bearer token, and puts its {@link Principal} in the request attribute
 * {@link #PRINCIPAL}. An internal route (one a module declares, such as the session service's {@code /data-bindings})
 * also needs {@code Auth:InternalScope}: service credentials, not a user's token; {@code /metrics} needs a token the
 * access policies do not restrict unless {@code Auth:OpenMetrics}. Refusals: 401 with
 * {@code WWW-Authenticate: Bearer realm="rta", error="invalid_token", error_description="..."} (no token too, as the
 * issue's contract has every 401), 403 {@code insufficient_scope}, 503 when the provider's keys cannot be fetched —
 * each with the API's JSON error body. The token never reaches a log line.
 */
public final class BearerAuthFilter implements Filter {

    /** The request attribute holding the caller's {@link Principal}. */
    public static final String PRINCIPAL = Principal.class.getName();
    /**
     * A browser cannot set headers on a WebSocket handshake: it may offer its token as one more sub-protocol,
     * {@code rta.bearer.<token>} (a JWT is made of token characters), next to the stream's own. The server never
     * selects it, so the token is not echoed; the Authorization header wins when both are sent.
     */
    public static final String TOKEN_SUB_PROTOCOL_PREFIX = "rta.bearer.";
    static final String REALM = "rta";

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/rta/v2/";
    private static final String INFO = "/rta/v2/info";
    private static final String METRICS = "/metrics";
    /** A segment's {@code ;parameters}, which Jersey drops when it routes. */
    private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/]*");

    private final Authenticator authenticator;
    private final List<Pattern> internalPaths;

    public BearerAuthFilter(Authenticator authenticator) {
        this(authenticator, List.of());
    }

    /** @param internalPaths the internal routes (whole decoded paths), which need the internal scope */
    public BearerAuthFilter(Authenticator authenticator, List<Pattern> internalPaths) {
        this.authenticator = authenticator;
        this.internalPaths = List.copyOf(internalPaths);
    }

    /** Whether a request path needs a token: the API routes but {@code /rta/v2/info}. */
    static boolean isProtected(String path) {
        return path.startsWith(API) && !path.equals(INFO) && !path.equals(INFO + "/");
    }

    /**
     * Whether a request needs a token, judged on both its raw URI and the path it is routed by (decoded, dot segments
     * resolved, {@code ;parameters} dropped, as Jersey matches it): {@code /rta;x/v2/sessions} is routed to
     * {@code /rta/v2/sessions} although its raw URI does not start with {@code /rta/v2/}.
     */
    static boolean isProtected(HttpServletRequest request) {
        return isProtected(request.getRequestURI()) || isProtected(routed(request));
    }

    /** The path Jersey and the servlets route {@code request} by. */
    private static String routed(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /**
     * Whether a request is for {@code /metrics} (raw or routed path, with or without a trailing slash), which with auth
     * on needs a token unless {@link AuthSettings#openMetrics}: its counts (sessions, folders, dead letters) cover
     * every session, whatever a caller's access policies.
     */
    static boolean isMetrics(HttpServletRequest request) {
        return isMetrics(request.getRequestURI()) || isMetrics(routed(request));
    }

    private static boolean isMetrics(String path) {
        return path.equals(METRICS) || path.equals(METRICS + "/");
    }

    /**
     * Whether a request is for an internal route, judged like {@link #isProtected(HttpServletRequest)} on both its raw
     * URI and its routed path, so that {@code ;parameters}, escapes and dot segments cannot dodge the check.
     */
    static boolean isInternal(HttpServletRequest request, List<Pattern> internalPaths) {
        // without ;parameters, which Jersey drops from each segment when it routes
        String uri = Objects.toString(request.getRequestURI(), "");
        String raw = uri.indexOf(';') < 0 ? uri : PATH_PARAMETERS.matcher(uri).replaceAll("");
        String routed = routed(request);
        return internalPaths.stream().anyMatch(path -> path.matcher(raw).matches() || path.matcher(routed).matches());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!authenticator.enabled()) {
            chain.doFilter(request, response);
            return;
        }
        boolean internal = isInternal(http, internalPaths);
        boolean metrics = !authenticator.settings().openMetrics() && isMetrics(http);
        if (!internal && !metrics && !isProtected(http)) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = http.getHeader("Authorization");
        if (authorization == null && http.getRequestURI().endsWith("/stream")) {
            authorization = tokenSubProtocol(http);
        }
        try {
            Principal principal = authenticator.authenticate(authorization);
            if (internal) {
                authenticator.requireInternalScope(principal);
            }
            if (metrics) {
                authenticator.requireUnrestricted(principal, "reading /metrics");
            }
            http.setAttribute(PRINCIPAL, principal);
            http.setAttribute(Access.ATTRIBUTE, authenticator.visibility(principal));
        } catch (AuthException e) {
            refuse((HttpServletResponse) response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /** {@code Bearer <token>} from a {@link #TOKEN_SUB_PROTOCOL_PREFIX} sub-protocol offer, or null. */
    static String tokenSubProtocol(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String offer : header.split(",")) {
                String protocol = offer.strip();
                if (protocol.startsWith(TOKEN_SUB_PROTOCOL_PREFIX)) {
                    return "Bearer " + protocol.substring(TOKEN_SUB_PROTOCOL_PREFIX.length());
                }
            }
        }
        return null;
    }

    private static void refuse(HttpServletResponse response, AuthException e) throws IOException {
        int status = switch (e.kind()) {
            case MISSING, INVALID -> 401;
            case INSUFFICIENT_SCOPE -> 403;
            case UNAVAILABLE -> 503;
        };
        switch (e.kind()) {
            // no token is answered as the contract has every 401: with invalid_token and why (RFC 6750
            // would rather omit the error code there; a client reacts to both alike)
            case MISSING, INVALID -> response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM
                    + "\", error=\"invalid_token\", error_description=\"" + quotable(e.getMessage()) + "\"");
            case INSUFFICIENT_SCOPE -> response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM
                    + "\", error=\"insufficient_scope\", error_description=\"" + quotable(e.getMessage()) + "\"");
            case UNAVAILABLE -> LOG.warn("Refusing a request: {}", e.getMessage());
        }
        if (e.kind() != AuthException.Kind.UNAVAILABLE) {
            LOG.debug("Refused a request: {}", e.getMessage());
        }
        byte[] body = body(status, e.getMessage());
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] body(int status, String message) {
        try {
            return JSON.writeValueAsBytes(new ErrorMessage(status, message));
        } catch (JsonProcessingException e) {
            return ("{\"code\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Printable ASCII without quotes or backslashes: what an error_description may hold (RFC 6750 3). */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '\'');
        }
        return out.toString();
    }
}
