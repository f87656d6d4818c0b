package io.rta.service.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM files: certificates (a chain or a CA bundle) and one private key, in any of the forms tools write (PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}). Every error names the option and
 * the file, for the message a misconfigured process exits with.
 */
public final class Pem {

    private Pem() {
    }

    /**
     * Every certificate in the file, in file order (a chain: the certificate first, then its issuers).
     *
     * @param option the option that named the file, for the error message
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate or something else
     */
    public static List<X509Certificate> certificates(String option, Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : objects(option, file)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException(option + ": " + file + " holds a " + kind(object)
                        + ", not only certificates");
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(option + ": " + file + " holds a certificate that cannot be read: "
                        + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(option + ": " + file + " holds no PEM certificate ('-----BEGIN "
                    + "CERTIFICATE-----')");
        }
        return List.copyOf(certificates);
    }

    /**
     * The one private key in the file: PKCS#8, PKCS#1 RSA or SEC1 EC; not encrypted.
     *
     * @throws IllegalArgumentException when the file cannot be read, holds no key, more than one, or an encrypted one
     */
    public static PrivateKey privateKey(String option, Path file) {
        List<Object> objects = objects(option, file);
        if (objects.size() != 1) {
            throw new IllegalArgumentException(option + ": " + file + " must hold exactly one PEM private key, not "
                    + objects.size() + " PEM objects");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        Object object = objects.get(0);
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                // not getKeyPair: a SEC1 EC key may leave its public key out
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (PEMException e) {
            throw new IllegalArgumentException(option + ": " + file + " holds a private key that cannot be read: "
                    + e.getMessage(), e);
        }
        throw new IllegalArgumentException(option + ": " + file + " holds a " + kind(object) + ", not an "
                + "unencrypted private key (PKCS#8 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY')");
    }

    /** {@code objects} as PEM text: certificates as {@code CERTIFICATE}, private keys as PKCS#8 {@code PRIVATE KEY}. */
    public static String encode(Object... objects) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            for (Object object : objects) {
                // a key as PKCS#8 whatever its algorithm (BouncyCastle would write EC keys in SEC1)
                writer.writeObject(object instanceof PrivateKey key ? new PemObject("PRIVATE KEY", key.getEncoded())
                        : new JcaMiscPEMGenerator(object));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static List<Object> objects(String option, Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " as PEM: " + e, e);
        }
        return objects;
    }

    private static String kind(Object object) {
        return object.getClass().getSimpleName();
    }

    /** Throws unless {@code key} is the private key of {@code certificate}'s public key. */
    static void requireMatch(PrivateKey key, X509Certificate certificate, String keyOption, Path keyFile,
                             String certificateOption, Path certificateFile) {
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC", "ECDSA" -> "SHA256withECDSA";
                default -> key.getAlgorithm(); // Ed25519, Ed448
            };
            byte[] probe = "rta tls key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's: no match, said below
        }
        throw new IllegalArgumentException(keyOption + ": the key in " + keyFile + " does not match the certificate "
                + "in " + certificateFile + " (" + certificateOption + ")");
    }
}
