package io.rta.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jose.JOSEException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Checks bearer tokens: JWTs signed by one of the configured issuers ({@link AuthSettings#issuers}), with the keys its
 * OpenID Connect discovery document names ({@code jwks_uri}), fetched once and cached; a token naming a key id the
 * cache does not hold makes it refetch, at most once per {@link #KEY_REFETCH_INTERVAL} (a flood of made-up
 * {@code kid}s cannot hammer the provider). Only asymmetric signatures ({@link #ALGORITHMS}) are accepted — never
 * {@code alg: none}, never an HMAC (which a public key would otherwise "verify"); {@code iss}, {@code aud},
 * {@code exp} (required) and {@code nbf} are checked with {@link AuthSettings#clockSkew}. A verified token is
 * remembered until it expires, so a client sending the same token on every request costs one signature check.
 * Nimbus JOSE + JWT does the cryptography and the claim checks.
 */
public final class TokenVerifier {

    /** The signature algorithms accepted: RSA, RSA-PSS, ECDSA and EdDSA. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.Ed25519, JWSAlgorithm.EdDSA);
    /** How long a remembered token must stay valid for {@link #known} to answer it. */
    static final Duration KNOWN_MARGIN = Duration.ofSeconds(30);
    /** Shortest time between two fetches of an issuer's keys. */
    public static final Duration KEY_REFETCH_INTERVAL = Duration.ofSeconds(30);
    /** How long fetched keys are used before they are fetched again. */
    static final Duration KEY_CACHE_TIME = Duration.ofHours(1);
    /** Shortest time between two attempts at an unreachable provider's discovery document. */
    static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** Verified tokens remembered; beyond, the expired are dropped, then all. */
    static final int CACHE_SIZE = 10_000;
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthSettings settings;
    private final List<IssuerKeys> issuers;
    private final LongSupplier clock;
    private final Map<String, Principal> verified = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public TokenVerifier(AuthSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    TokenVerifier(AuthSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.issuers = settings.issuers().stream().map(IssuerKeys::new).toList();
    }

    /**
     * The principal of a bearer token.
     *
     * @throws AuthException {@code INVALID} saying what is wrong with it, or {@code UNAVAILABLE} when the keys of its
     *     issuer cannot be fetched
     */
    public Principal verify(String token) throws AuthException {
        if (token == null || token.isBlank()) {
            throw new AuthException(AuthException.Kind.MISSING, "no bearer token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new AuthException(AuthException.Kind.INVALID, "the token is longer than " + MAX_TOKEN_CHARS
                    + " characters");
        }
        long now = clock.getAsLong();
        Principal known = verified.get(token);
        if (known != null && now < known.expiresAtMillis() + settings.clockSkew().toMillis()) {
            return known;
        }
        Principal principal = check(token);
        remember(token, principal, now);
        return principal;
    }

    /**
     * The principal {@link #verify} would answer {@code token} with from what it remembers, when it was verified before
     * and stays valid for at least {@link #KNOWN_MARGIN} more (so a caller may use it a little later); else null.
     */
    public Principal known(String token) {
        Principal known = token == null ? null : verified.get(token);
        return known != null && clock.getAsLong() + KNOWN_MARGIN.toMillis()
                < known.expiresAtMillis() + settings.clockSkew().toMillis() ? known : null;
    }

    private Principal check(String token) throws AuthException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new AuthException(AuthException.Kind.INVALID, "the token is not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthException(AuthException.Kind.INVALID, "the token is not signed (alg " + jwt.getHeader()
                    .getAlgorithm() + "); only " + "signed JWTs are accepted");
        }
        String iss;
        try {
            iss = signed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new AuthException(AuthException.Kind.INVALID, "the token's claims are not a JSON object");
        }
        if (iss == null || iss.isBlank()) {
            throw new AuthException(AuthException.Kind.INVALID, "the token names no issuer (iss)");
        }
        IssuerKeys issuer = issuerOf(iss);
        try {
            JWTClaimsSet claims = issuer.processor().process(signed, null);
            return principal(issuer.settings.name(), claims);
        } catch (RateLimitReachedException e) {
            throw new AuthException(AuthException.Kind.INVALID, "the token was refused: no key of issuer '"
                    + issuer.settings.name() + "' matches its key id (kid), and the keys were fetched less than "
                    + KEY_REFETCH_INTERVAL.toSeconds() + " s ago");
        } catch (KeySourceException e) {
            throw new AuthException(AuthException.Kind.UNAVAILABLE, "the keys of issuer '" + issuer.settings.name()
                    + "' cannot be fetched: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new AuthException(AuthException.Kind.INVALID, "the token was refused: " + e.getMessage());
        }
    }

    /** The configured issuer whose discovered {@code issuer} is {@code iss}. */
    private IssuerKeys issuerOf(String iss) throws AuthException {
        AuthException unavailable = null;
        // an issuer id is usually its authority: try that one first, so an unreachable other provider does not matter
        for (IssuerKeys issuer : issuers) {
            if (sameUrl(issuer.settings.authority().toString(), iss)) {
                if (iss.equals(issuer.issuerId())) {
                    return issuer;
                }
            }
        }
        for (IssuerKeys issuer : issuers) {
            try {
                if (iss.equals(issuer.issuerId())) {
                    return issuer;
                }
            } catch (AuthException e) {
                unavailable = e;
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        throw new AuthException(AuthException.Kind.INVALID, "the token's issuer is not one this service accepts");
    }

    private static boolean sameUrl(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private void remember(String token, Principal principal, long now) {
        if (verified.size() >= CACHE_SIZE) {
            verified.values().removeIf(p -> p.expiresAtMillis() <= now);
            if (verified.size() >= CACHE_SIZE) {
                verified.clear();
            }
        }
        verified.put(token, principal);
    }

    static Principal principal(String issuer, JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        addSpaceDelimited(scopes, claims.getClaim("scope"));
        Object scp = claims.getClaim("scp");
        if (scp instanceof String) {
            // Azure AD and others put delegated scopes in one space-delimited scp string
            addSpaceDelimited(scopes, scp);
        } else if (scp instanceof Collection<?> list) {
            list.forEach(item -> scopes.add(String.valueOf(item)));
        }
        Date exp = claims.getExpirationTime();
        return new Principal(issuer, claims.getSubject() == null ? "" : claims.getSubject(), scopes,
                claims.toJSONObject(), exp == null ? Long.MAX_VALUE : exp.getTime());
    }

    private static void addSpaceDelimited(Set<String> scopes, Object claim) {
        if (claim instanceof String text) {
            for (String s : text.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
    }

    /** One issuer: its discovery document, read once, and the token processor over its keys. */
    private final class IssuerKeys {
        private final AuthSettings.Issuer settings;
        private volatile Discovered discovered;
        private volatile long failedAt = Long.MIN_VALUE;
        private volatile AuthException failure;

        IssuerKeys(AuthSettings.Issuer settings) {
            this.settings = settings;
        }

        String issuerId() throws AuthException {
            return discovered().issuerId();
        }

        DefaultJWTProcessor<SecurityContext> processor() throws AuthException {
            return discovered().processor();
        }

        private Discovered discovered() throws AuthException {
            Discovered known = discovered;
            if (known != null) {
                return known;
            }
            synchronized (this) {
                if (discovered != null) {
                    return discovered;
                }
                long now = clock.getAsLong();
                if (failure != null && now - failedAt < DISCOVERY_RETRY.toMillis()) {
                    throw failure;
                }
                try {
                    discovered = discover();
                    failure = null;
                    return discovered;
                } catch (AuthException e) {
                    failure = e;
                    failedAt = now;
                    throw e;
                }
            }
        }

        private Discovered discover() throws AuthException {
            URI document = URI.create(strip(settings.authority().toString()) + "/.well-known/openid-configuration");
            JsonNode json;
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(document).timeout(HTTP_TIMEOUT)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AuthException(AuthException.Kind.UNAVAILABLE, "the OpenID Connect discovery document of "
                        + "issuer '" + settings.name() + "' (" + document + ") cannot be read: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthException(AuthException.Kind.UNAVAILABLE, "interrupted while reading " + document, e);
            }
            String issuerId = json.path("issuer").asText("");
            String jwksUri = json.path("jwks_uri").asText("");
            if (issuerId.isEmpty() || jwksUri.isEmpty()) {
                throw new AuthException(AuthException.Kind.UNAVAILABLE, "the discovery document " + document
                        + " names no issuer or jwks_uri");
            }
            URL keysUrl;
            try {
                keysUrl = URI.create(jwksUri).toURL();
            } catch (IllegalArgumentException | java.net.MalformedURLException e) {
                throw new AuthException(AuthException.Kind.UNAVAILABLE, "the discovery document " + document
                        + " names a jwks_uri that is not a URL");
            }
            int timeout = (int) HTTP_TIMEOUT.toMillis();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(keysUrl,
                            new DefaultResourceRetriever(timeout, timeout, 1024 * 1024))
                    .cache(KEY_CACHE_TIME.toMillis(), HTTP_TIMEOUT.toMillis())
                    .rateLimited(KEY_REFETCH_INTERVAL.toMillis())
                    .build();
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            // access tokens are typed JWT or at+jwt (RFC 9068), or untyped
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                    new JOSEObjectType("at+jwt"), null));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    Set.of(settings.audience()), new JWTClaimsSet.Builder().issuer(issuerId).build(), Set.of("exp"),
                    null);
            claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings().clockSkew().toSeconds()));
            processor.setJWTClaimsSetVerifier(claims);
            return new Discovered(issuerId, processor);
        }
    }

    private AuthSettings settings() {
        return settings;
    }

    private record Discovered(String issuerId, DefaultJWTProcessor<SecurityContext> processor) {
    }
}
