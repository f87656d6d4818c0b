package io.rta.service.module;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.BindableService;
import io.rta.service.auth.Authenticator;
import io.rta.service.auth.BearerAuthFilter;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.grpc.GrpcServer;
import io.rta.service.http.HttpServer;
import io.rta.service.http.HttpSettings;
import io.rta.service.http.ServiceInfo;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Serves the modules of one process: their health checks in one registry, their gRPC services on one port, their
 * resources and endpoints on one HTTP port next to {@code /}, {@code /health}, {@code /metrics} and
 * {@code /rta/v2/info}. The caller owns and closes what it returns.
 */
public final class ServiceHost {

    private ServiceHost() {
    }

    /** Every module's health checks, registered in {@code health}. */
    public static HealthCheckRegistry registerHealthChecks(HealthCheckRegistry health, List<ServiceModule> modules) {
        modules.forEach(module -> module.healthChecks().forEach(health::register));
        return health;
    }

    /** The features the modules add, in module order. */
    public static List<String> features(List<ServiceModule> modules) {
        return modules.stream().flatMap(module -> module.features().stream()).toList();
    }

    /**
     * The gRPC server of the modules' services (not started), every one but health behind {@code auth}; TLS only
     * when {@code tls} is on (gRPC has one port: it cannot serve both).
     */
    public static GrpcServer grpc(String bindAddress, int port, int maxMessageSize, EdgeLimits edge,
                                  ReadLimiter reads, HealthCheckRegistry health, ProcessMetrics metrics,
                                  Authenticator auth, TlsSettings tls, List<ServiceModule> modules) {
        List<BindableService> services = modules.stream().flatMap(module -> module.grpcServices().stream()).toList();
        var builder = GrpcServer.netty(bindAddress, port, maxMessageSize, edge);
        tls.identity().ifPresent(identity -> builder.sslContext(TlsContexts.grpcServer(identity)));
        return new GrpcServer(builder, services, health, edge, reads, metrics.registry(), auth);
    }

    /**
     * Starts the HTTP server with every module's resources and endpoints, the {@code /rta/v2} routes (but
     * {@code /rta/v2/info}) and the WebSocket handshakes behind {@code auth}, the modules' internal routes needing
     * its internal scope.
     */
    public static HttpServer http(ServiceInfo info, HttpSettings settings, ProcessMetrics metrics,
                                  HealthCheckRegistry health, Authenticator auth, List<ServiceModule> modules)
            throws Exception {
        HttpSettings withPaths = settings;
        for (ServiceModule module : modules) {
            for (String prefix : module.encodedSlashPaths()) {
                withPaths = withPaths.withEncodedSlashesUnder(prefix);
            }
        }
        List<Pattern> internal = modules.stream().flatMap(module -> module.internalPaths().stream()).toList();
        return HttpServer.start(info, withPaths, metrics, health,
                jersey -> modules.forEach(module -> module.resources().forEach(jersey::register)),
                environment -> {
                    // first, so it runs before any other filter (the WebSocket upgrade's included)
                    environment.servlets().addFilter("bearer-auth", new BearerAuthFilter(auth, internal))
                            .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
                    modules.forEach(module -> module.setUpHttp(environment));
                });
    }
}
