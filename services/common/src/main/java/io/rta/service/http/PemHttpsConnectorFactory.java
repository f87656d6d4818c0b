package io.rta.service.http;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.metrics.jetty12.InstrumentedConnectionFactory;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * An HTTPS connector from an in-memory {@link TlsSettings.Identity} (our PEM files), built by Dropwizard next to the
 * HTTP connector and configured like it (address, URI compliance), so both serve the same handlers, filters and
 * limits. Dropwizard's own {@code HttpsConnectorFactory} wants a key store file; this one keeps the key in memory.
 */
final class PemHttpsConnectorFactory extends HttpConnectorFactory {

    private final TlsSettings.Identity identity;

    PemHttpsConnectorFactory(TlsSettings.Identity identity) {
        this.identity = identity;
    }

    @Override
    public Connector build(Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
        HttpConfiguration configuration = buildHttpConfiguration();
        configuration.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory http = buildHttpConnectionFactory(configuration);
        SslConnectionFactory tls = new SslConnectionFactory(TlsContexts.jetty(identity), http.getProtocol());
        return buildConnector(server, new ScheduledExecutorScheduler(), buildBufferPool(), name, threadPool,
                new InstrumentedConnectionFactory(tls, metrics.timer(MetricRegistry.name(PemHttpsConnectorFactory.class,
                        getBindHost(), Integer.toString(getPort()), "connections"))), http);
    }
}
