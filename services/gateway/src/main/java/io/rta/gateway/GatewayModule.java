package io.rta.gateway;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.gateway.data.DataProxy;
import io.rta.gateway.data.SessionBindings;
import io.rta.gateway.health.UpstreamHealthCheck;
import io.rta.gateway.http.GatewayServlet;
import io.rta.gateway.live.LiveProxy;
import io.rta.gateway.proxy.HttpProxy;
import io.rta.gateway.proxy.Upstream;
import io.rta.gateway.proxy.UpstreamClient;
import io.rta.service.auth.ServiceToken;
import io.rta.service.module.ServiceModule;
import io.rta.service.http.ApiPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as a part of an HTTP server: its routes ({@link GatewayServlet}), the live WebSocket proxy when a
 * stream service is configured, and one health check per service behind it. Holds no state of its own but the
 * short-lived bindings cache: any number of gateways can serve the same services.
 */
public final class GatewayModule implements ServiceModule {

    private final GatewaySettings settings;
    private final UpstreamClient client;
    private final HttpProxy proxy;
    private final DataProxy data;
    private final MeterRegistry metrics;

    /** @param metrics where its routes' requests are timed ({@code http_server_requests_seconds}) */
    public GatewayModule(GatewaySettings settings, MeterRegistry metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.client = new UpstreamClient(settings.connectTimeout(), settings.readTimeout(),
                settings.tls().identity());
        this.proxy = new HttpProxy(client);
        ServiceToken ownToken = settings.credentials()
                .map(credentials -> new ServiceToken(credentials, settings.readTimeout())).orElse(null);
        SessionBindings bindings = new SessionBindings(client, settings.sessions(), ownToken,
                settings.bindingsCacheTime(), settings.bindingsCacheSize());
        this.data = new DataProxy(client, bindings, settings.dataSources(), settings.limits());
    }

    /**
     * Session and folder identities and config identifiers may hold {@code /} and {@code %}, percent-encoded in their
     * path segment: passed on as sent (the routing reads the raw path).
     */
    @Override
    public List<String> encodedSlashPaths() {
        return List.of(ApiPaths.SESSIONS, ApiPaths.SESSION_FOLDERS, ApiPaths.CONFIGS);
    }

    /** What ATLAS can ask the gateway for: sessions, configs, data, and the live stream when one is configured. */
    @Override
    public List<String> features() {
        return settings.streams().isPresent() ? List.of("sessions", "configs", "data", "stream")
                : List.of("sessions", "configs", "data");
    }

    /** {@code session-service}, {@code config-service}, {@code data-service:<source>}, {@code stream-service}. */
    @Override
    public Map<String, HealthCheck> healthChecks() {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("session-service", check(settings.sessions()));
        checks.put("config-service", check(settings.configs()));
        settings.dataSources().forEach((source, upstream) -> checks.put("data-service:" + source, check(upstream)));
        settings.streams().ifPresent(streams -> checks.put("stream-service", check(streams)));
        return checks;
    }

    /** The routes (a servlet: every answer is streamed through) and the WebSocket proxy. */
    @Override
    public void setUpHttp(Environment environment) {
        settings.streams().ifPresent(streams -> LiveProxy.install(environment, streams, proxy,
                settings.connectTimeout().plus(settings.readTimeout())));
        environment.servlets().addServlet("rta-gateway", new GatewayServlet(proxy, settings.sessions(),
                settings.configs(), data, metrics)).addMapping(GatewayServlet.URL_PATTERNS.toArray(String[]::new));
    }

    private UpstreamHealthCheck check(Upstream upstream) {
        return new UpstreamHealthCheck(upstream, client.http(), settings.healthTimeout());
    }
}
