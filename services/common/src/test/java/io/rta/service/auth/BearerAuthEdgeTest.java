package io.rta.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheckRegistry;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthGrpc;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.grpc.GrpcServer;
import io.rta.service.http.HttpServer;
import io.rta.service.http.HttpSettings;
import io.rta.service.http.ServiceInfo;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.module.ServiceHost;
import io.rta.service.module.ServiceModule;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST filter and the gRPC interceptor with auth on, over a real Jetty and an in-process gRPC server, against the
 * test provider: open routes stay open, protected ones answer 401 / UNAUTHENTICATED without a valid token (RFC 6750
 * headers on REST), writes need the write scope, and the principal reaches the handler.
 */
class BearerAuthEdgeTest {

    private static final String AUDIENCE = "rta";
    private static TestProvider provider;
    private static Authenticator auth;
    private static HttpServer http;
    private static GrpcServer grpc;
    private static ManagedChannel channel;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Path("/rta/v2/sessions")
    public static final class Sessions {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String list(@Context HttpServletRequest request) {
            Principal principal = (Principal) request.getAttribute(BearerAuthFilter.PRINCIPAL);
            return principal.subject();
        }
    }

    @Path("/rta/v2/sessions/{identity}/stream")
    public static final class Stream {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String open(@Context HttpServletRequest request) {
            return ((Principal) request.getAttribute(BearerAuthFilter.PRINCIPAL)).subject();
        }
    }

    static final class Configs extends ConfigStoreGrpc.ConfigStoreImplBase {
        @Override
        public void hasConfig(HasConfigRequest request, StreamObserver<BoolValue> response) {
            Principal principal = BearerAuthInterceptor.PRINCIPAL.get();
            response.onNext(BoolValue.of(principal != null));
            response.onCompleted();
        }

        @Override
        public void putConfig(PutConfigRequest request, StreamObserver<com.google.protobuf.Empty> response) {
            response.onNext(com.google.protobuf.Empty.getDefaultInstance());
            response.onCompleted();
        }
    }

    /** An internal route, as the session service's {@code /data-bindings}. */
    @Path("/rta/v2/sessions/{identity}/data-bindings")
    public static final class Bindings {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String bindings(@jakarta.ws.rs.PathParam("identity") String identity) {
            return "bindings of " + identity;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        provider = new TestProvider();
        auth = Authenticator.of(new AuthSettings(true, List.of(new AuthSettings.Issuer(AuthSettings.DEFAULT_ISSUER,
                URI.create(provider.issuer()), AUDIENCE)), Duration.ofSeconds(30), "rta.write", "rta.internal"));
        ServiceModule module = new ServiceModule() {
            @Override
            public List<Object> resources() {
                return List.of(new Sessions(), new Stream(), new Bindings());
            }

            @Override
            public List<Pattern> internalPaths() {
                return List.of(Pattern.compile("/rta/v2/sessions/.+/data-bindings/?"));
            }

            @Override
            public List<BindableService> grpcServices() {
                return List.of(new Configs());
            }
        };
        http = ServiceHost.http(new ServiceInfo("auth-test", "dev", List.of(), "test", "", auth.enabled()),
                HttpSettings.of(0, "text"), ProcessMetrics.bare(), new HealthCheckRegistry(), auth, List.of(module));
        String name = "auth-" + UUID.randomUUID();
        grpc = new GrpcServer(InProcessServerBuilder.forName(name), module.grpcServices(), new HealthCheckRegistry(),
                EdgeLimits.defaults(), ReadLimiter.of(EdgeLimits.defaults()), new SimpleMeterRegistry(), auth);
        grpc.start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow();
        grpc.close();
        http.close();
        provider.close();
    }

    @Test
    void shouldKeepTheProbesAndInfoOpenAndSayThatAuthIsRequired() throws Exception {
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> info = get("/rta/v2/info", null);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).isEqualTo("{\"label\":\"test\",\"description\":\"\",\"authRequired\":true}");
    }

