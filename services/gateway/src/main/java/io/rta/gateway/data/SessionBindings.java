package io.rta.gateway.data;

import io.rta.gateway.bindings.DataBinding;
import io.rta.gateway.bindings.DataBindingsJson;
import io.rta.gateway.proxy.Upstream;
import io.rta.gateway.proxy.UpstreamClient;
import io.rta.gateway.proxy.UpstreamFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each session's data bindings, read from the session service's internal
 * {@code GET /rta/v2/sessions/{identity}/data-bindings} and kept for {@code BindingsCacheTime}: a change of bindings
 * applies to data requests at most that long after the session service serves it (0: read for every request). Only
 * found bindings are kept: a session that does not exist yet is asked for again on the next request. The cache holds
 * at most {@code BindingsCacheSize} sessions; beyond it, it starts again empty.
 */
public final class SessionBindings {

    private static final Logger LOG = LoggerFactory.getLogger(SessionBindings.class);

    /** The bindings, or the session service's other answer (404 for an unknown session), for the client to see. */
    public sealed interface Lookup permits Found, Refused {
    }

    /** The session's bindings (empty: a session without any). */
    public record Found(List<DataBinding> bindings) implements Lookup {
    }

    /** The session service's answer other than 200, to relay as it is; its body must be closed. */
    public record Refused(HttpResponse<InputStream> answer) implements Lookup {
    }

    private record Entry(List<DataBinding> bindings, long expiresAtNanos) {
    }

    private final UpstreamClient client;
    private final Upstream sessions;
    private final long cacheNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public SessionBindings(UpstreamClient client, Upstream sessions, Duration cacheTime, int maxEntries) {
        this(client, sessions, cacheTime, maxEntries, System::nanoTime);
    }

    SessionBindings(UpstreamClient client, Upstream sessions, Duration cacheTime, int maxEntries,
                    LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("Option BindingsCacheSize must be 1 or more, not " + maxEntries);
        }
        this.client = client;
        this.sessions = sessions;
        this.cacheNanos = cacheTime.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * The bindings of the session {@code rawIdentity} (percent-encoded as in the client's path).
     *
     * @throws UpstreamFailure when the session service cannot be asked, or answers with something that is not bindings
     */
    public Lookup of(String rawIdentity) throws IOException {
        return of(rawIdentity, null);
    }

    /**
     * {@link #of(String)} asking with the caller's {@code Authorization} header (forwarded as the gateway README
     * says; null when the caller sent none), so a session service with auth on checks the caller's token.
     */
    public Lookup of(String rawIdentity, String authorization) throws IOException {
        long now = nanoClock.getAsLong();
        Entry entry = cache.get(rawIdentity);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return new Found(entry.bindings());
        }
        HttpRequest.Builder request = client.request(sessions, "/rta/v2/sessions/" + rawIdentity + "/data-bindings")
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> answer = client.send(sessions, request.build());
        if (answer.statusCode() != 200) {
            return new Refused(answer);
        }
        List<DataBinding> bindings;
        try (InputStream body = answer.body()) {
            bindings = DataBindingsJson.parse(body);
        } catch (UpstreamFailure e) {
            throw e;
        } catch (IOException e) {
            LOG.warn("The {} answered data bindings the gateway cannot read: {}", sessions.name(), e.getMessage());
            throw new UpstreamFailure(502, "the " + sessions.name() + " answered data bindings the gateway cannot "
                    + "read", e);
        }
        if (cacheNanos > 0) {
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
            cache.put(rawIdentity, new Entry(bindings, now + cacheNanos));
        }
        return new Found(bindings);
    }
}
