package io.rta.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.rta.it.live.LiveSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/** Real OpenID Connect providers (mock-oauth2-server) for the auth tests, their tokens, and the live handshake. */
final class OidcProviders {

    private OidcProviders() {
    }

    /** A provider on a free port with the bundled keys (every default instance shares them). */
    static MockOAuth2Server start() throws java.io.IOException {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start(TestServer.freePort());
        return provider;
    }

    /**
     * A provider on a free port with the bundled keys that puts the granted scopes in a {@code scope} claim when a
     * client asks for {@code scope} (client credentials), as Keycloak, Auth0 or Okta put them (mock-oauth2-server's
     * default puts the requested scopes in {@code aud} only): a service's own client, such as the gateway's.
     */
    static MockOAuth2Server startGrantingScopes(String issuerId, String scope) throws java.io.IOException {
        MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(), Set.of(new GrantedScopes(issuerId, scope))));
        provider.start(TestServer.freePort());
        return provider;
    }

    /**
     * A provider on a free port with the bundled keys whose tokens from {@code issuerId} (every grant, the
     * authorization-code flow included) are for {@code audience}, as a real provider is set up for the viewer's client
     * (mock-oauth2-server's default makes the client id the audience of authorization-code tokens).
     */
    static MockOAuth2Server startWithAudience(String issuerId, String audience) throws java.io.IOException {
        MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(), Set.of(new DefaultOAuth2TokenCallback(issuerId, "viewer-user",
                        JOSEObjectType.JWT.getType(), List.of(audience), Map.of(), 3600))));
        provider.start(TestServer.freePort());
        return provider;
    }

    private static final class GrantedScopes extends DefaultOAuth2TokenCallback {
        private final String scope;

        GrantedScopes(String issuerId, String scope) {
            super(issuerId, "unused", JOSEObjectType.JWT.getType(), null, Map.of(), 3600);
            this.scope = scope;
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            Map<String, Object> claims = new LinkedHashMap<>(super.addClaims(request));
            if (request.getScope() != null && request.getScope().contains(scope)) {
                claims.put("scope", request.getScope().toString());
            }
            return claims;
        }
    }

    /** A provider on a free port with keys of its own: another company's provider. */
    static MockOAuth2Server startWithOwnKeys() throws java.io.IOException {
        MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(new KeyProvider(List.of(), JWSAlgorithm.RS256.getName())), Set.of(),
                new MockWebServerWrapper()));
        provider.start(TestServer.freePort());
        return provider;
    }

    /** A token of {@code issuerId} at {@code by}, for {@code audience}, with more claims. */
    static String token(MockOAuth2Server by, String issuerId, List<String> audience, Map<String, Object> claims,
                        long expirySeconds) {
        return by.issueToken(issuerId, "client", new DefaultOAuth2TokenCallback(issuerId, "someone",
                JOSEObjectType.JWT.getType(), audience, claims, expirySeconds)).serialize();
    }

    /** The channel, sending {@code Authorization: Bearer <token>} on every call (none when the token is null). */
    static Channel withToken(Channel channel, String token) {
        if (token == null) {
            return channel;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The status a gRPC call ends with: OK, or the code it failed with. */
    static Status.Code statusOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    static void shutdown(MockOAuth2Server... providers) {
        for (MockOAuth2Server provider : providers) {
            if (provider != null) {
                provider.shutdown();
            }
        }
    }

    /**
     * The live stream's handshake with the token in the Authorization header (none when null): the HTTP status it
     * was answered, 101 when the stream's sub-protocol was accepted.
     */
    static int handshake(String baseUrl, String identity, String token) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols(LiveSocket.SUB_PROTOCOL).connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/rta/v2/sessions/" + identity + "/stream");
        try {
            WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS);
            if (!LiveSocket.SUB_PROTOCOL.equals(socket.getSubprotocol())) {
                throw new AssertionError("the handshake selected '" + socket.getSubprotocol() + "'");
            }
            socket.abort();
            return 101;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
