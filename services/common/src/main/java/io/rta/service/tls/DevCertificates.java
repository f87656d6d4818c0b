package io.rta.service.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A local certificate authority and the certificates it signs, for trying TLS ({@code ./rta dev-cert}) and for the
 * tests: EC P-256 keys, SHA-256 signatures. Not for production: the CA key sits next to the certificates.
 */
public final class DevCertificates {

    /** The files {@link #writeTo} writes. */
    public static final String CA_FILE = "ca.pem";
    public static final String CA_KEY_FILE = "ca-key.pem";
    public static final String CERT_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration CERT_VALIDITY = Duration.ofDays(825);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A CA: its certificate and key. */
    public record Authority(X509Certificate certificate, PrivateKey key) {

        /** A new self-signed CA named {@code name}. */
        public static Authority create(String name) {
            KeyPair pair = newKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), subject,
                        pair.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                extensions.createSubjectKeyIdentifier(pair.getPublic()));
                return new Authority(sign(builder, pair.getPrivate()), pair.getPrivate());
            } catch (CertIOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make a CA certificate: " + e.getMessage(), e);
            }
        }

        /** The CA of {@code ca.pem} and {@code ca-key.pem} in {@code dir}. */
        public static Authority read(Path dir) {
            return new Authority(Pem.certificates(CA_FILE, dir.resolve(CA_FILE)).get(0),
                    Pem.privateKey(CA_KEY_FILE, dir.resolve(CA_KEY_FILE)));
        }

        /**
         * A certificate for {@code hosts} (DNS names or IP addresses, all in the subject alternative names; the
         * first is the common name) signed by this CA, usable by a server and, for mutual TLS, as a client.
         */
        public Issued issue(List<String> hosts) {
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("a certificate needs at least one host name or address");
            }
            KeyPair pair = newKeyPair();
            Instant now = Instant.now();
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CERT_VALIDITY)),
                        new X500Name("CN=" + hosts.get(0)), pair.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                        .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts))
                        .addExtension(Extension.authorityKeyIdentifier, false,
                                extensions.createAuthorityKeyIdentifier(certificate))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                extensions.createSubjectKeyIdentifier(pair.getPublic()));
                return new Issued(sign(builder, key), pair.getPrivate());
            } catch (CertIOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make a certificate: " + e.getMessage(), e);
            }
        }
    }

    /** A certificate and its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private DevCertificates() {
    }

    /**
     * Writes {@code ca.pem}, {@code ca-key.pem} (when the CA is new), {@code cert.pem} (the certificate, then the
     * CA's) and {@code key.pem} into {@code dir}; the keys readable by the owner only where the file system allows.
     */
    public static void writeTo(Path dir, Authority ca, Issued issued, boolean newCa) {
        try {
            Files.createDirectories(dir);
            if (newCa) {
                write(dir.resolve(CA_FILE), Pem.encode(ca.certificate()), false);
                write(dir.resolve(CA_KEY_FILE), Pem.encode(ca.key()), true);
            }
            write(dir.resolve(CERT_FILE), Pem.encode(issued.certificate(), ca.certificate()), false);
            write(dir.resolve(KEY_FILE), Pem.encode(issued.key()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificates to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String pem, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static GeneralNames alternativeNames(List<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(isAddress(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** An IPv4 or IPv6 literal (never resolved: a name stays a name). */
    private static boolean isAddress(String host) {
        if (host.contains(":")) {
            return true;
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an EC P-256 key: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign: " + e.getMessage(), e);
        }
    }
}
