package io.rta.service.http;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.DropwizardResourceConfig;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.errors.RestErrors;
import io.rta.service.metrics.ProcessMetrics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's REST API on Dropwizard (Jetty + Jersey), configured from our options rather than a YAML file:
 * the Dropwizard configuration is generated here, in one place. Registers the common endpoints
 * ({@code /}, {@code /health}, {@code /metrics}, {@code /rta/v2/info}) next to the service's own resources.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final AtomicBoolean PREPARING = new AtomicBoolean();

    private final Server jetty;
    private final HttpSettings settings;

    private HttpServer(Server jetty, HttpSettings settings) {
        this.jetty = jetty;
        this.settings = settings;
    }

    /**
     * Starts the HTTP server and returns once it listens: on every interface, with the default edge limits and no
     * admin servlet (see {@link HttpSettings#of}).
     *
     * @param port port to listen on (0 = any free port)
     * @param logFormat "text" or "json" (structured logs)
     * @param resources registers the service's own JAX-RS resources
     */
    public static HttpServer start(ServiceInfo info, int port, String logFormat, ProcessMetrics metrics,
                                   HealthCheckRegistry health, Consumer<JerseyEnvironment> resources)
            throws Exception {
        return start(info, HttpSettings.of(port, logFormat), metrics, health, resources, environment -> { });
    }

    /** As {@link #start(ServiceInfo, HttpSettings, ProcessMetrics, HealthCheckRegistry, Consumer, Consumer)}. */
    public static HttpServer start(ServiceInfo info, int port, String logFormat, ProcessMetrics metrics,
                                   HealthCheckRegistry health, Consumer<JerseyEnvironment> resources,
                                   Consumer<Environment> setup) throws Exception {
        return start(info, HttpSettings.of(port, logFormat), metrics, health, resources, setup);
    }

    /**
     * Starts the HTTP server with more than JAX-RS resources: {@code setup} sees the whole Dropwizard environment
     * (servlets, filters, WebSocket endpoints, managed lifecycle) before the server starts.
     * <p>
     * Every error answer is the JSON body, Jetty's own included ({@link JsonErrorHandler}, {@link RestErrors}); a
     * request body over {@code MaxRequestBodySize} is 413 ({@link BodyLimitHandler}); reads under {@code /rta/v2/}
     * take a slot of {@code settings.reads()} ({@link ReadLimitHandler}); an encoded {@code /} or {@code %} in a path
     * is 400 except under {@code settings.encodedSlashPaths()} ({@link EncodedSlashHandler}). The admin servlet is
     * served on 127.0.0.1:{@code AdminPort} only, or not at all; never on the API port.
     *
     * @param resources registers the service's own JAX-RS resources
     * @param setup adds whatever else the service serves next to them
     */
    public static HttpServer start(ServiceInfo info, HttpSettings settings, ProcessMetrics metrics,
                                   HealthCheckRegistry health, Consumer<JerseyEnvironment> resources,
                                   Consumer<Environment> setup) throws Exception {
        registerMetrics(metrics.registry(), settings.reads());
        AtomicReference<Server> server = new AtomicReference<>();
        Application<Configuration> app = new Application<>() {
            @Override
            public String getName() {
                return info.name();
            }

            /** Logging is configured once, by the process ({@code LogSetup}); Dropwizard must not replace it. */
            @Override
            protected void bootstrapLogging() {
            }

            @Override
            public void initialize(Bootstrap<Configuration> bootstrap) {
                bootstrap.setHealthCheckRegistry(health);
                bootstrap.setConfigurationSourceProvider(
                        path -> new ByteArrayInputStream(yaml(settings).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void run(Configuration configuration, Environment environment) {
                secure((DefaultServerFactory) configuration.getServerFactory(), settings);
                environment.jersey().register(new CommonResources(info, health, metrics.registry()));
                environment.jersey().register(httpMetrics(metrics.registry()));
                environment.jersey().register(new InfoResource(info));
                environment.jersey().register(new RestErrors());
                environment.jersey().register(new RestErrors.Unexpected());
                environment.getApplicationContext().setErrorHandler(new JsonErrorHandler.Servlet());
                environment.getAdminContext().setErrorHandler(new JsonErrorHandler.Servlet());
                if (!settings.encodedSlashPaths().isEmpty()) {
                    // the servlet API refuses an ambiguous URI unless told to decode it; EncodedSlashHandler has
                    // already refused every one outside the prefixes
                    environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
                }
                resources.accept(environment.jersey());
                setup.accept(environment);
                environment.lifecycle().addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        if (event instanceof Server jetty) {
                            guard(jetty, settings);
                        }
                    }
                });
                environment.lifecycle().addServerLifecycleListener(server::set);
            }

            @Override
            protected void onFatalError(Throwable t) {
                throw new IllegalStateException("cannot start the HTTP server: " + t.getMessage(), t);
            }
        };
        app.run("server", "generated-by-rta");
        // The process's own shutdown hook stops every part in order (HTTP first); Jetty's hook would race it.
        server.get().setStopAtShutdown(false);
        return new HttpServer(server.get(), settings);
    }

    /**
     * With TLS on, an HTTPS connector after the HTTP one, on the same address and configured like it (it runs before
     * the server is built from the factory); without the HTTP one when {@code Tls:DisableHttp}.
     */
    private static void secure(DefaultServerFactory server, HttpSettings settings) {
        if (settings.tls().identity().isEmpty()) {
            return;
        }
        List<ConnectorFactory> connectors = new ArrayList<>(server.getApplicationConnectors());
        HttpConnectorFactory http = (HttpConnectorFactory) connectors.get(0);
        PemHttpsConnectorFactory https = new PemHttpsConnectorFactory(settings.tls().identity().get());
        https.setBindHost(http.getBindHost());
        https.setPort(settings.tls().httpsPort());
        https.setUriCompliance(http.getUriCompliance());
        https.setIdleTimeout(http.getIdleTimeout());
        connectors.add(https);
        if (settings.tls().disableHttp()) {
            connectors.remove(http);
        }
        server.setApplicationConnectors(connectors);
    }

    /**
     * Loads and initialises, on a background thread, what starting the first HTTP server spends most of its time on
     * (Jackson, Hibernate Validator, Jersey and Jetty classes), so a process that calls this first does that work while
     * it waits for other things (a broker, a registry) instead of afterwards. Touches no shared state; calling it more
     * than once, or never, changes nothing but timing.
     */
    public static void prepareInBackground() {
        if (!PREPARING.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Jackson.newObjectMapper();
                Validators.newValidator();
                new DropwizardResourceConfig();
                new Server();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("Preparing the HTTP server in the background failed (it starts all the same): {}",
                        e.toString());
            }
        }, "http-prepare");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void registerMetrics(MeterRegistry registry, ReadLimiter reads) {
        Gauge.builder("rta.reads.running", reads, ReadLimiter::running)
                .description("reads holding a MaxConcurrentReads slot").strongReference(true)
                .register(registry);
        Gauge.builder("rta.reads.queued", reads, ReadLimiter::queued)
                .description("reads waiting for a slot (at most MaxQueuedReads)").strongReference(true)
                .register(registry);
        FunctionCounter.builder("rta.reads.refused", reads, ReadLimiter::refused)
                .description("reads refused because every slot and queue place was taken").register(registry);
    }

    /**
     * {@code http_server_requests_seconds{method, uri, status, outcome, exception}} of every request Jersey answers,
     * tagged with the route's template ({@code /rta/v2/sessions/{identity}}), never the raw path, so the number of
     * series stays bounded whatever clients ask (unmatched paths are {@code uri="NOT_FOUND"}).
     */
    private static MetricsApplicationEventListener httpMetrics(MeterRegistry registry) {
        return new MetricsApplicationEventListener(registry, new DefaultJerseyTagsProvider(), "http.server.requests",
                true);
    }

    /**
     * Jetty's own errors as JSON; encoded slashes outside their routes refused, then the body limit, then the read
     * slots, before anything else.
     */
    private static void guard(Server jetty, HttpSettings settings) {
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.insertHandler(new ReadLimitHandler(settings.reads()));
        jetty.insertHandler(new BodyLimitHandler(settings.limits().maxRequestBodySize()));
        if (!settings.encodedSlashPaths().isEmpty()) {
            jetty.insertHandler(new EncodedSlashHandler(settings.encodedSlashPaths()));
        }
    }

    /**
     * The Dropwizard configuration: the API on its own connector (with the URI compliance
     * {@link EncodedSlashHandler} needs, if any); the admin servlet on a loopback connector of its
     * own, or on none (it is then unreachable); no default exception mappers (ours answer everything as JSON);
     * logging left as the process configured it ({@code LogSetup}: format and levels from the first line on).
     */
    /**
     * Answers never gzipped: the chunked data is LZ4-compressed already, so gzip would only cost CPU on both ends
     * (a 10-million-sample channel: ~20 MB read in 0.05 s plain, 2-3 s gzipped, and browsers always ask for gzip);
     * the rest are compressed formats.
     */
    private static final String NOT_GZIPPED = "[\"application/vnd.mat.protobuf+chunked\", \"image/png\", "
            + "\"application/zip\", \"application/gzip\"]";

    private static String yaml(HttpSettings settings) {
        String admin = settings.adminPort().isPresent()
                ? "\n    - type: http\n      bindHost: 127.0.0.1\n      port: " + settings.adminPort().getAsInt()
                : " []";
        // Dropwizard takes a named mode only: the connector lets Jetty's pre-12 set of violations through and
        // EncodedSlashHandler refuses all but the two it allows under its prefixes, as the default mode would
        String compliance = settings.encodedSlashPaths().isEmpty() ? ""
                : "\n      uriCompliance: " + EncodedSlashHandler.CONNECTOR_COMPLIANCE;
        return """
                server:
                  type: default
                  registerDefaultExceptionMappers: false
                  applicationContextPath: /
                  adminContextPath: /
                  applicationConnectors:
                    - type: http
                      bindHost: %s
                      port: %d
                      idleTimeout: %dms%s
                  adminConnectors:%s
                  requestLog:
                    appenders: []
                  gzip:
                    excludedMimeTypes: %s
                logging:
                  type: external
                """.formatted(quoted(settings.bindAddress()), settings.port(), settings.limits().httpIdleTimeoutMillis(),
                        compliance, admin, NOT_GZIPPED);
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    private static String quoted(String value) {
        return JsonErrorHandler.quoted(value);
    }

    /** The port the API listens on over plain HTTP, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int port() {
        return settings.tls().disableHttp() ? -1 : localPort(0);
    }

    /** The port the API listens on over HTTPS, or -1 when TLS is off. */
    public int httpsPort() {
        return settings.tls().enabled() ? localPort(settings.tls().disableHttp() ? 0 : 1) : -1;
    }

    /** The port of the admin servlet (on 127.0.0.1), or -1 when it is off. */
    public int adminPort() {
        // the API connectors come first: HTTP unless disabled, then HTTPS when TLS is on
        int api = (settings.tls().disableHttp() ? 0 : 1) + (settings.tls().enabled() ? 1 : 0);
        return jetty.getConnectors().length > api ? localPort(api) : -1;
    }

    private int localPort(int connector) {
        return ((NetworkConnector) jetty.getConnectors()[connector]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
