package io.rta.influx;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.influx.module.InfluxModule;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta influx-data-service}: the data REST routes served from InfluxDB 1.x through the schema mapping service
 * (HTTP 2690, HTTPS 2691, no gRPC, no Kafka), with its own {@code /}, {@code /health}, {@code /metrics} and
 * {@code /rta/v2/info}.
 */
public final class InfluxDataServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDataServer.class);

    private final Parts parts = new Parts();
    private HttpServer http;

    private InfluxDataServer() {
    }

    /**
     * Starts the service and returns once it listens.
     *
     * @throws IllegalArgumentException naming the option when a required one is missing or a value is bad
     */
    public static InfluxDataServer start(Options options) throws Exception {
        InfluxSettings settings = InfluxSettings.from(options);
        InfluxDataServer server = new InfluxDataServer();
        try {
            server.startParts(options, settings);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startParts(Options options, InfluxSettings settings) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        ProcessMetrics metrics = parts.own(ProcessMetrics.create());
        List<ServiceModule> modules = List.of(parts.own(new InfluxModule(settings,
                LimitOptions.inputLimits(options))));
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules);
        ServiceInfo info = new ServiceInfo("rta-influx-data-service", ServiceInfo.buildVersion(),
                ServiceHost.features(modules), options.getString(RtaOptions.SERVICE_LABEL),
                options.getString(RtaOptions.SERVICE_DESCRIPTION), auth.enabled());
        EdgeLimits edge = LimitOptions.edgeLimits(options);
        http = parts.own(ServiceHost.http(info, HttpSettings.from(options, InfluxOptions.HTTP_PORT,
                RtaOptions.LOG_FORMAT, edge, ReadLimiter.of(edge)).withTls(settings.tls()), metrics, health, auth,
                modules));
        LOG.info("RTA influx-data-service ready: HTTP {} HTTPS {}; data source {}; InfluxDB {}; schema mappings {}; "
                        + "chunk window {} s", http.port(), http.httpsPort(), settings.dataSource(),
                settings.influxUri().replaceAll("//[^@/]*@", "//"), settings.schemaMappingUri(),
                settings.windows().windowNanos() / 1_000_000_000L);
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** Stops the HTTP server and the upstream clients. */
    @Override
    public void close() {
        parts.close();
    }
}
