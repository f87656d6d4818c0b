package io.rta.gateway.data;

import io.rta.gateway.bindings.DataBinding;
import io.rta.gateway.bindings.DataBindingsJson;
import io.rta.gateway.proxy.Upstream;
import io.rta.gateway.proxy.UpstreamClient;
import io.rta.gateway.proxy.UpstreamFailure;
import io.rta.service.auth.AuthException;
import io.rta.service.auth.ServiceToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each session's data bindings, read from the session service's internal
 * {@code GET /rta/v2/sessions/{identity}/data-bindings} and kept for {@code BindingsCacheTime}: a change of bindings
 * applies to data requests at most that long after the session service serves it (0: read for every request). Only
 * found bindings are kept: a session that does not exist yet is asked for again on the next request. The cache holds
 * at most {@code BindingsCacheSize} sessions; beyond it, it starts again empty.
 * <p>
 * With the gateway's own token ({@code Auth:ClientId}, {@link ServiceToken}) the internal route is asked with that
 * token, since a user's token does not open it (it needs {@code Auth:InternalScope}); the caller must still be allowed
 * to see the session, so the gateway first asks {@code GET /rta/v2/sessions/{identity}} with the caller's token, and
 * relays its refusal (401, or 404 for a session that does not exist or that the caller may not see). That answer is
 * kept per caller token and session for {@code BindingsCacheTime} too. Without its own token the gateway asks the
 * internal route with the caller's token (a session service with auth off).
 */
public final class SessionBindings {

    private static final Logger LOG = LoggerFactory.getLogger(SessionBindings.class);
    private static final Pattern ERROR_DESCRIPTION = Pattern.compile("error_description=\"([^\"]*)\"");

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
    private final ServiceToken ownToken;
    private final long cacheNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    /** Until when a caller (token and session identity) was last let see a session. */
    private final Map<String, Long> callers = new ConcurrentHashMap<>();

    /** @param ownToken the gateway's own token for the internal route; null: ask it with the caller's token */
    public SessionBindings(UpstreamClient client, Upstream sessions, ServiceToken ownToken, Duration cacheTime,
                           int maxEntries) {
        this(client, sessions, ownToken, cacheTime, maxEntries, System::nanoTime);
    }

    SessionBindings(UpstreamClient client, Upstream sessions, ServiceToken ownToken, Duration cacheTime,
                    int maxEntries, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("Option BindingsCacheSize must be 1 or more, not " + maxEntries);
        }
        this.client = client;
        this.sessions = sessions;
        this.ownToken = ownToken;
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
     * {@link #of(String)} for a caller with the {@code Authorization} header {@code authorization} (null when the
     * caller sent none), which the session service checks.
     *
     * @throws UpstreamFailure also when the gateway cannot get its own token, or the session service refuses it
     */
    public Lookup of(String rawIdentity, String authorization) throws IOException {
        long now = nanoClock.getAsLong();
        if (ownToken != null) {
            Refused refused = checkCaller(rawIdentity, authorization, now);
            if (refused != null) {
                return refused;
            }
        }
        Entry entry = cache.get(rawIdentity);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return new Found(entry.bindings());
        }
        HttpResponse<InputStream> answer = ownToken == null ? askBindings(rawIdentity, authorization)
                : askBindingsAsTheGateway(rawIdentity);
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
        remember(cache, rawIdentity, new Entry(bindings, now + cacheNanos));
        return new Found(bindings);
    }

    /** Null when the caller may see the session (asked, or known for the cache time); else the refusal to relay. */
    private Refused checkCaller(String rawIdentity, String authorization, long now) throws IOException {
        String key = authorization + " " + rawIdentity;
        Long until = callers.get(key);
        if (until != null && now - until < 0) {
            return null;
        }
        HttpRequest.Builder request = client.request(sessions, "/rta/v2/sessions/" + rawIdentity)
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> answer = client.send(sessions, request.build());
        if (answer.statusCode() != 200) {
            return new Refused(answer);
        }
        discard(answer);
        remember(callers, key, now + cacheNanos);
        return null;
    }

    private HttpResponse<InputStream> askBindings(String rawIdentity, String authorization) throws IOException {
        HttpRequest.Builder request = client.request(sessions, "/rta/v2/sessions/" + rawIdentity + "/data-bindings")
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(sessions, request.build());
    }

    /** The internal route asked with the gateway's own token, once more with a new one when it was refused (401). */
    private HttpResponse<InputStream> askBindingsAsTheGateway(String rawIdentity) throws IOException {
        String own = ownAuthorization();
        HttpResponse<InputStream> answer = askBindings(rawIdentity, own);
        if (answer.statusCode() == 401) {
            discard(answer);
            ownToken.refused(own);
            answer = askBindings(rawIdentity, ownAuthorization());
        }
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
            discard(answer);
            Matcher description = ERROR_DESCRIPTION.matcher(challenge);
            String why = description.find() ? description.group(1) : "HTTP " + answer.statusCode();
            LOG.warn("The {} refused the gateway's own token (Auth:ClientId '{}') on its data-bindings route: {}",
                    sessions.name(), ownToken.clientId(), why);
            throw new UpstreamFailure(502, "the " + sessions.name() + " refused the gateway's own token (Auth:ClientId "
                    + "'" + ownToken.clientId() + "'): " + why + "; the provider must grant that client the services' "
                    + "Auth:InternalScope and Auth:Audience", null);
        }
        return answer;
    }

    private String ownAuthorization() throws UpstreamFailure {
        try {
            return ownToken.authorization();
        } catch (AuthException e) {
            LOG.warn("The gateway cannot get its own token for the {}'s data bindings: {}", sessions.name(),
                    e.getMessage());
            throw new UpstreamFailure(502, "the gateway cannot get its own token to read the session's data "
                    + "bindings: " + e.getMessage(), e);
        }
    }

    private <V> void remember(Map<String, V> map, String key, V value) {
        if (cacheNanos > 0) {
            if (map.size() >= maxEntries) {
                map.clear();
            }
            map.put(key, value);
        }
    }

    /** Reads an answer's body to its end (a small one), so its connection can serve again. */
    private static void discard(HttpResponse<InputStream> answer) throws IOException {
        try (InputStream body = answer.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }
}
