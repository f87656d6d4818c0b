package io.rta.data.remote;

import io.rta.data.DataUnavailableException;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a Data API request to the instance that owns the data identity, marked so the owner answers from its own
 * state, and hands back the owner's response body as a stream (never buffered).
 */
public final class OwnerClient {

    /** Marks a forwarded request; its value is {@link #FORWARDED}. */
    public static final String FORWARDED_HEADER = "X-RTA-Forwarded";
    public static final String FORWARDED = "1";

    private final HttpClient http;
    private final String scheme;
    private final Duration timeout;

    /**
     * @param scheme  {@code https} when owners are reached over TLS (their advertised port is then their HTTPS port)
     * @param timeout how long the owner may take to start answering
     */
    public OwnerClient(HttpClient http, String scheme, Duration timeout) {
        this.http = http;
        this.scheme = scheme;
        this.timeout = timeout;
    }

    /** An HTTP client for forwarding over plain HTTP: HTTP/1.1, bounded connect time. */
    public static OwnerClient create(Duration timeout) {
        return create(timeout, Optional.empty());
    }

    /**
     * A client for forwarding: over HTTPS when {@code tls} is present (TLS on: owners advertise their HTTPS port),
     * verifying the owner's certificate and host name against the JDK's CAs and {@code Tls:ClientCaPath}, and
     * presenting this instance's certificate when TLS is mutual.
     */
    public static OwnerClient create(Duration timeout, Optional<TlsSettings.Identity> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (tls.isPresent()) {
            builder.sslContext(TlsContexts.client(tls)).sslParameters(TlsContexts.clientParameters());
        }
        return new OwnerClient(builder.build(), tls.isPresent() ? "https" : "http", timeout);
    }

    /**
     * Opens the owner's response to the same path and query.
     *
     * @param pathAndQuery the raw (still encoded) path and query of the original request
     * @throws DataUnavailableException when the owner cannot be reached or does not answer in time
     */
    public HttpResponse<InputStream> get(HostInfo owner, String pathAndQuery) {
        return get(owner, pathAndQuery, null);
    }

    /**
     * {@link #get(HostInfo, String)} with the caller's {@code Authorization} header (null: none), so an owner with
     * auth on checks the caller's token as the first instance did: {@link #FORWARDED_HEADER} skips no check.
     */
    public HttpResponse<InputStream> get(HostInfo owner, String pathAndQuery, String authorization) {
        URI uri = URI.create(scheme + "://" + owner.host() + ":" + owner.port() + pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header(FORWARDED_HEADER, FORWARDED);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new DataUnavailableException("the owner " + owner.host() + ":" + owner.port()
                    + " of the data did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new DataUnavailableException("the owner " + owner.host() + ":" + owner.port()
                    + " of the data cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataUnavailableException("interrupted while forwarding to " + owner.host() + ":"
                    + owner.port(), e);
        }
    }
}
