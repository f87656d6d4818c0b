package io.rta.data.remote;

import io.rta.data.DataUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
    private final Duration timeout;

    /** @param timeout how long the owner may take to start answering */
    public OwnerClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** An HTTP client for forwarding: HTTP/1.1, bounded connect time. */
    public static OwnerClient create(Duration timeout) {
        return new OwnerClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(), timeout);
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
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
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
