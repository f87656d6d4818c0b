package io.rta.service.tls;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The TLS options of every service, read and checked once per process: TLS is on when {@code Tls:CertificatePath}
 * and {@code Tls:KeyPath} are set; then the REST API (and the WebSocket stream) is served over HTTPS on
 * {@code Tls:HttpsPort} too, and gRPC only over TLS.
 *
 * @param identity    the certificate chain and key (and client CAs) when TLS is on
 * @param httpsPort   {@code Tls:HttpsPort}
 * @param disableHttp {@code Tls:DisableHttp}: no plain HTTP port
 */
public record TlsSettings(Optional<Identity> identity, int httpsPort, boolean disableHttp) {

    public static final OptionDef CERTIFICATE_PATH = OptionDef.of("Tls:CertificatePath", "",
            "PEM certificate chain (the certificate first, then its issuers) of the HTTPS port and of gRPC. TLS is on "
                    + "when this and Tls:KeyPath are set: HTTPS on Tls:HttpsPort, TLS on the gRPC port.");
    public static final OptionDef KEY_PATH = OptionDef.of("Tls:KeyPath", "",
            "PEM private key of Tls:CertificatePath, unencrypted: PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 RSA or SEC1 EC.");
    public static final OptionDef CLIENT_CA_PATH = OptionDef.of("Tls:ClientCaPath", "",
            "PEM CA bundle for mutual TLS between services: peers presenting a client certificate are verified "
                    + "against it (one is wanted, not required: ATLAS has none), and this process trusts it and "
                    + "presents its own certificate when it calls other services (gateway upstreams, owner relays).");
    public static final OptionDef DISABLE_HTTP = OptionDef.of("Tls:DisableHttp", "false",
            "Turn the plain HTTP port off (TLS must be on): the API is served on Tls:HttpsPort only.");

    /**
     * The certificate and key a process serves with, and the CAs it verifies peers against.
     *
     * @param key       the private key of {@code chain.get(0)}
     * @param chain     the certificate first, then its issuers
     * @param clientCas empty: no mutual TLS
     */
    public record Identity(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {

        public Identity {
            chain = List.copyOf(chain);
            clientCas = List.copyOf(clientCas);
        }

        /** True when peers' certificates are verified and this process presents its own as a client. */
        public boolean mutual() {
            return !clientCas.isEmpty();
        }
    }

    /** {@code Tls:HttpsPort} with a command's default (the toolkit pairs it with the HTTP port). */
    public static OptionDef httpsPort(int defaultPort) {
        return OptionDef.of("Tls:HttpsPort", Integer.toString(defaultPort),
                "Port of the HTTPS API (and wss:// stream) when TLS is on: the same routes, filters and limits as the "
                        + "HTTP port. TLS 1.2 and 1.3 only.");
    }

    /** Every TLS option of a command whose HTTPS port is {@code httpsPort}, in documentation order. */
    public static List<OptionDef> options(OptionDef httpsPort) {
        return List.of(CERTIFICATE_PATH, KEY_PATH, CLIENT_CA_PATH, httpsPort, DISABLE_HTTP);
    }

    /** TLS off. */
    public static TlsSettings off() {
        return new TlsSettings(Optional.empty(), 0, false);
    }

    public boolean enabled() {
        return identity.isPresent();
    }

    /**
     * The settings of {@code options}, the PEM files read and checked.
     *
     * @throws IllegalArgumentException naming the option (and file) that is missing, unreadable or wrong
     */
    public static TlsSettings from(Options options, OptionDef httpsPort) {
        Optional<Identity> identity = identity(options);
        boolean disableHttp = options.getBoolean(DISABLE_HTTP);
        if (disableHttp && identity.isEmpty()) {
            throw new IllegalArgumentException(DISABLE_HTTP.name() + " is true but TLS is off: set "
                    + CERTIFICATE_PATH.name() + " and " + KEY_PATH.name() + " too, or the process serves nothing");
        }
        return new TlsSettings(identity, options.getInt(httpsPort), disableHttp);
    }

    /**
     * The identity of {@code options} ({@code Tls:CertificatePath}, {@code Tls:KeyPath}, {@code Tls:ClientCaPath}),
     * empty when TLS is off: what a module that calls other instances needs.
     *
     * @throws IllegalArgumentException naming the option (and file) that is missing, unreadable or wrong
     */
    public static Optional<Identity> identity(Options options) {
        String certificate = options.getString(CERTIFICATE_PATH).strip();
        String key = options.getString(KEY_PATH).strip();
        String clientCa = options.getString(CLIENT_CA_PATH).strip();
        if (certificate.isEmpty() != key.isEmpty()) {
            OptionDef set = certificate.isEmpty() ? KEY_PATH : CERTIFICATE_PATH;
            OptionDef missing = certificate.isEmpty() ? CERTIFICATE_PATH : KEY_PATH;
            throw new IllegalArgumentException(set.name() + " is set but " + missing.name() + " is not: TLS needs "
                    + "both the certificate and its private key");
        }
        if (certificate.isEmpty()) {
            if (!clientCa.isEmpty()) {
                throw new IllegalArgumentException(CLIENT_CA_PATH.name() + " is set but TLS is off: set "
                        + CERTIFICATE_PATH.name() + " and " + KEY_PATH.name() + " too");
            }
            return Optional.empty();
        }
        Path certificateFile = readable(CERTIFICATE_PATH, certificate);
        Path keyFile = readable(KEY_PATH, key);
        List<X509Certificate> chain = Pem.certificates(CERTIFICATE_PATH.name(), certificateFile);
        PrivateKey privateKey = Pem.privateKey(KEY_PATH.name(), keyFile);
        Pem.requireMatch(privateKey, chain.get(0), KEY_PATH.name(), keyFile, CERTIFICATE_PATH.name(),
                certificateFile);
        List<X509Certificate> clientCas = clientCa.isEmpty() ? List.of()
                : Pem.certificates(CLIENT_CA_PATH.name(), readable(CLIENT_CA_PATH, clientCa));
        return Optional.of(new Identity(privateKey, chain, clientCas));
    }

    private static Path readable(OptionDef option, String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option.name() + ": " + file.toAbsolutePath()
                    + (Files.exists(file) ? " is not a readable file" : " does not exist"));
        }
        return file;
    }
}
