package io.rta.service.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

    private static final OptionDef HTTPS_PORT = TlsSettings.httpsPort(8081);
    private static final List<OptionDef> OPTIONS = TlsSettings.options(HTTPS_PORT);

    @TempDir
    static Path dir;
    private static DevCertificates.Authority ca;

    @BeforeAll
    static void makeCertificates() {
        ca = DevCertificates.Authority.create("test CA");
        DevCertificates.writeTo(dir, ca, ca.issue(List.of("localhost", "127.0.0.1")), true);
    }

    @Test
    void shouldBeOffByDefault() {
        TlsSettings settings = settings(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.httpsPort()).isEqualTo(8081);
        assertThat(settings.disableHttp()).isFalse();
    }

    @Test
    void shouldLoadTheChainTheKeyAndTheClientCas() {
        TlsSettings settings = settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("cert.pem"),
                "RTA_TLS__KEYPATH", file("key.pem"), "RTA_TLS__CLIENTCAPATH", file("ca.pem"),
                "RTA_TLS__HTTPSPORT", "9443", "RTA_TLS__DISABLEHTTP", "true"));

        TlsSettings.Identity identity = settings.identity().orElseThrow();
        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.chain().get(1)).isEqualTo(ca.certificate());
        assertThat(identity.clientCas()).containsExactly(ca.certificate());
        assertThat(identity.mutual()).isTrue();
        assertThat(settings.httpsPort()).isEqualTo(9443);
        assertThat(settings.disableHttp()).isTrue();
    }

    @Test
    void shouldReadTraditionalRsaAndEcKeys() throws Exception {
        for (String algorithm : List.of("RSA", "EC")) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            Path file = dir.resolve("traditional-" + algorithm + ".pem");
            Files.writeString(file, traditional(pair.getPrivate()), StandardCharsets.US_ASCII);
            assertThat(Files.readString(file)).startsWith("-----BEGIN " + algorithm + " PRIVATE KEY-----");

            assertThat(secret(Pem.privateKey("Tls:KeyPath", file))).isEqualTo(secret(pair.getPrivate()));
        }
    }

    @Test
    void shouldNameTheOptionAndTheFileOfEveryMistake() throws IOException {
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("cert.pem"))))
                .hasMessage("Tls:CertificatePath is set but Tls:KeyPath is not: TLS needs both the certificate and "
                        + "its private key");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__KEYPATH", file("key.pem"))))
                .hasMessageStartingWith("Tls:KeyPath is set but Tls:CertificatePath is not");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("missing.pem"),
                "RTA_TLS__KEYPATH", file("key.pem"))))
                .hasMessage("Tls:CertificatePath: " + file("missing.pem") + " does not exist");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("key.pem"),
                "RTA_TLS__KEYPATH", file("key.pem"))))
                .hasMessageStartingWith("Tls:CertificatePath: " + file("key.pem") + " holds a PrivateKeyInfo");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("cert.pem"),
                "RTA_TLS__KEYPATH", file("ca-key.pem"))))
                .hasMessage("Tls:KeyPath: the key in " + file("ca-key.pem") + " does not match the certificate in "
                        + file("cert.pem") + " (Tls:CertificatePath)");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("cert.pem"),
                "RTA_TLS__KEYPATH", garbage.toString())))
                .hasMessageStartingWith("Tls:KeyPath: " + garbage + " must hold exactly one PEM private key");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("cert.pem"),
                "RTA_TLS__KEYPATH", file("key.pem"), "RTA_TLS__CLIENTCAPATH", garbage.toString())))
                .hasMessageStartingWith("Tls:ClientCaPath: " + garbage + " holds no PEM certificate");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CERTIFICATEPATH", file("cert.pem"),
                "RTA_TLS__KEYPATH", dir.toString())))
                .hasMessage("Tls:KeyPath: " + dir.toAbsolutePath() + " is not a readable file");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__DISABLEHTTP", "true")))
                .hasMessageStartingWith("Tls:DisableHttp is true but TLS is off");
        assertThatThrownBy(() -> settings(Map.of("RTA_TLS__CLIENTCAPATH", file("ca.pem"))))
                .hasMessageStartingWith("Tls:ClientCaPath is set but TLS is off");
    }

    @Test
    void shouldKeepTheDevCaWhenIssuingAgain() {
        DevCertificates.Authority read = DevCertificates.Authority.read(dir);

        assertThat(read.certificate()).isEqualTo(ca.certificate());
        assertThat(read.key().getEncoded()).isEqualTo(ca.key().getEncoded());
    }

    private static java.math.BigInteger secret(PrivateKey key) {
        return key instanceof java.security.interfaces.RSAPrivateKey rsa ? rsa.getPrivateExponent()
                : ((java.security.interfaces.ECPrivateKey) key).getS();
    }

    private static TlsSettings settings(Map<String, String> env) {
        return TlsSettings.from(Options.load(OPTIONS, new String[0], new HashMap<>(env), Path.of("/nonexistent")),
                HTTPS_PORT);
    }

    private static String file(String name) {
        return dir.resolve(name).toAbsolutePath().toString();
    }

    /**
     * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) with its curve named inside, as openssl's
     * older commands write them.
     */
    private static String traditional(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        PemObject pem = key.getAlgorithm().equals("RSA")
                ? new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded())
                : new PemObject("EC PRIVATE KEY", new ECPrivateKey(256, ((ECPrivateKey.getInstance(
                        info.parsePrivateKey())).getKey()), info.getPrivateKeyAlgorithm().getParameters())
                        .getEncoded());
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(pem);
        }
        return text.toString();
    }
}
