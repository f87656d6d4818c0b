package io.rta.gateway;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.Authenticator;
import io.rta.service.config.EdgeLimits;
import io.rta.service.config.LimitOptions;
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
import java.util.List;
import io.rta.ui.UiModule;
import io.rta.ui.UiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta gateway}: the outward REST API for ATLAS in front of the session, config, data and stream services
 * (HTTP only, no gRPC), with its own {@code /}, {@code /health}, {@code /metrics} and {@code /rta/v2/info}.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Parts parts = new Parts();
    private HttpServer http;

    private GatewayServer() {
    }

    /** Starts the gateway and returns once it listens. */
    public static GatewayServer start(Options options) throws Exception {
        GatewaySettings settings = GatewaySettings.from(options);
        GatewayServer server = new GatewayServer();
        try {
            server.startParts(options, settings);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startParts(Options options, GatewaySettings settings) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        ProcessMetrics metrics = parts.own(ProcessMetrics.create());
        HealthCheckRegistry health = new HealthCheckRegistry();
        List<ServiceModule> modules = List.of(new GatewayModule(settings, metrics.registry()),
                new UiModule(UiSettings.from(options, auth.settings())));
        ServiceHost.registerHealthChecks(health, modules);
        ServiceInfo info = new ServiceInfo("rta-gateway", ServiceInfo.buildVersion(), ServiceHost.features(modules),
                options.getString(RtaOptions.SERVICE_LABEL), options.getString(RtaOptions.SERVICE_DESCRIPTION),
                auth.enabled());
        EdgeLimits edge = LimitOptions.edgeLimits(options);
        http = parts.own(ServiceHost.http(info, HttpSettings.from(options, GatewayOptions.HTTP_PORT,
                RtaOptions.LOG_FORMAT, edge, ReadLimiter.of(edge)).withTls(settings.tls()), metrics, health, auth,
                modules));
        LOG.info("RTA gateway ready: HTTP {} HTTPS {}; data sources {}; live stream {}; data bindings read {}",
                http.port(), http.httpsPort(), settings.dataSources().keySet(),
                settings.streams().isPresent() ? "proxied" : "off",
                settings.credentials().map(c -> "with its own token (Auth:ClientId " + c.clientId() + ")")
                        .orElse("with the caller's token"));
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** Stops the HTTP server. */
    @Override
    public void close() {
        parts.close();
    }
}
