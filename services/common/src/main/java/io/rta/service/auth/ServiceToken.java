package io.rta.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A service's own bearer token, from the OAuth 2.0 client-credentials flow (RFC 6749 4.4) at the {@code token_endpoint}
 * that {@code Auth:Authority}'s discovery document names, and kept until 30 s before its {@code expires_in}: one token
 * serves every call meanwhile. One request to the provider at a time: callers arriving while it is asked wait for
 * its answer. A failure is remembered for {@link #FAILURE_BACKOFF}, so a provider that refuses or is down is not asked
 * once per request. The client authenticates with HTTP Basic ({@code client_secret_basic}), or in the form when the
 * provider announces {@code client_secret_post} only. Neither the secret nor a token reaches a log line or a message.
 */
public final class ServiceToken {

    /** A token is renewed this long before it expires. */
    static final Duration EARLY = Duration.ofSeconds(30);
    /** How long a failure to get a token is answered again before the provider is asked anew. */
    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(2);
    /** How long a token without {@code expires_in} is used. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DESCRIPTION = 200;

    private record Token(String authorization, long renewAtNanos) {
    }

    private record Endpoint(URI uri, boolean basic) {
    }

    private final ClientCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private volatile Token token;
    private Endpoint endpoint;
    private AuthException failure;
    private long failedAtNanos;

    /** @param timeout how long the provider has to connect and to answer */
    public ServiceToken(ClientCredentials credentials, Duration timeout) {
        this(credentials, timeout, System::nanoTime);
    }

    ServiceToken(ClientCredentials credentials, Duration timeout, LongSupplier nanoClock) {
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.nanoClock = nanoClock;
    }

    /** The client these tokens are for ({@code Auth:ClientId}). */
    public String clientId() {
        return credentials.clientId();
    }

    /**
     * {@code Bearer <token>} for this service.
     *
     * @throws AuthException ({@link AuthException.Kind#UNAVAILABLE}) saying why none can be had: the provider cannot
     *                       be reached, or refuses the credentials or the scope (naming the option to check)
     */
    public String authorization() throws AuthException {
        Token known = token;
        if (known != null && nanoClock.getAsLong() - known.renewAtNanos() < 0) {
            return known.authorization();
        }
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            known = token;
            if (known != null && now - known.renewAtNanos() < 0) {
                return known.authorization();
            }
            if (failure != null && now - failedAtNanos < FAILURE_BACKOFF.toNanos()) {
                throw failure;
            }
            try {
                token = fetch(now);
                failure = null;
                return token.authorization();
            } catch (AuthException e) {
                failure = e;
                failedAtNanos = now;
                throw e;
            }
        }
    }

    /**
     * Forgets {@code authorization} when it is still the one kept: a service refused it (401), so the next
     * {@link #authorization()} asks the provider for a new one.
     */
    public void refused(String authorization) {
        synchronized (lock) {
            Token known = token;
            if (known != null && known.authorization().equals(authorization)) {
                token = null;
            }
        }
    }

    private Token fetch(long now) throws AuthException {
        Endpoint target = endpoint();
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (!credentials.scope().isEmpty()) {
            form.append("&scope=").append(encode(credentials.scope()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri()).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (target.basic()) {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded
            String pair = encode(credentials.clientId()) + ":" + encode(credentials.clientSecret());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(encode(credentials.clientId()))
                    .append("&client_secret=").append(encode(credentials.clientSecret()));
        }
        HttpResponse<byte[]> answer = send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                "token endpoint " + target.uri());
        JsonNode json = parse(answer.body());
        if (answer.statusCode() != 200) {
            throw refusal(answer.statusCode(), json);
        }
        String accessToken = json.path("access_token").asText("");
        String type = json.path("token_type").asText("");
        if (accessToken.isEmpty() || !type.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new AuthException(AuthException.Kind.UNAVAILABLE, "the token endpoint " + target.uri()
                    + " answered no bearer access_token for Auth:ClientId '" + credentials.clientId() + "'");
        }
        long lifetime = json.path("expires_in").canConvertToLong() && json.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(json.path("expires_in").asLong()).toNanos() : DEFAULT_LIFETIME.toNanos();
        long use = Math.max(lifetime - EARLY.toNanos(), lifetime / 2);
        return new Token("Bearer " + accessToken, now + use);
    }

    /** The token endpoint and how to authenticate at it, from the discovery document (read once it was read well). */
    private Endpoint endpoint() throws AuthException {
        if (endpoint != null) {
            return endpoint;
        }
        String root = credentials.authority().toString().replaceAll("/+$", "");
        URI document = URI.create(root + "/.well-known/openid-configuration");
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(document).timeout(timeout)
                .header("Accept", "application/json").GET().build(), "discovery document " + document);
        JsonNode json = answer.statusCode() == 200 ? parse(answer.body()) : null;
        String tokenEndpoint = json == null ? "" : json.path("token_endpoint").asText("");
        if (tokenEndpoint.isEmpty()) {
            throw new AuthException(AuthException.Kind.UNAVAILABLE, "the discovery document " + document
                    + " (Auth:Authority) " + (json == null ? "answered HTTP " + answer.statusCode()
                    : "names no token_endpoint"));
        }
        JsonNode methods = json.path("token_endpoint_auth_methods_supported");
        boolean basic = true;
        if (methods.isArray() && !methods.isEmpty() && !contains(methods, "client_secret_basic")) {
            if (!contains(methods, "client_secret_post")) {
                throw new AuthException(AuthException.Kind.UNAVAILABLE, "the provider of Auth:Authority takes "
                        + "neither client_secret_basic nor client_secret_post at its token endpoint (it announces "
                        + methods + ")");
            }
            basic = false;
        }
        endpoint = new Endpoint(URI.create(tokenEndpoint), basic);
        return endpoint;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws AuthException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AuthException(AuthException.Kind.UNAVAILABLE, "the identity provider's " + what
                    + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(AuthException.Kind.UNAVAILABLE, "interrupted while asking the " + what, e);
        }
    }

    /** The provider's error answer (RFC 6749 5.2) as a message naming the option to check. */
    private AuthException refusal(int status, JsonNode json) {
        String error = json.path("error").asText("");
        String description = shown(json.path("error_description").asText(""));
        String check = switch (error) {
            case "invalid_client", "unauthorized_client" -> "check Auth:ClientId and Auth:ClientSecret";
            case "invalid_scope" -> "check Auth:TokenScope (or Auth:InternalScope)";
            default -> "check Auth:ClientId, Auth:ClientSecret and Auth:TokenScope";
        };
        return new AuthException(AuthException.Kind.UNAVAILABLE, "the identity provider refused the client "
                + "credentials of Auth:ClientId '" + credentials.clientId() + "' (HTTP " + status
                + (error.isEmpty() ? "" : ", " + shown(error)) + (description.isEmpty() ? "" : ": " + description)
                + "): " + check);
    }

    /** A provider's text as it may be shown: short, printable, without the secret. */
    private String shown(String text) {
        String plain = text.replace(credentials.clientSecret(), "****").replaceAll("[^\\x20-\\x7E]", "?");
        return plain.length() <= MAX_DESCRIPTION ? plain : plain.substring(0, MAX_DESCRIPTION) + "...";
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
