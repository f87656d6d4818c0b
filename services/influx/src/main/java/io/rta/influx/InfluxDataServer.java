package io.rta.influx;

import io.rta.influx.module.InfluxModule;
import io.rta.service.adapter.AdapterHost;
import io.rta.service.config.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta influx-data-service}: the data REST routes served from InfluxDB 1.x through the schema mapping service
 * (HTTP 2690, HTTPS 2691, no gRPC, no Kafka), with its own {@code /}, {@code /health}, {@code /metrics} and
 * {@code /rta/v2/info}.
 */
public final class InfluxDataServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDataServer.class);

    private final AdapterHost host;

    private InfluxDataServer(AdapterHost host) {
        this.host = host;
    }

    /**
     * Starts the service and returns once it listens.
     *
     * @throws IllegalArgumentException naming the option when a required one is missing or a value is bad
     */
    public static InfluxDataServer start(Options options) throws Exception {
        InfluxSettings settings = InfluxSettings.from(options);
        AdapterHost host = AdapterHost.start("rta-influx-data-service", options, InfluxOptions.HTTP_PORT,
                settings.tls(), limits -> new InfluxModule(settings, limits));
        LOG.info("RTA influx-data-service ready: HTTP {} HTTPS {}; data source {}; InfluxDB {}; schema mappings {}; "
                        + "chunk window {} s", host.httpPort(), host.httpsPort(), settings.dataSource(),
                settings.influxUri().replaceAll("//[^@/]*@", "//"), settings.schemaMappingUri(),
                settings.windows().windowNanos() / 1_000_000_000L);
        return new InfluxDataServer(host);
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return host.httpPort();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return host.httpsPort();
    }

    /** Stops the HTTP server and the upstream clients. */
    @Override
    public void close() {
        host.close();
    }
}
