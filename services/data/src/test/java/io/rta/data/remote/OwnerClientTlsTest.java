package io.rta.data.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.rta.data.DataUnavailableException;
import io.rta.service.tls.DevCertificates;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Owner relays with TLS on: over HTTPS to the owner's advertised port, verifying it and presenting our certificate. */
class OwnerClientTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final DevCertificates.Authority CA = DevCertificates.Authority.create("owner test CA");
    private static final AtomicReference<String> caller = new AtomicReference<>();
    private static HttpsServer owner;
    private static HostInfo ownerHost;

    @BeforeAll
    static void startOwner() throws Exception {
        SSLContext context = TlsContexts.client(Optional.of(identity(CA, "localhost")));
        owner = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true); // an owner that insists on a certificate of the CA
                params.setSSLParameters(parameters);
            }
        });
        owner.createContext("/", exchange -> {
            X509Certificate peer = (X509Certificate) ((HttpsExchange) exchange).getSSLSession()
                    .getPeerCertificates()[0];
            caller.set(peer.getSubjectX500Principal().getName() + " forwarded="
                    + exchange.getRequestHeaders().getFirst(OwnerClient.FORWARDED_HEADER));
            byte[] body = "owned".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        owner.start();
        ownerHost = new HostInfo("localhost", owner.getAddress().getPort());
    }

    @AfterAll
    static void stopOwner() {
        owner.stop(0);
    }

    @Test
    void shouldRelayOverHttpsPresentingOurCertificate() throws Exception {
        OwnerClient client = OwnerClient.create(TIMEOUT, Optional.of(identity(CA, "instance-b")));

        HttpResponse<InputStream> answer = client.get(ownerHost, "/rta/v2/data/x");

        assertThat(answer.statusCode()).isEqualTo(200);
        try (InputStream body = answer.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("owned");
        }
        assertThat(caller.get()).isEqualTo("CN=instance-b forwarded=1");
    }

    @Test
    void shouldNotRelayToAnOwnerWhoseCertificateTheClientCaDidNotSign() {
        DevCertificates.Authority other = DevCertificates.Authority.create("other CA");
        OwnerClient client = OwnerClient.create(TIMEOUT, Optional.of(identity(other, "instance-c")));

        assertThatThrownBy(() -> client.get(ownerHost, "/rta/v2/data/x"))
                .isInstanceOf(DataUnavailableException.class).hasMessageContaining("cannot be reached");
    }

    private static TlsSettings.Identity identity(DevCertificates.Authority ca, String host) {
        DevCertificates.Issued issued = ca.issue(List.of(host));
        return new TlsSettings.Identity(issued.key(), List.of(issued.certificate(), ca.certificate()),
                List.of(ca.certificate()));
    }
}
