package io.rta.service.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one place TLS contexts are built from a {@link TlsSettings.Identity}: the HTTPS connector's, the gRPC server's,
 * and the clients' that call other services. TLS 1.2 and 1.3 only, everywhere.
 */
public final class TlsContexts {

    /** The protocols every context allows. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Protects nothing: the key store lives in memory only, and Java wants a password for a key entry. */
    private static final char[] IN_MEMORY_PASSWORD = "rta-in-memory".toCharArray();
    private static final String ALIAS = "rta";

    private TlsContexts() {
    }

    /**
     * Jetty's server-side factory: the identity's chain and key; with client CAs a client certificate is wanted
     * (verified when presented) but not required, since ATLAS presents none.
     */
    public static SslContextFactory.Server jetty(TlsSettings.Identity identity) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore(identity));
        factory.setKeyStorePassword(new String(IN_MEMORY_PASSWORD));
        factory.setIncludeProtocols(PROTOCOLS);
        if (identity.mutual()) {
            factory.setTrustStore(trustStore(identity.clientCas()));
            factory.setWantClientAuth(true);
        }
        return factory;
    }

    /** The gRPC server's context (JDK provider): as {@link #jetty}, client certificates optional. */
    public static SslContext grpcServer(TlsSettings.Identity identity) {
        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forServer(identity.key(),
                identity.chain().toArray(X509Certificate[]::new)), SslProvider.JDK).protocols(PROTOCOLS);
        if (identity.mutual()) {
            builder.trustManager(identity.clientCas().toArray(X509Certificate[]::new)).clientAuth(ClientAuth.OPTIONAL);
        }
        return build(builder);
    }

    /**
     * The gRPC client's context: trusts the JDK's CAs and {@code identity}'s client CAs, presents the identity's
     * certificate when TLS is mutual.
     */
    public static SslContext grpcClient(Optional<TlsSettings.Identity> identity) {
        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .protocols(PROTOCOLS).trustManager(trustManagerFactory(identity));
        identity.filter(TlsSettings.Identity::mutual).ifPresent(own -> builder.keyManager(own.key(),
                own.chain().toArray(X509Certificate[]::new)));
        return build(builder);
    }

    /**
     * The context of a client that calls other services over {@code https}: trusts the JDK's CAs and the identity's
     * client CAs ({@code Tls:ClientCaPath}), and presents the identity's certificate when TLS is mutual, so an owner
     * or upstream that wants client certificates knows the caller is one of ours.
     */
    public static SSLContext client(Optional<TlsSettings.Identity> identity) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = identity.filter(TlsSettings.Identity::mutual).map(TlsContexts::keyManagers)
                    .orElse(null);
            context.init(keys, trustManagerFactory(identity).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    /** Parameters for a client of {@link #client}: TLS 1.2 and 1.3 only, the host name checked. */
    public static SSLParameters clientParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static KeyManager[] keyManagers(TlsSettings.Identity identity) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(identity), IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the TLS key: " + e.getMessage(), e);
        }
    }

    /** The JDK's trusted CAs plus the identity's client CAs. */
    private static TrustManagerFactory trustManagerFactory(Optional<TlsSettings.Identity> identity) {
        try {
            List<X509Certificate> anchors = new ArrayList<>(identity.map(TlsSettings.Identity::clientCas)
                    .orElse(List.of()));
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    anchors.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore(anchors));
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore keyStore(TlsSettings.Identity identity) {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(ALIAS, identity.key(), IN_MEMORY_PASSWORD, identity.chain().toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the TLS key in a key store: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(List<X509Certificate> anchors) {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the trusted CAs in a key store: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create an in-memory key store", e);
        }
        return store;
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the gRPC TLS context: " + e.getMessage(), e);
        }
    }
}
