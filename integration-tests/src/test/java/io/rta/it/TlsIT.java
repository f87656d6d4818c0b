package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.nimbusds.jose.JOSEObjectType;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.it.live.LiveSocket;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.service.config.Options;
import io.rta.service.tls.DevCertificates;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS with a CA made by the test: the all-in-one server serves its REST API over HTTPS (next to HTTP), gRPC over TLS
 * only and the live stream over {@code wss://}, to clients that trust the CA and to no other; with
 * {@code Tls:ClientCaPath} it verifies a client certificate when one is presented. A gateway with TLS and
 * {@code Tls:DisableHttp} serves HTTPS only, calls the server's HTTPS port (trusting the CA) and presents its own
 * certificate to a service that requires one. Auth is on in both (a real OpenID Connect provider): the gateway
 * forwards the caller's token over TLS to the server, which checks it.
 */
class TlsIT {

    private static final String TIMESTAMP = "2024-05-01T10:00:00Z";
    private static final String ISSUER_ID = "rta";
    private static final String AUDIENCE = "rta-api";

    /** Auth is on everywhere: every call but /, /health and /rta/v2/info carries this token, over TLS. */
    private static MockOAuth2Server provider;
    private static String token;

    private static Path certs;
    private static DevCertificates.Authority ca;
    private static TestServer server;
    private static int httpsPort;
    private static GatewayServer gateway;
    private static int gatewayHttpPort;
    private static HttpsServer mutualOnly;
    private static final AtomicReference<String> mutualOnlyPeer = new AtomicReference<>();
    private static String session;

    @BeforeAll
    static void startAll() throws Exception {
        certs = Scratch.dir("tls-it-");
        ca = DevCertificates.Authority.create("TlsIT CA");
        DevCertificates.writeTo(certs, ca, ca.issue(List.of("localhost", "127.0.0.1")), true);
        provider = new MockOAuth2Server();
        provider.start(TestServer.freePort());
        String issuer = provider.issuerUrl(ISSUER_ID).toString();
        token = provider.issueToken(ISSUER_ID, "tls-it", new DefaultOAuth2TokenCallback(ISSUER_ID, "tls-it",
                JOSEObjectType.JWT.getType(), List.of(AUDIENCE), Map.of("scope", "rta.write"), 3600)).serialize();
        httpsPort = TestServer.freePort();
        server = TestServer.create().option("EnableAuth", "true").option("Auth:Authority", issuer)
                .option("Auth:Audience", AUDIENCE).option("Tls:CertificatePath", file("cert.pem"))
                .option("Tls:KeyPath", file("key.pem")).option("Tls:ClientCaPath", file("ca.pem"))
                .option("Tls:HttpsPort", Integer.toString(httpsPort)).option("AdvertisedHost", "localhost")
                .start();
        session = "tls-" + UUID.randomUUID();
        try (Channel channel = grpc()) {
            withToken(SessionStoreGrpc.newBlockingStub(channel.channel)).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .createOrUpdateSession(create(session, "tls", TIMESTAMP, OPEN));
        }
        mutualOnly = mutualOnlyService();
        gatewayHttpPort = TestServer.freePort();
        gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(gatewayHttpPort), "--Tls:HttpsPort", Integer.toString(TestServer.freePort()),
            "--Tls:CertificatePath", file("cert.pem"), "--Tls:KeyPath", file("key.pem"),
            "--Tls:ClientCaPath", file("ca.pem"), "--Tls:DisableHttp", "true",
            "--EnableAuth", "true", "--Auth:Authority", issuer, "--Auth:Audience", AUDIENCE,
            "--Auth:ClientId", "rta-gateway", "--Auth:ClientSecret", "gateway-secret",
            "--SessionServiceUri", "https://localhost:" + httpsPort + "/",
            "--ConfigServiceUri", "https://localhost:" + httpsPort,
            "--StreamServiceUri", "https://localhost:" + httpsPort,
            "--DataServiceUris:mutual", "https://localhost:" + mutualOnly.getAddress().getPort()},
                Map.of(), certs));
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        if (mutualOnly != null) {
            mutualOnly.stop(0);
        }
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    // ---- the all-in-one server ----

    @Test
    void shouldServeTheRestApiOverHttpsWithTls12OrNewer() throws Exception {
        HttpResponse<String> info = get(client(trusting()), "https://localhost:" + httpsPort + "/rta/v2/info");
        HttpResponse<String> health = get(client(trusting()), "https://localhost:" + httpsPort + "/health");
        HttpResponse<String> found = get(client(trusting()), "https://localhost:" + httpsPort + "/rta/v2/sessions/"
                + session);

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"authRequired\":true");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(session);
        assertThat(found.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
        assertThat(get(HttpClient.newHttpClient(), server.baseUrl() + "/rta/v2/sessions/" + session).statusCode())
                .as("plain HTTP still served: Tls:DisableHttp is false").isEqualTo(200);
    }

    @Test
    void shouldRefuseHttpsToAClientThatDoesNotTrustTheCa() {
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "https://localhost:" + httpsPort + "/rta/v2/info"))
                .isInstanceOf(IOException.class).hasMessageContaining("PKIX");
    }

    @Test
    void shouldRefuseAClientCertificateTheClientCaDidNotSign() throws Exception {
        DevCertificates.Authority stranger = DevCertificates.Authority.create("stranger CA");
        DevCertificates.Issued strangerCert = stranger.issue(List.of("stranger"));

        assertThat(get(client(ourClient()), "https://localhost:" + httpsPort + "/rta/v2/info").statusCode())
                .as("a certificate of the CA is let in").isEqualTo(200);
        assertThatThrownBy(() -> get(client(presenting(strangerCert)), "https://localhost:" + httpsPort
                + "/rta/v2/info")).isInstanceOf(IOException.class);
    }

    @Test
    void shouldServeGrpcOverTlsOnly() throws Exception {
        GetSessionRequest request = GetSessionRequest.newBuilder().setIdentity(session).build();
        try (Channel tls = grpc(); Channel plaintext = Channel.plaintext(server.grpcPort())) {
            assertThat(withToken(SessionStoreGrpc.newBlockingStub(tls.channel)).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getSession(request).getIdentity()).isEqualTo(session);
            assertThatThrownBy(() -> withToken(SessionStoreGrpc.newBlockingStub(plaintext.channel))
                    .withDeadlineAfter(30, TimeUnit.SECONDS).getSession(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    @Test
    void shouldOpenTheLiveStreamOverWss() throws Exception {
        WebSocket socket = client(trusting()).newWebSocketBuilder().subprotocols(LiveSocket.SUB_PROTOCOL)
                .header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("wss://localhost:" + httpsPort + "/rta/v2/sessions/" + session + "/stream"),
                        new WebSocket.Listener() { })
                .get(30, TimeUnit.SECONDS);

        assertThat(socket.getSubprotocol()).isEqualTo(LiveSocket.SUB_PROTOCOL);
        socket.abort();
    }

    // ---- a gateway with TLS in front of it ----

    @Test
    void shouldServeTheGatewayOverHttpsOnlyWhenPlainHttpIsDisabled() {
        assertThat(gateway.httpPort()).isEqualTo(-1);
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", gatewayHttpPort), 5000))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldProxyToTheServersHttpsPortTrustingTheCaForwardingTheCallersToken() throws Exception {
        String uri = "https://localhost:" + gateway.httpsPort() + "/rta/v2/sessions/" + session;
        HttpResponse<String> found = get(client(trusting()), uri);
        HttpResponse<String> anonymous = client(trusting()).send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(found.statusCode()).as("the server, auth on, got the token over TLS").isEqualTo(200);
        assertThat(found.body()).contains(session);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldProxyTheLiveStreamFromWssToWss() throws Exception {
        WebSocket socket = client(trusting()).newWebSocketBuilder().subprotocols(LiveSocket.SUB_PROTOCOL)
                .header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("wss://localhost:" + gateway.httpsPort() + "/rta/v2/sessions/" + session
                        + "/stream"), new WebSocket.Listener() { })
                .get(30, TimeUnit.SECONDS);

        assertThat(socket.getSubprotocol()).isEqualTo(LiveSocket.SUB_PROTOCOL);
        socket.abort();
    }

    @Test
    void shouldPresentTheGatewaysCertificateToAServiceThatRequiresOne() throws Exception {
        HttpResponse<String> health = get(client(trusting()), "https://localhost:" + gateway.httpsPort() + "/health");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(mutualOnlyPeer.get()).as("the certificate the gateway presented").isEqualTo("CN=localhost");
    }

    // ---- clients ----

    private static String file(String name) {
        return certs.resolve(name).toString();
    }

    /** Trusts the test's CA only, presents no certificate: as ATLAS does once the CA is installed. */
    private static SSLContext trusting() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(), null);
        return context;
    }

    private static TrustManager[] trustManagers() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store);
        return trust.getTrustManagers();
    }

    /** Trusts the CA and presents a certificate it signed, as another of our services does. */
    private static SSLContext ourClient() {
        DevCertificates.Issued issued = ca.issue(List.of("client.test"));
        return TlsContexts.client(Optional.of(new TlsSettings.Identity(issued.key(),
                List.of(issued.certificate(), ca.certificate()), List.of(ca.certificate()))));
    }

    /**
     * Trusts the CA and presents {@code issued} whatever CAs the server asks for (a JDK client would otherwise
     * present nothing when its certificate's issuer is not among them, and be let in without one).
     */
    private static SSLContext presenting(DevCertificates.Issued issued) throws Exception {
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers,
                                                  SSLEngine engine) {
                return "own";
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "own";
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {"own"};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return new X509Certificate[] {issued.certificate()};
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return issued.key();
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {always}, trustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A GET with the token. */
    private static HttpResponse<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <S extends AbstractStub<S>> S withToken(S stub) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A gRPC channel that trusts the CA. */
    private static Channel grpc() throws IOException {
        return new Channel(NettyChannelBuilder.forAddress("localhost", server.grpcPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificate()).build()).build());
    }

    private record Channel(ManagedChannel channel) implements AutoCloseable {

        static Channel plaintext(int port) {
            return new Channel(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A service that requires a client certificate of the CA (as an instance with mutual TLS could): answers
     * {@code GET /} with 200 and remembers who called.
     */
    private static HttpsServer mutualOnlyService() throws Exception {
        DevCertificates.Issued issued = ca.issue(List.of("localhost"));
        TlsSettings.Identity identity = new TlsSettings.Identity(issued.key(),
                List.of(issued.certificate(), ca.certificate()), List.of(ca.certificate()));
        SSLContext context = TlsContexts.client(Optional.of(identity)); // key and trust managers serve a server too
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        https.createContext("/", exchange -> {
            try {
                X509Certificate peer = (X509Certificate) ((HttpsExchange) exchange).getSSLSession()
                        .getPeerCertificates()[0];
                mutualOnlyPeer.set(peer.getSubjectX500Principal().getName());
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (SSLPeerUnverifiedException e) {
                exchange.sendResponseHeaders(403, -1);
            } finally {
                exchange.close();
            }
        });
        https.start();
        return https;
    }
}
