package io.rta.service.module;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.grpc.BindableService;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One service's part of a process: what it serves (JAX-RS resources, other HTTP endpoints, gRPC services), how its
 * health is told, and the parts it owns. A module is built, through its constructor, from what it needs and nothing
 * else; {@link ServiceHost} serves the modules of a process on one HTTP and one gRPC port, and {@code ./rta server}
 * composes the modules that the standalone commands run alone.
 */
public interface ServiceModule extends AutoCloseable {

    /** The features it adds to what {@code GET /} reports (e.g. "sessions"); none for a supporting part. */
    default List<String> features() {
        return List.of();
    }

    /** Its JAX-RS resources. */
    default List<Object> resources() {
        return List.of();
    }

    /** What else it serves over HTTP (WebSocket endpoints, filters), set up before the HTTP server starts. */
    default void setUpHttp(Environment environment) {
    }

    /**
     * Path prefixes of its routes whose path parameters may hold an encoded {@code /} or {@code %} (Jetty refuses
     * them elsewhere; see {@code HttpSettings#withEncodedSlashesUnder}).
     */
    default List<String> encodedSlashPaths() {
        return List.of();
    }

    /**
     * Its internal routes: paths (regular expressions over the whole decoded path, e.g.
     * {@code /rta/v2/sessions/.+/data-bindings/?}) that only other services call. With auth on they need a token with
     * {@code Auth:InternalScope} (see {@code BearerAuthFilter}).
     */
    default List<Pattern> internalPaths() {
        return List.of();
    }

    /** Its gRPC services. */
    default List<BindableService> grpcServices() {
        return List.of();
    }

    /** Its health checks by name (a {@code LivenessCheck} also counts for {@code /health/live}). */
    default Map<String, HealthCheck> healthChecks() {
        return Map.of();
    }

    /** Stops what it owns, in reverse start order; a failure is logged and the rest still stop. */
    @Override
    default void close() {
    }
}
