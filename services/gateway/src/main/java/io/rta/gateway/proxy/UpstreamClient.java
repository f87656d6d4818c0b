package io.rta.gateway.proxy;

import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the services behind the gateway, over the JDK's {@link HttpClient} (HTTP/1.1, pooled keep-alive connections,
 * no redirects followed: a 3xx is the client's to see). Bodies stream both ways ({@link TimedBody}); every wait is
 * bounded: the connection by {@code UpstreamConnectTimeout}, the answer's headers and every later silence by
 * {@code UpstreamReadTimeout}. A failure is an {@link UpstreamFailure} (502 or 504) naming the service.
 * <p>
 * Why the JDK client rather than Jetty's: Jetty's {@code HttpClient} is not among the build's dependencies (Dropwizard
 * brings Jetty's server side only), while the JDK's is there, already forwards data reads between data services
 * ({@code OwnerClient}), and does WebSockets too ({@code live}); the one thing it lacks, a timeout between two parts
 * of a body, is {@link TimedBody}.
 */
public final class UpstreamClient {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** Without TLS of its own: {@code https} services are trusted as the JDK trusts them. */
    public UpstreamClient(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, Optional.empty());
    }

    /**
     * @param tls the gateway's TLS identity: {@code https} (and {@code wss}) services are verified against the JDK's
     *     CAs and {@code Tls:ClientCaPath}, and with mutual TLS the gateway presents its certificate
     */
    public UpstreamClient(Duration connectTimeout, Duration readTimeout, Optional<TlsSettings.Identity> tls) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(TlsContexts.client(tls))
                .sslParameters(TlsContexts.clientParameters()).build();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The client for WebSockets to the same services (same connect timeout). */
    public HttpClient http() {
        return http;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A request to {@code upstream} at {@code rawPathAndQuery}, its headers still to add, timed out by the options. */
    public HttpRequest.Builder request(Upstream upstream, String rawPathAndQuery) {
        return HttpRequest.newBuilder(upstream.resolve(rawPathAndQuery)).timeout(readTimeout);
    }

    /** Sends and waits for the answer's headers; its body streams as it is read. */
    public HttpResponse<InputStream> send(Upstream upstream, HttpRequest request) throws IOException {
        try {
            return http.send(request, info -> new TimedBody(readTimeout, upstream.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(503, "the gateway is stopping", e);
        } catch (IOException e) {
            throw failure(upstream, e);
        }
    }

    /** Sends without waiting: for several requests in parallel; {@link #await} gets each answer. */
    public CompletableFuture<HttpResponse<InputStream>> sendAsync(Upstream upstream, HttpRequest request) {
        return http.sendAsync(request, info -> new TimedBody(readTimeout, upstream.name()));
    }

    /** The answer of {@link #sendAsync}, or its failure as {@link UpstreamFailure}. */
    public HttpResponse<InputStream> await(Upstream upstream, CompletableFuture<HttpResponse<InputStream>> answer)
            throws IOException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new UpstreamFailure(503, "the gateway is stopping", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw failure(upstream, cause instanceof IOException io ? io : new IOException(cause));
        }
    }

    /** Why {@code upstream} did not answer, as the client is told it (the details go to the log). */
    private UpstreamFailure failure(Upstream upstream, IOException e) {
        if (e instanceof UpstreamFailure known) {
            return known;
        }
        LOG.warn("The {} at {} did not answer: {}", upstream.name(), upstream.root(), e.toString());
        if (e instanceof HttpConnectTimeoutException) {
            // unreachable (the contract: an unreachable upstream is 502/503); 504 is for a silent one
            return new UpstreamFailure(502, "the " + upstream.name() + " did not accept a connection within "
                    + connectTimeout.toMillis() + " ms (UpstreamConnectTimeout)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new UpstreamFailure(504, "the " + upstream.name() + " did not answer within "
                    + readTimeout.toMillis() + " ms (UpstreamReadTimeout)", e);
        }
        if (e instanceof ConnectException) {
            return new UpstreamFailure(502, "the " + upstream.name() + " refused the connection (is it running?)",
                    e);
        }
        return new UpstreamFailure(502, "the " + upstream.name() + " closed the connection without answering", e);
    }
}
