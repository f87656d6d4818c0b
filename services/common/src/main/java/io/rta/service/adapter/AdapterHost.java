package io.rta.service.adapter;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.Authenticator;
import io.rta.service.config.EdgeLimits;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.http.HttpServer;
import io.rta.service.http.HttpSettings;
import io.rta.service.http.ServiceInfo;
import io.rta.service.lifecycle.Parts;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.module.ServiceHost;
import io.rta.service.module.ServiceModule;
import io.rta.service.tls.TlsSettings;
import io.rta.topology.limits.InputLimits;
import java.util.List;

/**
 * Hosts a data adapter's module alone on an HTTP server (no gRPC, no Kafka), as {@link ServiceHost} hosts every
 * service: auth, TLS, access policies, {@code /}, {@code /health}, {@code /metrics} and {@code /rta/v2/info}.
 */
public final class AdapterHost implements AutoCloseable {

    /** Builds the adapter's module from the input limits (it owns what it opens; closed with the host). */
    @FunctionalInterface
    public interface ModuleFactory {
        ServiceModule create(InputLimits limits) throws Exception;
    }

    private final Parts parts = new Parts();
    private HttpServer http;

    private AdapterHost() {
    }

    /**
     * Starts the module's HTTP server and returns once it listens.
     *
     * @param application the service's name in {@code /rta/v2/info} ({@code rta-file-data-service})
     * @param httpPort its {@code HttpPort} option
     * @throws IllegalArgumentException naming the option when an auth, TLS or limit option is bad
     */
    public static AdapterHost start(String application, Options options, OptionDef httpPort, TlsSettings tls,
                                    ModuleFactory module) throws Exception {
        AdapterHost host = new AdapterHost();
        try {
            host.startParts(application, options, httpPort, tls, module);
            return host;
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    private void startParts(String application, Options options, OptionDef httpPort, TlsSettings tls,
                            ModuleFactory module) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        ProcessMetrics metrics = parts.own(ProcessMetrics.create());
        List<ServiceModule> modules = List.of(parts.own(module.create(LimitOptions.inputLimits(options))));
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules);
        ServiceInfo info = new ServiceInfo(application, ServiceInfo.buildVersion(), ServiceHost.features(modules),
                options.getString(RtaOptions.SERVICE_LABEL), options.getString(RtaOptions.SERVICE_DESCRIPTION),
                auth.enabled());
        EdgeLimits edge = LimitOptions.edgeLimits(options);
        http = parts.own(ServiceHost.http(info, HttpSettings.from(options, httpPort, RtaOptions.LOG_FORMAT, edge,
                ReadLimiter.of(edge)).withTls(tls), metrics, health, auth, modules));
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** Stops the HTTP server and the module. */
    @Override
    public void close() {
        parts.close();
    }
}
