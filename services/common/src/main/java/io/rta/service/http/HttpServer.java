package io.rta.service.http;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * Runs a service's REST API on Dropwizard (Jetty + Jersey), configured from our options rather than a YAML file:
 * the Dropwizard configuration is generated here, in one place. Registers the common endpoints
 * ({@code /}, {@code /health}, {@code /metrics}, {@code /rta/v2/info}) next to the service's own resources.
 */
public final class HttpServer implements AutoCloseable {

    private final Server jetty;

    private HttpServer(Server jetty) {
        this.jetty = jetty;
    }

    /**
     * Starts the HTTP server and returns once it listens.
     *
     * @param port port to listen on (0 = any free port)
     * @param logFormat "text" or "json" (structured logs)
     * @param resources registers the service's own JAX-RS resources
     */
    public static HttpServer start(ServiceInfo info, int port, String logFormat, MetricRegistry metrics,
                                   HealthCheckRegistry health, Consumer<JerseyEnvironment> resources)
            throws Exception {
        return start(info, port, logFormat, metrics, health, resources, environment -> { });
    }

    /**
     * Starts the HTTP server with more than JAX-RS resources: {@code setup} sees the whole Dropwizard environment
     * (servlets, filters, WebSocket endpoints, managed lifecycle) before the server starts.
     *
     * @param resources registers the service's own JAX-RS resources
     * @param setup adds whatever else the service serves next to them
     */
    public static HttpServer start(ServiceInfo info, int port, String logFormat, MetricRegistry metrics,
                                   HealthCheckRegistry health, Consumer<JerseyEnvironment> resources,
                                   Consumer<Environment> setup) throws Exception {
        AtomicReference<Server> server = new AtomicReference<>();
        Application<Configuration> app = new Application<>() {
            @Override
            public String getName() {
                return info.name();
            }

            @Override
            public void initialize(Bootstrap<Configuration> bootstrap) {
                bootstrap.setMetricRegistry(metrics);
                bootstrap.setHealthCheckRegistry(health);
                bootstrap.setConfigurationSourceProvider(
                        path -> new ByteArrayInputStream(yaml(port, logFormat).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void run(Configuration configuration, Environment environment) {
                environment.jersey().register(new CommonResources(info, health, metrics));
                environment.jersey().register(new InfoResource(info));
                environment.jersey().register(new io.rta.service.errors.RestErrors());
                resources.accept(environment.jersey());
                setup.accept(environment);
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
        return new HttpServer(server.get());
    }

    private static String yaml(int port, String logFormat) {
        String layout = "json".equalsIgnoreCase(logFormat)
                ? "      layout:\n        type: json\n"
                : "      logFormat: \"%-5level [%d{ISO8601,UTC}] [%thread] %logger{36}: %msg%n%rEx\"\n";
        return """
                server:
                  type: simple
                  applicationContextPath: /
                  adminContextPath: /admin
                  connector:
                    type: http
                    port: %d
                  requestLog:
                    appenders: []
                logging:
                  level: INFO
                  loggers:
                    org.apache.kafka: WARN
                    org.apache.kafka.streams.KafkaStreams: INFO
                    io.dropwizard.jersey.DropwizardResourceConfig: WARN
                    org.eclipse.jetty: WARN
                  appenders:
                    - type: console
                %s""".formatted(port, layout);
    }

    /** The port the server listens on. */
    public int port() {
        return ((NetworkConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
