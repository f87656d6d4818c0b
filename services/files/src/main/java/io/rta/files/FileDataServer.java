package io.rta.files;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.files.module.FileModule;
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
 * {@code ./rta file-data-service}: the data REST routes served from Parquet and CSV files under {@code Root}, read in
 * place through the schema mapping service (HTTP 2695, HTTPS 2696, no gRPC, no Kafka), with its own {@code /},
 * {@code /health}, {@code /metrics} and {@code /rta/v2/info}.
 */
public final class FileDataServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileDataServer.class);

    private final Parts parts = new Parts();
    private HttpServer http;

    private FileDataServer() {
    }

    /**
     * Starts the service and returns once it listens.
     *
     * @throws IllegalArgumentException naming the option when a required one is missing or a value is bad
     */
    public static FileDataServer start(Options options) throws Exception {
        FileSettings settings = FileSettings.from(options);
        FileDataServer server = new FileDataServer();
        try {
            server.startParts(options, settings);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startParts(Options options, FileSettings settings) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        ProcessMetrics metrics = parts.own(ProcessMetrics.create());
        List<ServiceModule> modules = List.of(parts.own(new FileModule(settings,
                LimitOptions.inputLimits(options))));
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules);
        ServiceInfo info = new ServiceInfo("rta-file-data-service", ServiceInfo.buildVersion(),
                ServiceHost.features(modules), options.getString(RtaOptions.SERVICE_LABEL),
                options.getString(RtaOptions.SERVICE_DESCRIPTION), auth.enabled());
        EdgeLimits edge = LimitOptions.edgeLimits(options);
        http = parts.own(ServiceHost.http(info, HttpSettings.from(options, FileOptions.HTTP_PORT,
                RtaOptions.LOG_FORMAT, edge, ReadLimiter.of(edge)).withTls(settings.tls()), metrics, health, auth,
                modules));
        LOG.info("RTA file-data-service ready: HTTP {} HTTPS {}; data source {}; schema mappings {}; chunk window {} s;"
                        + " cache {} bytes", http.port(), http.httpsPort(), settings.dataSource(),
                settings.schemaMappingUri(), settings.windows().windowNanos() / 1_000_000_000L,
                settings.cacheBytes());
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** Stops the HTTP server, the schema mapping client and DuckDB. */
    @Override
    public void close() {
        parts.close();
    }
}
