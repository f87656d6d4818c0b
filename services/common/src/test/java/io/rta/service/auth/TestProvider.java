package io.rta.service.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A minimal OpenID Connect provider for unit tests of the verifier: a discovery document and a JWKS over HTTP on a
 * free port, tokens signed with its RSA key. (The integration tests use a real provider.)
 */
final class TestProvider implements AutoCloseable {

    final RSAKey key;
    final AtomicInteger keyFetches = new AtomicInteger();
    /** The client the token endpoint knows (client credentials), its secret, and what it was asked. */
    static final String CLIENT_ID = "rta-gateway";
    static final String CLIENT_SECRET = "s3cret:+/ é";
    final AtomicInteger tokenFetches = new AtomicInteger();
    final java.util.List<String> tokenForms = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.List<String> tokenAuthorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What discovery announces as token_endpoint_auth_methods_supported; null: nothing. */
    volatile String authMethods;
    volatile long expiresIn = 120;
    private final HttpServer server;

    TestProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                    + "\"token_endpoint\":\"" + issuer() + "/token\""
                    + (authMethods == null ? "" : ",\"token_endpoint_auth_methods_supported\":" + authMethods) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/jwks", exchange -> {
            keyFetches.incrementAndGet();
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/token", exchange -> {
            int n = tokenFetches.incrementAndGet();
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String basic = exchange.getRequestHeaders().getFirst("Authorization");
            tokenForms.add(form);
            tokenAuthorizations.add(String.valueOf(basic));
            String expectedBasic = "Basic " + java.util.Base64.getEncoder().encodeToString((encode(CLIENT_ID) + ":"
                    + encode(CLIENT_SECRET)).getBytes(StandardCharsets.UTF_8));
            boolean known = expectedBasic.equals(basic) || (basic == null && form.contains("client_id="
                    + encode(CLIENT_ID)) && form.contains("client_secret=" + encode(CLIENT_SECRET)));
            byte[] body = (known ? "{\"access_token\":\"token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + "}" : "{\"error\":\"invalid_client\",\"error_description\":\"client authentication "
                    + "failed\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token valid for 5 minutes for {@code audience}, changed by {@code claims}, signed with this key. */
    String token(String audience, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(claims.apply(valid(audience)).build(), key.getKeyID());
    }

    JWTClaimsSet.Builder valid(String audience) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(audience).subject("engineer-1")
                .issueTime(new java.util.Date(now)).expirationTime(new java.util.Date(now + 300_000));
    }

    String sign(JWTClaimsSet claims, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}
