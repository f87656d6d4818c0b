package io.rta.service.http;

import io.rta.service.config.EdgeLimits;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.tls.TlsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the HTTP server listens and what it lets through.
 *
 * @param bindAddress address of the API port ({@code BindAddress})
 * @param port        the API port (0 = any free port)
 * @param adminPort   port of Dropwizard's admin servlet on 127.0.0.1 ({@code AdminPort}); empty: not served at all
 * @param logFormat   "text" or "json" (structured logs)
 * @param limits      the edge limits ({@code MaxRequestBodySize} here)
 * @param reads       the read slots, shared with the gRPC server of the same process
 * @param encodedSlashPaths path prefixes (e.g. {@code /rta/v2/data/}) under which a path segment may hold an encoded
 *                    {@code /} ({@code %2F}) or {@code %} ({@code %25}), for routes whose segment carries an
 *                    identity that may hold them; everywhere else such a path is refused with 400 as Jetty does by
 *                    default ({@link EncodedSlashHandler})
 * @param tls         HTTPS next to (or instead of) HTTP, on the same address, when TLS is on
 */
public record HttpSettings(String bindAddress, int port, OptionalInt adminPort, String logFormat, EdgeLimits limits,
                           ReadLimiter reads, List<String> encodedSlashPaths, TlsSettings tls) {

    public HttpSettings {
        encodedSlashPaths = List.copyOf(encodedSlashPaths);
        for (String prefix : encodedSlashPaths) {
            if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
                throw new IllegalArgumentException("an encoded-slash path prefix starts and ends with '/': " + prefix);
            }
        }
    }

    /** No path takes an encoded {@code /} or {@code %} (Jetty's default). */
    public HttpSettings(String bindAddress, int port, OptionalInt adminPort, String logFormat, EdgeLimits limits,
                        ReadLimiter reads) {
        this(bindAddress, port, adminPort, logFormat, limits, reads, List.of(), TlsSettings.off());
    }

    /** Every interface, no admin servlet, the default limits with read slots of its own: for tests. */
    public static HttpSettings of(int port, String logFormat) {
        return new HttpSettings(RtaOptions.BIND_ADDRESS.defaultValue(), port, OptionalInt.empty(), logFormat,
                EdgeLimits.defaults(), ReadLimiter.of(EdgeLimits.defaults()));
    }

    /** From a service's options: {@code BindAddress}, {@code AdminPort}, its own port and log format options. */
    public static HttpSettings from(Options options, OptionDef port, OptionDef logFormat, EdgeLimits limits,
                                    ReadLimiter reads) {
        return new HttpSettings(options.getString(RtaOptions.BIND_ADDRESS), options.getInt(port),
                adminPort(options), options.getString(logFormat), limits, reads);
    }

    /** {@code AdminPort}: empty (the default) turns the admin servlet off. */
    public static OptionalInt adminPort(Options options) {
        return options.getString(RtaOptions.ADMIN_PORT).isBlank() ? OptionalInt.empty()
                : OptionalInt.of(options.getInt(RtaOptions.ADMIN_PORT));
    }

    /**
     * These settings, with paths under {@code prefix} (starting and ending with {@code /}) allowed to carry an encoded
     * {@code /} or {@code %} in a segment.
     */
    public HttpSettings withEncodedSlashesUnder(String prefix) {
        List<String> prefixes = new ArrayList<>(encodedSlashPaths);
        prefixes.add(prefix);
        return new HttpSettings(bindAddress, port, adminPort, logFormat, limits, reads, prefixes, tls);
    }

    /** These settings, serving HTTPS as {@code tls} says. */
    public HttpSettings withTls(TlsSettings tls) {
        return new HttpSettings(bindAddress, port, adminPort, logFormat, limits, reads, encodedSlashPaths, tls);
    }
}
