package io.rta.service.http;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/** The endpoints every service has: {@code /}, {@code /health}, {@code /metrics} and {@code /rta/v2/info}. */
@Path("/")
public final class CommonResources {

    /** The content type Prometheus expects of the text format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServiceInfo info;
    private final HealthResults health;
    private final PrometheusMeterRegistry metrics;
    private final HealthGauges healthGauges;

    public CommonResources(ServiceInfo info, HealthCheckRegistry health, PrometheusMeterRegistry metrics) {
        this.info = info;
        this.health = new HealthResults(health);
        this.metrics = metrics;
        this.healthGauges = new HealthGauges(this.health, metrics);
    }

    /** Liveness: 200 while the process serves HTTP, with the service's name, version and features. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> root() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", info.name());
        body.put("version", info.version());
        body.put("features", info.features());
        return body;
    }

    /** Readiness (results at most 1 s old): 200 when every dependency check passes, 503 otherwise; the body says which failed and why. */
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        return healthAnswer(health.all());
    }

    /**
     * Liveness (the probe that restarts a pod): only the {@link LivenessCheck}s, which fail when the process cannot
     * recover on its own; 200 or 503 with the same body as {@code /health}.
     */
    @GET
    @Path("health/live")
    @Produces(MediaType.APPLICATION_JSON)
    public Response liveness() {
        return healthAnswer(health.liveness());
    }

    private static Response healthAnswer(SortedMap<String, HealthCheck.Result> results) {
        boolean healthy = results.values().stream().allMatch(HealthCheck.Result::isHealthy);
        Map<String, Object> checks = new LinkedHashMap<>();
        results.forEach((name, result) -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("healthy", result.isHealthy());
            if (result.getMessage() != null) {
                check.put("message", result.getMessage());
            }
            checks.put(name, check);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "healthy" : "unhealthy");
        body.put("checks", checks);
        return Response.status(healthy ? 200 : 503).entity(body).build();
    }

    /**
     * The process's meters in the Prometheus text exposition format (0.0.4), the health checks' latest results
     * included. Cheap: every meter reads memory (Kafka's clients' own metrics included); no check runs here.
     */
    @GET
    @Path("metrics")
    @Produces(PROMETHEUS_TEXT)
    public String metrics() {
        healthGauges.refresh();
        return metrics.scrape();
    }
}
