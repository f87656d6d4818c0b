package io.rta.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.config.Options;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client-credentials flow against the test provider's token endpoint over HTTP: the token is kept until 30 s before
 * it expires, asked anew after a refusal, and a provider that refuses says why without the secret.
 */
class ServiceTokenTest {

    private final TestProvider provider = new TestProvider();
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void stop() {
        provider.close();
    }

    private ServiceToken token(String secret) {
        return new ServiceToken(new ClientCredentials(TestProvider.CLIENT_ID, secret, "rta-api rta.internal",
                URI.create(provider.issuer() + "/")), Duration.ofSeconds(5), clock::get);
    }

    @Test
    void shouldKeepTheTokenUntilThirtySecondsBeforeItExpires() throws Exception {
        ServiceToken token = token(TestProvider.CLIENT_SECRET);

        String first = token.authorization();
        clock.addAndGet(Duration.ofSeconds(89).toNanos());
        String stillFirst = token.authorization();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        String second = token.authorization();

        assertThat(first).isEqualTo("Bearer token-1").isEqualTo(stillFirst);
        assertThat(second).isEqualTo("Bearer token-2");
        assertThat(provider.tokenForms).first().asString()
                .isEqualTo("grant_type=client_credentials&scope=rta-api+rta.internal");
        assertThat(provider.tokenAuthorizations).first().asString().startsWith("Basic ");
    }

    @Test
    void shouldAskForANewTokenAfterAServiceRefusedTheKeptOne() throws Exception {
        ServiceToken token = token(TestProvider.CLIENT_SECRET);
        String first = token.authorization();

        token.refused("Bearer some-older-token");
        assertThat(token.authorization()).isEqualTo(first);
        token.refused(first);

        assertThat(token.authorization()).isEqualTo("Bearer token-2");
    }

    @Test
    void shouldPostTheCredentialsInTheFormWhenTheProviderTakesOnlyThat() throws Exception {
        provider.authMethods = "[\"client_secret_post\", \"private_key_jwt\"]";

        assertThat(token(TestProvider.CLIENT_SECRET).authorization()).isEqualTo("Bearer token-1");
        assertThat(provider.tokenAuthorizations).containsExactly("null");
        assertThat(provider.tokenForms.get(0)).contains("&client_id=rta-gateway&client_secret=");
    }

    @Test
    void shouldSayThatTheProviderRefusedTheCredentialsNamingTheOptionsButNotTheSecret() {
        String secret = "wrong-secret-42";
        ServiceToken token = token(secret);

        assertThatThrownBy(token::authorization).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.kind()).isEqualTo(AuthException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("the identity provider refused the client credentials of "
                    + "Auth:ClientId 'rta-gateway' (HTTP 401, invalid_client: client authentication failed): check "
                    + "Auth:ClientId and Auth:ClientSecret").doesNotContain(secret);
        });
        // remembered for a moment: the provider is not asked once per request
        assertThatThrownBy(token::authorization).isInstanceOf(AuthException.class);
        assertThat(provider.tokenFetches.get()).isEqualTo(1);
        clock.addAndGet(ServiceToken.FAILURE_BACKOFF.toNanos());
        assertThatThrownBy(token::authorization).isInstanceOf(AuthException.class);
        assertThat(provider.tokenFetches.get()).isEqualTo(2);
    }

    @Test
    void shouldSayThatAnUnreachableProviderCannotBeReached() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ServiceToken token = new ServiceToken(new ClientCredentials("c", "s", "rta.internal",
                URI.create("http://127.0.0.1:" + port)), Duration.ofSeconds(5), clock::get);

        assertThatThrownBy(token::authorization).isInstanceOf(AuthException.class)
                .hasMessageStartingWith("the identity provider's discovery document http://127.0.0.1:" + port
                        + "/.well-known/openid-configuration cannot be reached");
    }

    @Test
    void shouldReadTheOptionsAndNameTheOneMissing() {
        ClientCredentials read = credentials(Map.of("RTA_AUTH__CLIENTID", "gw", "RTA_AUTH__CLIENTSECRET", "pw",
                "RTA_AUTH__AUTHORITY", "http://idp.example/realms/rta")).orElseThrow();
        assertThat(read.scope()).isEqualTo("rta.internal");
        assertThat(read.toString()).doesNotContain("pw");
        assertThat(credentials(Map.of("RTA_AUTH__CLIENTID", "gw", "RTA_AUTH__CLIENTSECRET", "pw",
                "RTA_AUTH__AUTHORITY", "http://idp.example", "RTA_AUTH__TOKENSCOPE", " rta-api   rta.internal "))
                .orElseThrow().scope()).isEqualTo("rta-api rta.internal");
        assertThat(credentials(Map.of())).isEmpty();

        assertThatThrownBy(() -> credentials(Map.of("RTA_AUTH__CLIENTID", "gw", "RTA_AUTH__AUTHORITY",
                "http://idp.example"))).hasMessageContaining("Auth:ClientSecret is not");
        assertThatThrownBy(() -> credentials(Map.of("RTA_AUTH__CLIENTID", "gw", "RTA_AUTH__CLIENTSECRET", "pw")))
                .hasMessageContaining("Auth:Authority is not");
        assertThatThrownBy(() -> credentials(Map.of("RTA_AUTH__CLIENTSECRET", "pw")))
                .hasMessageContaining("Auth:ClientId is not");
    }

    private static java.util.Optional<ClientCredentials> credentials(Map<String, String> env) {
        return ClientCredentials.from(Options.load(java.util.stream.Stream.concat(AuthSettings.OPTIONS.stream(),
                ClientCredentials.OPTIONS.stream()).toList(), new String[0], env, Path.of("/nonexistent")));
    }
}
