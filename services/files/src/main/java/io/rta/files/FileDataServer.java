package io.rta.files;

import io.rta.files.module.FileModule;
import io.rta.service.adapter.AdapterHost;
import io.rta.service.config.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta file-data-service}: the data REST routes served from Parquet and CSV files under {@code Root}, read in
 * place through the schema mapping service (HTTP 2695, HTTPS 2696, no gRPC, no Kafka), with its own {@code /},
 * {@code /health}, {@code /metrics} and {@code /rta/v2/info}.
 */
public final class FileDataServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileDataServer.class);

    private final AdapterHost host;

    private FileDataServer(AdapterHost host) {
        this.host = host;
    }

    /**
     * Starts the service and returns once it listens.
     *
     * @throws IllegalArgumentException naming the option when a required one is missing or a value is bad
     */
    public static FileDataServer start(Options options) throws Exception {
        FileSettings settings = FileSettings.from(options);
        AdapterHost host = AdapterHost.start("rta-file-data-service", options, FileOptions.HTTP_PORT,
                settings.tls(), limits -> new FileModule(settings, limits));
        LOG.info("RTA file-data-service ready: HTTP {} HTTPS {}; data source {}; schema mappings {}; chunk window {} s;"
                        + " cache {} bytes", host.httpPort(), host.httpsPort(), settings.dataSource(),
                settings.schemaMappingUri(), settings.windows().windowNanos() / 1_000_000_000L,
                settings.cacheBytes());
        return new FileDataServer(host);
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return host.httpPort();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return host.httpsPort();
    }

    /** Stops the HTTP server, the schema mapping client and DuckDB. */
    @Override
    public void close() {
        host.close();
    }
}
