package io.rta.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String AUDIENCE = "rta";

    private final TestProvider provider = new TestProvider();
    private final TestProvider partner = new TestProvider();
    private final TokenVerifier verifier = new TokenVerifier(new AuthSettings(true, List.of(
            new AuthSettings.Issuer(AuthSettings.DEFAULT_ISSUER, URI.create(provider.issuer()), AUDIENCE),
            new AuthSettings.Issuer("partner", URI.create(partner.issuer() + "/"), "rta-partner")),
            Duration.ofSeconds(30), "rta.write", "rta.internal"));

    @AfterEach
    void stop() {
        provider.close();
        partner.close();
    }

    @Test
    void shouldAcceptAValidTokenAndReadItsScopes() throws Exception {
        Principal principal = verifier.verify(provider.token(AUDIENCE, c -> c.claim("scope", "rta.write  openid")
                .claim("scp", List.of("extra"))));

        assertThat(principal.issuer()).isEqualTo(AuthSettings.DEFAULT_ISSUER);
        assertThat(principal.subject()).isEqualTo("engineer-1");
        assertThat(principal.scopes()).containsExactlyInAnyOrder("rta.write", "openid", "extra");
        assertThat(principal.claims()).containsEntry("sub", "engineer-1");
    }

    @Test
    void shouldKnowATokenOnlyOnceItWasVerifiedAndUntilItExpires() throws Exception {
        long now = System.currentTimeMillis();
        String token = provider.token(AUDIENCE, c -> c);
        String expired = provider.token(AUDIENCE, c -> c.expirationTime(new Date(now - 120_000)));
        assertThat(verifier.known(token)).as("checking it may need the provider's keys").isNull();

        Principal principal = verifier.verify(token);

        assertThat(verifier.known(token)).as("the principal verify answered").isSameAs(principal);
        assertThat(verifier.known(expired)).isNull();
        String soonExpiring = provider.token(AUDIENCE, c -> c.expirationTime(new Date(now - 10_000))); // 20 s of skew left
        verifier.verify(soonExpiring);
        assertThat(verifier.known(soonExpiring)).as("it may expire before it is checked again").isNull();
        assertThat(verifier.known(null)).isNull();
    }

    @Test
    void shouldAcceptTokensOfEveryConfiguredIssuerEachWithItsOwnKeys() throws Exception {
        assertThat(verifier.verify(partner.token("rta-partner", c -> c)).issuer()).isEqualTo("partner");
        // the partner's issuer, signed with our provider's key
        String forged = provider.sign(partner.valid("rta-partner").build(), "k1");
        assertRefused(forged, AuthException.Kind.INVALID, "the token was refused");
    }

    @Test
    void shouldRefuseExpiredNotYetValidWrongAudienceAndUnknownIssuerTokens() {
        long now = System.currentTimeMillis();
        assertRefused(provider.token(AUDIENCE, c -> c.expirationTime(new Date(now - 120_000))),
                AuthException.Kind.INVALID, "Expired JWT");
        assertRefused(provider.token(AUDIENCE, c -> c.notBeforeTime(new Date(now + 120_000))),
                AuthException.Kind.INVALID, "before use time");
        assertRefused(provider.token("someone-else", c -> c), AuthException.Kind.INVALID, "aud claim rejected");
        assertRefused(provider.token(AUDIENCE, c -> c.issuer("https://elsewhere.example")), AuthException.Kind.INVALID,
                "issuer is not one this service accepts");
        assertRefused(provider.token(AUDIENCE, c -> c.expirationTime(null)), AuthException.Kind.INVALID, "exp");
    }

    @Test
    void shouldToleratetheClockSkew() throws Exception {
        long now = System.currentTimeMillis();
        verifier.verify(provider.token(AUDIENCE, c -> c.expirationTime(new Date(now - 10_000))));
        verifier.verify(provider.token(AUDIENCE, c -> c.notBeforeTime(new Date(now + 10_000))));
    }

    @Test
    void shouldRefuseUnsignedHmacAndTamperedTokens() throws Exception {
        String none = new PlainJWT(provider.valid(AUDIENCE).build()).serialize();
        assertRefused(none, AuthException.Kind.INVALID, "not signed");

        // HS256 keyed with the provider's public key: the classic algorithm confusion
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                provider.valid(AUDIENCE).build());
        hmac.sign(new MACSigner(provider.key.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertRefused(hmac.serialize(), AuthException.Kind.INVALID, "the token was refused");

        String[] parts = provider.token(AUDIENCE, c -> c).split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(provider.valid(AUDIENCE)
                .claim("scope", "rta.write").build().toString().getBytes());
        assertRefused(parts[0] + "." + payload + "." + parts[2], AuthException.Kind.INVALID, "Invalid signature");

        assertRefused("not.a.jwt", AuthException.Kind.INVALID, "not a JWT");
        assertRefused("", AuthException.Kind.MISSING, "no bearer token");
        assertRefused("x".repeat(20_000), AuthException.Kind.INVALID, "longer than");
    }

    @Test
    void shouldRefetchTheKeysForAnUnknownKidAtMostOncePerInterval() throws Exception {
        verifier.verify(provider.token(AUDIENCE, c -> c));
        int fetches = provider.keyFetches.get();

        for (int i = 0; i < 50; i++) {
            assertRefused(provider.sign(provider.valid(AUDIENCE).build(), UUID.randomUUID().toString()),
                    AuthException.Kind.INVALID, "the token was refused");
        }

        assertThat(provider.keyFetches.get() - fetches).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldCheckASignatureOncePerToken() throws Exception {
        String token = provider.token(AUDIENCE, c -> c);
        Principal first = verifier.verify(token);
        provider.close(); // the keys can no longer be fetched; a remembered token still passes
        assertThat(verifier.verify(token)).isSameAs(first);
    }

    @Test
    void shouldSayTheProviderIsUnavailableWhenItsDiscoveryCannotBeRead() throws Exception {
        String token = provider.token(AUDIENCE, c -> c);
        provider.close();

        assertRefused(token, AuthException.Kind.UNAVAILABLE, "cannot be read");
    }

    private void assertRefused(String token, AuthException.Kind kind, String message) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message).doesNotContain(token.length() > 20 ? token : "\u0000");
        });
    }
}
