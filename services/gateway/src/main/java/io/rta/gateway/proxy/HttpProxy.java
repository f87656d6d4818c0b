package io.rta.gateway.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one request to a service and its answer back, streamed both ways (never a whole body in memory): method, raw
 * path and query exactly as the client sent them (percent-encoding included), headers but the hop-by-hop ones, and
 * the service's status, headers and body, errors included. A service that cannot be reached, or stays silent, is a
 * 502 / 504 with the JSON error body; one that fails after part of its answer went out drops the client's connection,
 * so the client sees an incomplete answer, never a short 200.
 */
public final class HttpProxy {

    private static final Logger LOG = LoggerFactory.getLogger(HttpProxy.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final UpstreamClient client;

    public HttpProxy(UpstreamClient client) {
        this.client = client;
    }

    public UpstreamClient client() {
        return client;
    }

    public void forward(Upstream upstream, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(upstream, upstreamRequest(upstream, request));
        } catch (UpstreamFailure e) {
            ErrorAnswers.send(response, e.status(), e.getMessage());
            return;
        }
        relay(answer, request, response);
    }

    /** Sends an answer already received from a service to the client: status, headers, body. */
    public static void relay(HttpResponse<InputStream> answer, HttpServletRequest request,
                             HttpServletResponse response) throws IOException {
        try (InputStream body = answer.body()) {
            response.setStatus(answer.statusCode());
            copyHeaders(answer.headers().map(), response);
            copyBody(body, request, response);
        }
    }

    private HttpRequest upstreamRequest(Upstream upstream, HttpServletRequest request) throws IOException {
        HttpRequest.Builder builder = client.request(upstream, rawPathAndQuery(request));
        Set<String> skipped = HopByHop.of(Collections.list(request.getHeaders("Connection")));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (skipped.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        forwardedFor(request, builder);
        return builder.method(request.getMethod(), body(request)).build();
    }

    /**
     * What makes the request's path and query no URI (so it could not be passed on), or null. Jetty passes a query on
     * without looking at it ({@code ?x=%zz}); answered 400 up front, it never reaches a URI builder that would throw.
     */
    public static String uriProblem(HttpServletRequest request) {
        try {
            new URI(rawPathAndQuery(request));
            return null;
        } catch (URISyntaxException e) {
            return "the request's path and query are not a valid URI: " + e.getReason() + " at index " + e.getIndex();
        }
    }

    /** The request's path and query as the client wrote them, still percent-encoded. */
    public static String rawPathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** Who asked, as reverse proxies say it ({@code X-Forwarded-For}, {@code -Proto}, {@code -Host}). */
    public static void forwardedFor(HttpServletRequest request, HttpRequest.Builder builder) {
        String earlier = request.getHeader("X-Forwarded-For");
        builder.setHeader("X-Forwarded-For", (earlier == null ? "" : earlier + ", ") + request.getRemoteAddr());
        if (request.getHeader("X-Forwarded-Proto") == null) {
            builder.setHeader("X-Forwarded-Proto", request.getScheme());
        }
        if (request.getHeader("X-Forwarded-Host") == null && request.getHeader("Host") != null) {
            builder.setHeader("X-Forwarded-Host", request.getHeader("Host"));
        }
    }

    /** The client's body, streamed as the service reads it; its length kept when the client gave one. */
    private static HttpRequest.BodyPublisher body(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            return HttpRequest.BodyPublishers.noBody();
        }
        InputStream in = request.getInputStream();
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpServletResponse response) {
        Set<String> skipped = HopByHop.of(headers.getOrDefault("connection", List.of()));
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || (skipped.contains(lower) && !lower.equals("content-length"))) {
                return;
            }
            for (String value : values) {
                response.addHeader(name, value);
            }
        });
    }

    /**
     * Copies the body, flushing whenever the service has nothing more at hand (so a slow answer reaches the client
     * as it comes). A service failing part-way: before anything was committed, the error answer; after, the client's
     * connection is dropped.
     */
    private static void copyBody(InputStream body, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[BUFFER_BYTES];
        while (true) {
            int read;
            try {
                read = body.read(buffer);
            } catch (UpstreamFailure e) {
                failPartWay(request, response, e.status(), e.getMessage(), e);
                return;
            }
            if (read < 0) {
                return;
            }
            out.write(buffer, 0, read);
            if (body.available() == 0) {
                out.flush();
            }
        }
    }

    /**
     * A failure while answering: the error answer when nothing has gone out yet, else the client's connection is
     * dropped (a chunked or length-delimited answer cut short that way is seen as incomplete by any HTTP client).
     */
    public static void failPartWay(HttpServletRequest request, HttpServletResponse response, int status,
                                   String message, Throwable cause) throws IOException {
        if (!response.isCommitted()) {
            ErrorAnswers.send(response, status, message);
            return;
        }
        LOG.warn("{} {}: {} after part of the answer was sent; dropping the client's connection",
                request.getMethod(), request.getRequestURI(), message);
        ServletContextRequest servlet = ServletContextRequest.getServletContextRequest(request);
        if (servlet == null) {
            throw new IOException(message, cause);
        }
        servlet.getServletChannel().abort(cause);
    }
}
