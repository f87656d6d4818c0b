package io.rta.service.http;

import io.rta.service.config.EdgeLimits;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.edge.ReadLimiter;
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
 */
public record HttpSettings(String bindAddress, int port, OptionalInt adminPort, String logFormat, EdgeLimits limits,
                           ReadLimiter reads) {

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
}