    /** Its counts cover every session: with auth on, /metrics needs a token (unless Auth:OpenMetrics). */
    @Test
    void shouldNeedATokenForMetricsHoweverItsPathIsWritten() throws Exception {
        for (String path : List.of("/metrics", "/metrics/", "/metrics;x", "/x/../metrics")) {
            HttpResponse<String> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> scraped = get("/metrics", "Bearer " + provider.token(AUDIENCE, c -> c));
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("# TYPE");

        AuthSettings open = new AuthSettings(true, auth.settings().issuers(), Duration.ofSeconds(30), "rta.write",
                "rta.internal", AccessPolicies.none(), true);
        try (HttpServer openMetrics = ServiceHost.http(new ServiceInfo("auth-test", "dev", List.of(), "test", "",
                true), HttpSettings.of(0, "text"), ProcessMetrics.bare(), new HealthCheckRegistry(),
                Authenticator.of(open), List.of())) {
            HttpResponse<String> scrapedOpenly = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + openMetrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrapedOpenly.statusCode()).isEqualTo(200);
            HttpResponse<String> api = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + openMetrics.port() + "/rta/v2/sessions")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as("the API still needs a token").isEqualTo(401);
        }
    }

    @Test
    void shouldAnswer401WithBearerChallengesWithoutAValidToken() throws Exception {
        HttpResponse<String> missing = get("/rta/v2/sessions", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"rta\", "
                + "error=\"invalid_token\", error_description=\"this service needs a bearer token (Authorization: "
                + "Bearer <token>)\"");
        assertThat(missing.body()).startsWith("{\"code\":401,\"message\":\"this service needs a bearer token");

        String expired = provider.token(AUDIENCE, c -> c.expirationTime(new java.util.Date(0)));
        HttpResponse<String> invalid = get("/rta/v2/sessions", "Bearer " + expired);
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(invalid.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"rta\", error=\"invalid_token\", error_description=\"the token was refused: ")
                .contains("Expired");
        assertThat(invalid.body()).doesNotContain(expired);

        assertThat(get("/rta/v2/sessions", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
    }

    /** Jersey routes on the decoded path without ;parameters: the filter must judge that path, not the raw URI. */
    @Test
    void shouldProtectARouteWhateverPathParametersOrEscapesItsUriCarries() throws Exception {
        for (String path : List.of("/rta;x/v2/sessions", "/rta/v2;x/sessions", "/rta;/v2/sessions",
                "/rta/v2/sessions;x", "/rta/v2/%73essions", "/rta/v2/info;x/../sessions",
                "/rta/v2/info/../sessions")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain("engineer").doesNotContain("\"principal\"");
        }
        assertThat(get("/rta;x/v2/sessions", null).statusCode()).isEqualTo(401);
        assertThat(get("/rta/v2;x/sessions", null).statusCode()).isEqualTo(401);
    }

    /** A user's valid token is not enough on an internal route, however its path is written. */
    @Test
    void shouldNeedTheInternalScopeOnAnInternalRouteWhateverItsPathCarries() throws Exception {
        String reader = "Bearer " + provider.token(AUDIENCE, c -> c.claim("scope", "openid rta.write"));
        for (String path : List.of("/rta/v2/sessions/s1/data-bindings", "/rta/v2/sessions/s1/data-bindings/",
                "/rta/v2/sessions/s1/data-bindings;x", "/rta/v2/sessions/s1;x/data-bindings",
                "/rta;x/v2/sessions/s1/data-bindings", "/rta/v2/sessions/s1/data%2Dbindings",
                "/rta/v2/sessions/s1/%64ata-bindings", "/rta/v2/sessions/s1/x/../data-bindings",
                "/rta/v2/sessions/s1/./data-bindings")) {
            HttpResponse<String> refused = get(path, reader);
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).as(path)
                    .isEqualTo("Bearer realm=\"rta\", error=\"insufficient_scope\", error_description=\"this route is "
                            + "internal (for the RTA services): it needs the scope 'rta.internal', which the token does "
                            + "not grant\"");
            assertThat(refused.body()).as(path).startsWith("{\"code\":403,\"message\":\"this route is internal")
                    .doesNotContain("bindings of");
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
        }
        String service = "Bearer " + provider.token(AUDIENCE, c -> c.claim("scope", "rta.internal"));
        HttpResponse<String> ok = get("/rta/v2/sessions/s1/data-bindings", service);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("bindings of s1");
        assertThat(get("/rta/v2/sessions/s1/data-bindings;x", service).statusCode()).isEqualTo(200);
        // the other routes do not need it
        assertThat(get("/rta/v2/sessions", reader).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLetAValidTokenThroughWithItsPrincipal() throws Exception {
        HttpResponse<String> ok = get("/rta/v2/sessions", "Bearer " + provider.token(AUDIENCE, c -> c));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("engineer-1");
    }

    /** What a browser can do: offer the token as a sub-protocol of the live stream's handshake. */
    @Test
    void shouldTakeTheStreamsTokenFromASubProtocolOffer() throws Exception {
        String token = provider.token(AUDIENCE, c -> c);
        HttpResponse<String> offered = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + http.port() + "/rta/v2/sessions/s1/stream")).header("Sec-WebSocket-Protocol",
                "rta-stream, " + BearerAuthFilter.TOKEN_SUB_PROTOCOL_PREFIX + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(offered.statusCode()).isEqualTo(200);
        assertThat(offered.body()).isEqualTo("engineer-1");
        // only on the stream route
        HttpResponse<String> elsewhere = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + http.port() + "/rta/v2/sessions")).header("Sec-WebSocket-Protocol",
                BearerAuthFilter.TOKEN_SUB_PROTOCOL_PREFIX + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseGrpcCallsWithoutATokenButHealth() {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance())).isNotNull();
        assertStatus(() -> ConfigStoreGrpc.newBlockingStub(channel).hasConfig(HasConfigRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "bearer token");
        assertStatus(() -> configs("Bearer not-a-token").hasConfig(HasConfigRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "not a JWT");
        assertThat(configs("Bearer " + provider.token(AUDIENCE, c -> c)).hasConfig(HasConfigRequest
                .getDefaultInstance()).getValue()).as("the principal reached the handler").isTrue();
    }

    @Test
    void shouldNeedTheWriteScopeForWrites() {
        PutConfigRequest put = PutConfigRequest.newBuilder().setIdentifier("c").setContentType("x")
                .setData(ByteString.copyFromUtf8("{}")).build();
        assertStatus(() -> configs("Bearer " + provider.token(AUDIENCE, c -> c.claim("scope", "openid"))).putConfig(put),
                Status.Code.PERMISSION_DENIED, "rta.write");
        assertThat(configs("Bearer " + provider.token(AUDIENCE, c -> c.claim("scope", "openid rta.write")))
                .putConfig(put)).isNotNull();
    }

    private static ConfigStoreGrpc.ConfigStoreBlockingStub configs(String authorization) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return ConfigStoreGrpc.newBlockingStub(channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void assertStatus(Runnable call, Status.Code code, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(description);
        });
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
