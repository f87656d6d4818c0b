package io.rta.server.cli;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.tls.DevCertificates;
import io.rta.service.tls.TlsSettings;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./rta dev-cert}: a local CA and a certificate it signs for this machine, to try TLS (and mutual TLS between
 * services) without a real CA. A CA already in the directory is kept, so what already trusts it still does.
 */
final class DevCert {

    static final OptionDef DIR = OptionDef.of("Dir", "./dev-certs",
            "Directory of ca.pem, ca-key.pem (kept when already there), cert.pem and key.pem.");
    static final OptionDef HOSTS = OptionDef.computed("Hosts", "localhost,127.0.0.1,::1,<hostname>",
            DevCert::defaultHosts, "Comma-separated host names and IP addresses the certificate is valid for: "
                    + "every name clients (ATLAS, the gateway, other instances' AdvertisedHost) use to reach it.");
    static final List<OptionDef> OPTIONS = List.of(DIR, HOSTS);

    private DevCert() {
    }

    static int run(String[] args, PrintStream out) {
        Options options = Options.load(OPTIONS, args);
        Path dir = options.getPath(DIR).toAbsolutePath().normalize();
        List<String> hosts = hosts(options.getString(HOSTS));
        boolean existing = Files.exists(dir.resolve(DevCertificates.CA_FILE))
                && Files.exists(dir.resolve(DevCertificates.CA_KEY_FILE));
        DevCertificates.Authority ca = existing ? DevCertificates.Authority.read(dir)
                : DevCertificates.Authority.create("RTA development CA");
        DevCertificates.writeTo(dir, ca, ca.issue(hosts), !existing);
        Path cert = dir.resolve(DevCertificates.CERT_FILE);
        Path key = dir.resolve(DevCertificates.KEY_FILE);
        Path caFile = dir.resolve(DevCertificates.CA_FILE);
        out.println((existing ? "Kept the CA " : "Made a CA ") + caFile + " and signed " + cert + " (key " + key
                + ") for " + String.join(", ", hosts) + ".");
        out.println("Serve HTTPS and gRPC over TLS with:");
        out.println("  --" + TlsSettings.CERTIFICATE_PATH.name() + " " + cert + " --" + TlsSettings.KEY_PATH.name()
                + " " + key);
        out.println("Mutual TLS between services (each presents its certificate and trusts the CA): add");
        out.println("  --" + TlsSettings.CLIENT_CA_PATH.name() + " " + caFile);
        out.println("Clients (ATLAS, curl --cacert, grpcurl -cacert) must trust " + caFile
                + " (on Windows: import it into 'Trusted Root Certification Authorities').");
        out.println("Keep " + dir.resolve(DevCertificates.CA_KEY_FILE) + " private: whoever holds it can make "
                + "certificates every client of this CA trusts. For trying TLS only, never for production.");
        return Main.OK;
    }

    private static List<String> hosts(String value) {
        List<String> hosts = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(value.split(","))
                .map(String::strip).filter(host -> !host.isEmpty()).map(host -> host.toLowerCase(Locale.ROOT))
                .toList()));
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(HOSTS.name() + " names no host: give at least one name or address");
        }
        for (String host : hosts) {
            if (!host.matches("[a-z0-9.*:_-]+")) {
                throw new IllegalArgumentException(HOSTS.name() + ": '" + host + "' is not a host name or IP address");
            }
        }
        return hosts;
    }

    private static String defaultHosts() {
        String hosts = "localhost,127.0.0.1,::1";
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.equalsIgnoreCase("localhost") ? hosts : hosts + "," + name;
        } catch (UnknownHostException e) {
            return hosts; // the machine's name cannot be told: the certificate names the loopback only
        }
    }
}
