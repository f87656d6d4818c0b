package io.rta.server.bench;

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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal OpenID Connect issuer for {@code ./rta bench auth}, on a free loopback port of this JVM: the discovery
 * document and the JWKS of one RSA key, which signs the benchmark's RS256 tokens. The server under test discovers it,
 * fetches its keys and verifies every token as it would a real provider's (the tests use a real provider,
 * mock-oauth2-server, which is not part of the runtime).
 */
final class BenchIssuer implements AutoCloseable {

    static final String AUDIENCE = "rta-bench";

    private final HttpServer http;
    private final RSAKey key;
    private final String issuer;
    private final AtomicLong keyFetches = new AtomicLong();

    private BenchIssuer(HttpServer http, RSAKey key) {
        this.http = http;
        this.key = key;
        this.issuer = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    static BenchIssuer start() throws IOException, JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        BenchIssuer issuer = new BenchIssuer(http, key);
        issuer.serve("/.well-known/openid-configuration", () -> "{\"issuer\":\"" + issuer.issuer
                + "\",\"jwks_uri\":\"" + issuer.issuer + "/jwks\"}");
        issuer.serve("/jwks", () -> {
            issuer.keyFetches.incrementAndGet();
            return new JWKSet(key.toPublicJWK()).toString();
        });
        http.start();
        return issuer;
    }

    private interface Body {
        String json();
    }

    private void serve(String path, Body body) {
        http.createContext(path, exchange -> {
            byte[] bytes = body.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    /** The issuer URL: the server's {@code Auth:Authority}. */
    String issuer() {
        return issuer;
    }

    /** How many times its keys were fetched (the server caches them). */
    long keyFetches() {
        return keyFetches.get();
    }

    /** {@code Bearer <token>}: a token for {@link #AUDIENCE} with the write scope, valid for {@code lifetime}. */
    String bearer(Duration lifetime) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE)
                .subject("bench").claim("scope", "rta.write").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime))).build());
        token.sign(new RSASSASigner(key));
        return "Bearer " + token.serialize();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
