package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.rta.files.index.FileIndex;
import io.rta.files.index.IndexOptions;
import io.rta.files.index.IndexPlan;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.it.live.LiveSocket;
import io.rta.it.live.RawHttp;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication against a real OpenID Connect provider ({@code mock-oauth2-server}, in this JVM on a
 * free port): an all-in-one server with {@code EnableAuth} takes tokens from the provider's token endpoint
 * (client credentials) on REST, gRPC and the live WebSocket handshake, and refuses every bad token on all three;
 * writes need the write scope; a second, configured issuer (a partner's provider) is accepted with its own keys only;
 * the gateway forwards the caller's token to the server, which checks it too. The internal {@code /data-bindings}
 * route needs the internal scope, which only the gateways' own client-credentials token carries; a gateway whose
 * provider refuses its client answers data reads 502 saying so, and never logs its secret. Over real sockets
 * throughout.
 */
class AuthIT {

    private static final String ISSUER_ID = "rta";
    private static final String AUDIENCE = "rta-api";
    /** The challenge of a request without a token. */
    static final String MISSING_TOKEN = "Bearer realm=\"rta\", error=\"invalid_token\", error_description=\"this service needs a bearer token (Authorization: Bearer <token>)\"";
    private static final String PARTNER_ID = "partner";
    private static final String PARTNER_AUDIENCE = "partner-api";
    private static final String TIMESTAMP = "2024-05-01T10:00:00Z";
    private static final String INTERNAL_SCOPE = "rta.internal";
    private static final String GATEWAY_CLIENT = "rta-gateway";
    private static final String GATEWAY_SECRET = "gateway-secret-" + UUID.randomUUID();
    /** The data source of the sessions' bindings: the server's own data service, through the gateways. */
    private static final String SOURCE = "store";

    /** Our provider (the default issuer). */
    private static MockOAuth2Server provider;
    /** A partner's provider, configured as Auth:Issuers:partner. */
    private static MockOAuth2Server partner;
    /** Another provider that is not configured. */
    private static MockOAuth2Server stranger;
    private static TestServer server;
    /** A gateway with auth on, in front of the server. */
    private static GatewayServer gateway;
    /** A gateway with auth off: whatever it lets through, the server must still check. */
    private static GatewayServer openGateway;
    /** A gateway whose provider refuses its client credentials. */
    private static GatewayServer refusedGateway;
    private static HttpServer refusingProvider;
    /** Every log event of this JVM from the start of the gateways on. */
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static String issuer;
    private static String openSession;

    private final Http http = server.http();

    @BeforeAll
    static void startProviderServerAndGateways() throws Exception {
        provider = OidcProviders.startGrantingScopes(ISSUER_ID, INTERNAL_SCOPE);
        // each MockOAuth2Server hands out the same bundled keys by default: the others get keys of their own
        partner = OidcProviders.startWithOwnKeys();
        stranger = OidcProviders.startWithOwnKeys();
        issuer = provider.issuerUrl(ISSUER_ID).toString();
        server = TestServer.create().option("EnableAuth", "true").option("Auth:Authority", issuer)
                .option("Auth:Audience", AUDIENCE)
                .option("Auth:Issuers:partner:Authority", partner.issuerUrl(PARTNER_ID).toString())
                .option("Auth:Issuers:partner:Audience", PARTNER_AUDIENCE)
                .start();
        logs.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .addAppender(logs);
        gateway = startGateway("--EnableAuth", "true", "--Auth:Authority", issuer, "--Auth:Audience", AUDIENCE,
                "--Auth:ClientId", GATEWAY_CLIENT, "--Auth:ClientSecret", GATEWAY_SECRET,
                "--Auth:TokenScope", AUDIENCE + " " + INTERNAL_SCOPE);
        // auth off at the gateway, on at the server: the gateway still needs its own token for the bindings
        openGateway = startGateway("--Auth:Authority", issuer, "--Auth:ClientId", GATEWAY_CLIENT,
                "--Auth:ClientSecret", GATEWAY_SECRET, "--Auth:TokenScope", AUDIENCE + " " + INTERNAL_SCOPE);
        refusingProvider = refusingProvider();
        refusedGateway = startGateway("--Auth:Authority", "http://127.0.0.1:" + refusingProvider.getAddress().getPort(),
                "--Auth:ClientId", GATEWAY_CLIENT, "--Auth:ClientSecret", GATEWAY_SECRET);
        openSession = "auth-open-" + UUID.randomUUID();
        sessions(writeToken()).createOrUpdateSession(create(openSession, "open", TIMESTAMP, OPEN));
    }

    /** A provider that knows no client: its token endpoint refuses every one (invalid_client). */
    private static HttpServer refusingProvider() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + refusing.getAddress().getPort();
        respond(refusing, "/.well-known/openid-configuration", 200, "{\"issuer\":\"" + base
                + "\",\"token_endpoint\":\"" + base + "/token\",\"jwks_uri\":\"" + base + "/jwks\"}");
        respond(refusing, "/token", 401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client "
                + "credentials\"}");
        refusing.start();
        return refusing;
    }

    private static void respond(HttpServer server, String path, int status, String json) {
        server.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static GatewayServer startGateway(String... authArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--HttpPort", Integer.toString(TestServer.freePort()),
                "--SessionServiceUri", server.baseUrl(), "--ConfigServiceUri", server.baseUrl(),
                "--StreamServiceUri", server.baseUrl(), "--DataServiceUris:" + SOURCE, server.baseUrl()));
        args.addAll(List.of(authArgs));
        return GatewayServer.start(Options.load(GatewayOptions.ALL, args.toArray(String[]::new), Map.of(),
                Scratch.dir("auth-it-gateway-")));
    }

    @AfterAll
    static void stopAll() {
        if (refusingProvider != null) {
            refusingProvider.stop(0);
        }
        for (AutoCloseable part : new AutoCloseable[] {gateway, openGateway, refusedGateway, server}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // stopping: nothing to do
            }
        }
        OidcProviders.shutdown(provider, partner, stranger);
    }

    // ---- tokens ----

    /** A token from the provider's token endpoint, client-credentials flow (aud = the requested scopes). */
    private static String clientCredentialsToken(String scope) {
        JsonNode answer = new Http(provider.baseUrl().toString().replaceAll("/$", ""))
                .postFormJson("/" + ISSUER_ID + "/token", "grant_type", "client_credentials",
                        "client_id", "pipeline", "client_secret", "pipeline-secret", "scope", scope);
        assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
        return answer.path("access_token").asText();
    }

    /**
     * A client-credentials token that also carries the granted scopes in a {@code scope} claim, as Keycloak, Auth0 or
     * Okta put them (mock-oauth2-server's default puts the scopes in {@code aud} only).
     */
    private static String writeToken() {
        String scope = AUDIENCE + " rta.write";
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "pipeline", JOSEObjectType.JWT.getType(),
                null, Map.of("scope", scope), 3600));
        return clientCredentialsToken(scope);
    }

    private static String issued(MockOAuth2Server by, String issuerId, List<String> audience,
                                 Map<String, Object> claims, long expirySeconds) {
        return OidcProviders.token(by, issuerId, audience, claims, expirySeconds);
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject("forger")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    /** A refused token (null: none) and what the refusal must say. */
    private record Bad(String token, String... reasons) {
    }

    /** Every refused token by what is wrong with it. */
    private static Map<String, Bad> badTokens() throws Exception {
        Map<String, Bad> tokens = new LinkedHashMap<>();
        tokens.put("no token", new Bad(null, "needs a bearer token"));
        tokens.put("expired", new Bad(issued(provider, ISSUER_ID, List.of(AUDIENCE), Map.of(), -300),
                "Expired JWT"));
        tokens.put("not yet valid", new Bad(issued(provider, ISSUER_ID, List.of(AUDIENCE),
                Map.of("nbf", Date.from(Instant.now().plusSeconds(300))), 3600), "JWT before use time"));
        tokens.put("wrong issuer", new Bad(issued(provider, "other", List.of(AUDIENCE), Map.of(), 3600),
                "issuer is not one this service accepts"));
        tokens.put("wrong audience", new Bad(issued(provider, ISSUER_ID, List.of("someone-else"), Map.of(), 3600),
                "aud claim rejected"));
        tokens.put("alg none", new Bad(new PlainJWT(validClaims().build()).serialize(), "not signed (alg none)"));

        RSAKey published = JWKSet.load(provider.jwksUrl(ISSUER_ID).url()).getKeys().get(0).toRSAKey();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                .type(JOSEObjectType.JWT).build(), validClaims().build());
        hmac.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
        tokens.put("HS256 keyed with the provider's public key", new Bad(hmac.serialize(),
                "Another algorithm expected"));

        String[] valid = clientCredentialsToken(AUDIENCE).split("\\.");
        String payload = new String(Base64URL.from(valid[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"sub\":\"pipeline\"", "\"sub\":\"admin\",\"scope\":\"rta.write\"");
        assertThat(payload).contains("admin");
        tokens.put("tampered payload", new Bad(valid[0] + "." + Base64URL.encode(payload) + "." + valid[2],
                "Invalid signature"));

        RSAKey own = new RSAKeyGenerator(2048).keyID("not-a-key-of-the-provider").generate();
        SignedJWT unknownKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(own.getKeyID())
                .type(JOSEObjectType.JWT).build(), validClaims().build());
        unknownKid.sign(new RSASSASigner(own));
        // refetched and still unknown, or refused without a refetch when the keys were fetched less than 30 s ago
        tokens.put("unknown kid", new Bad(unknownKid.serialize(), "no matching key", "matches its key id"));

        tokens.put("second provider, not configured", new Bad(issued(stranger, ISSUER_ID, List.of(AUDIENCE),
                Map.of(), 3600), "issuer is not one this service accepts"));
        tokens.put("second provider claiming our issuer", new Bad(issued(stranger, ISSUER_ID, List.of(AUDIENCE),
                Map.of("iss", issuer), 3600), "Invalid signature"));
        tokens.put("partner's token with our audience", new Bad(issued(partner, PARTNER_ID, List.of(AUDIENCE),
                Map.of(), 3600), "aud claim rejected"));
        return tokens;
    }

    // ---- clients ----

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return headers;
    }

    private static <S extends AbstractStub<S>> S with(S stub, String token) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static SessionStoreGrpc.SessionStoreBlockingStub sessions(String token) {
        return with(SessionStoreGrpc.newBlockingStub(server.channel()), token);
    }

    private static ConfigStoreGrpc.ConfigStoreBlockingStub configs(String token) {
        return with(ConfigStoreGrpc.newBlockingStub(server.channel()), token);
    }

    private static HttpResponse<byte[]> get(Http client, String path, String token) {
        return token == null ? client.get(path) : client.get(path, "Authorization", "Bearer " + token);
    }

    private static int handshake(String baseUrl, String identity, String token) throws Exception {
        return OidcProviders.handshake(baseUrl, identity, token);
    }

    /** The status a call ends with; its description never holds a token (a JWT starts "eyJ"). */
    private static Status grpcStatus(Runnable call) {
        try {
            call.run();
            return Status.OK;
        } catch (StatusRuntimeException e) {
            assertThat(String.valueOf(e.getStatus().getDescription())).doesNotContain("eyJ");
            return e.getStatus();
        }
    }

    private static Status.Code grpcCode(Runnable call) {
        return grpcStatus(call).getCode();
    }

    // ---- tests ----

    @Test
    void shouldAcceptAClientCredentialsTokenOnRestGrpcAndTheLiveStream() throws Exception {
        String token = clientCredentialsToken(AUDIENCE);

        HttpResponse<byte[]> list = get(http, "/rta/v2/sessions", token);
        assertThat(list.statusCode()).as(Http.text(list)).isEqualTo(200);
        assertThat(Http.text(list)).contains(openSession).doesNotContain(token);
        assertThat(get(http, "/rta/v2/sessions/" + openSession, token).statusCode()).isEqualTo(200);
        // the provider's programmatic tokens (used for the refused ones below) are accepted when nothing is wrong
        assertThat(get(http, "/rta/v2/sessions/" + openSession,
                issued(provider, ISSUER_ID, List.of(AUDIENCE), Map.of(), 3600)).statusCode()).isEqualTo(200);
        assertThat(sessions(token).listSessions(ListSessionsRequest.newBuilder().build()).getSessionsList())
                .anySatisfy(s -> assertThat(s.getIdentity()).isEqualTo(openSession));
        assertThat(handshake(server.baseUrl(), openSession, token)).isEqualTo(101);
    }

    @Test
    void shouldAnswerTheOpenRoutesWithoutATokenAndSayThatAuthIsRequired() {
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> info = http.get("/rta/v2/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(Http.json(info).path("authRequired").isBoolean()).isTrue();
        assertThat(Http.json(info).path("authRequired").asBoolean()).isTrue();
        assertThat(Http.json(through(gateway).get("/rta/v2/info")).path("authRequired").asBoolean()).isTrue();
        // /metrics is not open with auth on (its counts cover every session): a token, then it answers
        assertThat(http.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(through(gateway).get("/metrics").statusCode()).isEqualTo(401);
        assertThat(get(http, "/metrics", clientCredentialsToken(AUDIENCE)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryBadTokenOnRestGrpcAndTheLiveStreamSayingWhy() throws Exception {
        for (Map.Entry<String, Bad> bad : badTokens().entrySet()) {
            String why = bad.getKey();
            String token = bad.getValue().token();

            HttpResponse<byte[]> rest = get(http, "/rta/v2/sessions", token);
            assertThat(rest.statusCode()).as(why + ": " + Http.text(rest)).isEqualTo(401);
            String challenge = rest.headers().firstValue("WWW-Authenticate").orElse("");
            if (token == null) {
                assertThat(challenge).as(why).isEqualTo(MISSING_TOKEN);
            } else {
                assertThat(challenge).as(why).startsWith("Bearer realm=\"rta\", error=\"invalid_token\", "
                        + "error_description=\"").containsAnyOf(bad.getValue().reasons()).doesNotContain(token);
            }
            assertThat(Http.text(rest)).as(why).containsAnyOf(bad.getValue().reasons()).doesNotContain("Exception")
                    .doesNotContain("\tat ");
            if (token != null) {
                assertThat(Http.text(rest)).as(why).doesNotContain(token);
            }

            Status grpc = grpcStatus(() -> sessions(token).listSessions(ListSessionsRequest.newBuilder().build()));
            assertThat(grpc.getCode()).as(why).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(grpc.getDescription()).as(why).containsAnyOf(bad.getValue().reasons());
            assertThat(handshake(server.baseUrl(), openSession, token)).as(why).isEqualTo(401);
        }
    }

    /** Jersey routes on the decoded path without ;parameters: neither REST nor the stream is reached that way. */
    @Test
    void shouldRefuseAProtectedRouteWhosePathCarriesParametersWithoutAToken() throws Exception {
        for (String path : List.of("/rta;x/v2/sessions", "/rta/v2;x/sessions", "/rta/v2;x/sessions/" + openSession)) {
            RawHttp.Response response = RawHttp.get(server.httpPort(), path);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain(openSession);
        }
        RawHttp.Response upgrade = RawHttp.get(server.httpPort(), "/rta;x/v2/sessions/" + openSession + "/stream",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: " + LiveSocket.SUB_PROTOCOL);
        assertThat(upgrade.status()).as(upgrade.head()).isEqualTo(401);
    }

    @Test
    void shouldNeedTheWriteScopeForGrpcWritesButNotForReads() {
        String readOnly = clientCredentialsToken(AUDIENCE);
        String writer = writeToken();
        String identity = "auth-write-" + UUID.randomUUID();
        PutConfigRequest config = PutConfigRequest.newBuilder().setIdentifier("auth-config-" + UUID.randomUUID())
                .setContentType("application/vnd.mat.config+json")
                .setData(ByteString.copyFrom("{\"demo\": {}}", StandardCharsets.UTF_8)).build();

        assertThat(grpcCode(() -> sessions(readOnly).createOrUpdateSession(create(identity, "w", TIMESTAMP, OPEN))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(grpcCode(() -> configs(readOnly).putConfig(config))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(grpcCode(() -> sessions(writer).createOrUpdateSession(create(identity, "w", TIMESTAMP, OPEN))))
                .isEqualTo(Status.Code.OK);
        assertThat(grpcCode(() -> configs(writer).putConfig(config))).isEqualTo(Status.Code.OK);
        assertThat(grpcCode(() -> sessions(readOnly).listSessions(ListSessionsRequest.newBuilder().build())))
                .isEqualTo(Status.Code.OK);
        assertThat(get(http, "/rta/v2/sessions/" + identity, readOnly).statusCode()).isEqualTo(200);
        assertThat(get(http, "/rta/v2/configs/" + config.getIdentifier(), readOnly).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAcceptThePartnersTokensAndRefuseItsIssuerSignedWithOurKey() throws Exception {
        String partnerToken = issued(partner, PARTNER_ID, List.of(PARTNER_AUDIENCE), Map.of(), 3600);
        // the partner's issuer, audience and key id, but signed by our provider
        String forged = issued(provider, PARTNER_ID, List.of(PARTNER_AUDIENCE),
                Map.of("iss", partner.issuerUrl(PARTNER_ID).toString()), 3600);
        assertThat(SignedJWT.parse(forged).getJWTClaimsSet().getIssuer())
                .isEqualTo(SignedJWT.parse(partnerToken).getJWTClaimsSet().getIssuer());

        assertThat(get(http, "/rta/v2/sessions/" + openSession, partnerToken).statusCode()).isEqualTo(200);
        assertThat(grpcCode(() -> sessions(partnerToken).listSessions(ListSessionsRequest.newBuilder().build())))
                .isEqualTo(Status.Code.OK);
        assertThat(handshake(server.baseUrl(), openSession, partnerToken)).isEqualTo(101);

        HttpResponse<byte[]> refused = get(http, "/rta/v2/sessions/" + openSession, forged);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        assertThat(grpcCode(() -> sessions(forged).listSessions(ListSessionsRequest.newBuilder().build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(handshake(server.baseUrl(), openSession, forged)).isEqualTo(401);
    }

    @Test
    void shouldForwardTheCallersTokenThroughTheGatewayToTheServerWhichChecksItToo() throws Exception {
        String token = clientCredentialsToken(AUDIENCE);
        String path = "/rta/v2/sessions/" + openSession;

        HttpResponse<byte[]> withToken = get(through(gateway), path, token);
        assertThat(withToken.statusCode()).as(Http.text(withToken)).isEqualTo(200);
        assertThat(Http.json(withToken).path("identity").asText()).isEqualTo(openSession);
        assertThat(Http.text(withToken)).doesNotContain(token);
        assertThat(get(through(gateway), path + "/data/periodic/1,2", token).statusCode()).isEqualTo(200);
        assertThat(handshake(baseUrl(gateway), openSession, token)).isEqualTo(101);
        HttpResponse<byte[]> expired = get(through(gateway), path,
                issued(provider, ISSUER_ID, List.of(AUDIENCE), Map.of(), -300));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        HttpResponse<byte[]> without = get(through(gateway), path, null);
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue(MISSING_TOKEN);

        // a gateway that checks nothing: the server refuses what it lets through, and accepts the forwarded token
        assertThat(get(through(openGateway), path, null).statusCode()).isEqualTo(401);
        assertThat(get(through(openGateway), path, token).statusCode()).isEqualTo(200);
        assertThat(get(through(openGateway), path + "/data/periodic/1,2", token).statusCode()).isEqualTo(200);
        assertThat(handshake(baseUrl(openGateway), openSession, token)).isEqualTo(101);
        assertThat(handshake(baseUrl(openGateway), openSession, null)).isEqualTo(401);
    }

    // ---- internal routes and the gateway's own token ----

    /**
     * A client-credentials token with the internal scope in its scope claim (see
     * {@link OidcProviders#startGrantingScopes}).
     */
    private static String internalToken() {
        return clientCredentialsToken(AUDIENCE + " " + INTERNAL_SCOPE);
    }

    @Test
    void shouldRefuseTheDataBindingsRouteToAUsersTokenHoweverItsPathIsWritten() throws Exception {
        String reader = clientCredentialsToken(AUDIENCE);
        String writer = writeToken();
        String session = "/rta/v2/sessions/" + openSession;
        for (String path : List.of(session + "/data-bindings", session + "/data-bindings;x",
                session + ";x/data-bindings", session + "/data%2Dbindings", session + "/%64ata-bindings",
                session + "/x/../data-bindings", "/rta;x/v2/sessions/" + openSession + "/data-bindings",
                session + "%2F..%2F..%2Fx/data-bindings;p", session + "/data-bindings;p")) {
            for (String token : List.of(reader, writer)) {
                RawHttp.Response refused = RawHttp.get(server.httpPort(), path, "Authorization: Bearer " + token);
                assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(403);
                assertThat(refused.head()).as(path).contains("WWW-Authenticate: Bearer realm=\"rta\", "
                        + "error=\"insufficient_scope\", error_description=\"this route is internal");
                assertThat(refused.body()).as(path).startsWith("{\"code\":403,").contains("'rta.internal'")
                        .doesNotContain(token);
            }
            assertThat(RawHttp.get(server.httpPort(), path).status()).as(path).isEqualTo(401);
        }
        HttpResponse<byte[]> allowed = get(http, session + "/data-bindings", internalToken());
        assertThat(allowed.statusCode()).as(Http.text(allowed)).isEqualTo(200);
        assertThat(Http.json(allowed).isArray()).isTrue();
    }

    /** The same bindings over gRPC: the data_bindings session element needs the internal or the write scope. */
    @Test
    void shouldNeedTheInternalOrWriteScopeForTheDataBindingsElementOverGrpc() {
        SessionElements withBindings = SessionElements.newBuilder().setDataBindings(true).build();
        GetSessionRequest get = GetSessionRequest.newBuilder().setIdentity(openSession).setElements(withBindings)
                .build();
        ListSessionsRequest list = ListSessionsRequest.newBuilder().setSessionElements(withBindings).build();
        String reader = clientCredentialsToken(AUDIENCE);

        Status refused = grpcStatus(() -> sessions(reader).getSession(get));
        assertThat(refused.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.getDescription()).startsWith("elements.data_bindings needs the scope of "
                + "Auth:InternalScope or Auth:WriteScope");
        assertThat(grpcCode(() -> sessions(reader).listSessions(list))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(grpcCode(() -> sessions(reader).getSession(get.toBuilder().clearElements().build())))
                .isEqualTo(Status.Code.OK);
        for (String allowed : List.of(internalToken(), writeToken())) {
            assertThat(grpcCode(() -> sessions(allowed).getSession(get))).isEqualTo(Status.Code.OK);
            assertThat(grpcCode(() -> sessions(allowed).listSessions(list))).isEqualTo(Status.Code.OK);
        }
    }

    /** The gateway reads the bindings with its own token, the data with the caller's; the caller is checked first. */
    @Test
    void shouldServeDataThroughTheBindingsToAReaderWithTheGatewaysOwnToken() throws Exception {
        String writer = writeToken();
        String identity = "auth-data-" + UUID.randomUUID();
        String dataIdentity = "auth-store-" + UUID.randomUUID();
        try (WriteStreamClient stream = WriteStreamClient.open(ClientInterceptors.intercept(server.channel(),
                MetadataUtils.newAttachHeadersInterceptor(bearer(writer))))) {
            stream.identity(dataIdentity).send(Telemetry.bursts(0, 2)).flush("written");
            assertThat(stream.echoed()).containsExactly("written");
            stream.complete();
        }
        sessions(writer).createOrUpdateSession(create(identity, "data", TIMESTAMP, OPEN, SessionUpdate.newBuilder()
                .setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder().addDataBindings(DataBinding
                        .newBuilder().setKey(DataBindingKey.newBuilder().setSource(SOURCE)
                                .setIdentity(dataIdentity)))).build()));
        String reader = clientCredentialsToken(AUDIENCE);
        String path = "/rta/v2/sessions/" + identity + "/data/events";

        for (GatewayServer through : List.of(gateway, openGateway)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<byte[]> data = get(through(through), path, reader);
                assertThat(data.statusCode()).as(Http.text(data)).isEqualTo(200);
                assertThat(data.body()).isNotEmpty();
            });
        }
        HttpResponse<byte[]> unknown = get(through(gateway), "/rta/v2/sessions/auth-none-" + UUID.randomUUID()
                + "/data/periodic/1", reader);
        assertThat(unknown.statusCode()).as(Http.text(unknown)).isEqualTo(404);
        assertThat(get(through(openGateway), path, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> expired = get(through(openGateway), path,
                issued(provider, ISSUER_ID, List.of(AUDIENCE), Map.of(), -300));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
    }

    @Test
    void shouldAnswerADataReadWith502NamingTheCauseWhenTheProviderRefusesTheGatewaysClient() {
        String reader = clientCredentialsToken(AUDIENCE);
        String session = "/rta/v2/sessions/" + openSession;

        HttpResponse<byte[]> refused = get(through(refusedGateway), session + "/data/periodic/1", reader);

        assertThat(refused.statusCode()).as(Http.text(refused)).isEqualTo(502);
        assertThat(Http.json(refused).path("message").asText()).isEqualTo("the gateway cannot get its own token to "
                + "read the session's data bindings: the identity provider refused the client credentials of "
                + "Auth:ClientId 'rta-gateway' (HTTP 401, invalid_client: Invalid client credentials): check "
                + "Auth:ClientId and Auth:ClientSecret");
        // what does not need the bindings still works
        assertThat(get(through(refusedGateway), session, reader).statusCode()).isEqualTo(200);

        List<String> logged;
        synchronized (logs) {
            logged = logs.list.stream().map(event -> event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                    .toList();
        }
        assertThat(logged).as("the appender saw the gateways start").anySatisfy(line -> assertThat(line)
                .contains("RTA gateway ready").contains("with its own token (Auth:ClientId rta-gateway)"));
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("invalid_client"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(GATEWAY_SECRET));
    }

    /** X-RTA-Forwarded marks a relay between data replicas: it changes where a read is answered, never who may. */
    @Test
    void shouldCheckTheTokenOfARequestMarkedAsForwarded() throws Exception {
        String reader = clientCredentialsToken(AUDIENCE);
        for (String path : List.of("/rta/v2/data/auth-any/periodic/1", "/rta/v2/data/auth-any/events",
                "/rta/v2/sessions/" + openSession + "/data/periodic/1")) {
            RawHttp.Response forged = RawHttp.get(server.httpPort(), path, "X-RTA-Forwarded: 1");
            assertThat(forged.status()).as(path + ": " + forged.body()).isEqualTo(401);
            RawHttp.Response expired = RawHttp.get(server.httpPort(), path, "X-RTA-Forwarded: 1",
                    "Authorization: Bearer " + issued(provider, ISSUER_ID, List.of(AUDIENCE), Map.of(), -300));
            assertThat(expired.status()).as(path).isEqualTo(401);
            HttpResponse<byte[]> plain = get(http, path, reader);
            HttpResponse<byte[]> marked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + reader)
                    .header("X-RTA-Forwarded", "1").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(marked.statusCode()).as(path).isEqualTo(plain.statusCode());
            assertThat(marked.body()).as(path).isEqualTo(plain.body());
        }
    }

    private static String baseUrl(GatewayServer gateway) {
        return "http://127.0.0.1:" + gateway.httpPort();
    }

    private static Http through(GatewayServer gateway) {
        return new Http(baseUrl(gateway));
    }

    /**
     * {@code ./rta index files} against services with auth on: without a token each file is reported as refused;
     * with the index's own client ({@code Auth:ClientId}, client credentials, a token carrying the write scope) the
     * file is indexed.
     */
    @Test
    void shouldIndexFilesWithTheIndexsOwnClientTokenAndReportEachFileRefusedWithoutOne() throws Exception {
        Path root = Scratch.dir("auth-index-").toRealPath();
        Files.writeString(root.resolve("run.csv"), "time,speed\n1000,1.5\n2000,2.5\n");
        String grpc = "http://127.0.0.1:" + server.grpcPort() + "/";
        String source = "files-auth-" + UUID.randomUUID();
        List<String> args = new ArrayList<>(List.of("--Root", root.toString(), "--SessionServiceUri", grpc,
                "--ConfigServiceUri", grpc, "--SchemaMappingGrpcUri", grpc, "--DataSource", source));
        ByteArrayOutputStream refused = new ByteArrayOutputStream();

        int refusedExit = FileIndex.run(Options.load(IndexOptions.ALL, args.toArray(String[]::new), Map.of(),
                root), new PrintStream(refused, true, StandardCharsets.UTF_8));

        assertThat(refusedExit).isEqualTo(FileIndex.FAILED);
        assertThat(refused.toString(StandardCharsets.UTF_8))
                .contains("run.csv: SKIPPED: the config was not stored: UNAUTHENTICATED");

        args.addAll(List.of("--Auth:Authority", issuer, "--Auth:ClientId", "rta-indexer", "--Auth:ClientSecret",
                "indexer-secret", "--Auth:TokenScope", AUDIENCE + " " + INTERNAL_SCOPE + " rta.write"));
        ByteArrayOutputStream indexed = new ByteArrayOutputStream();

        int indexedExit = FileIndex.run(Options.load(IndexOptions.ALL, args.toArray(String[]::new), Map.of(),
                root), new PrintStream(indexed, true, StandardCharsets.UTF_8));

        assertThat(indexedExit).as(indexed.toString(StandardCharsets.UTF_8)).isEqualTo(FileIndex.OK);
        assertThat(sessions(writeToken()).getSession(GetSessionRequest.newBuilder()
                .setIdentity(IndexPlan.sessionIdentity(source, "run.csv")).setElements(SessionElements.newBuilder()
                        .setDataBindings(true)).build()).getDataBindings(0).getKey().getSource()).isEqualTo(source);
    }
}
