package io.rta.influx.module;

import com.codahale.metrics.health.HealthCheck;
import io.rta.influx.InfluxOptions;
import io.rta.influx.InfluxSettings;
import io.rta.influx.health.UpstreamCheck;
import io.rta.influx.read.InfluxReads;
import io.rta.influx.store.InfluxClient;
import io.rta.service.auth.ServiceToken;
import io.rta.service.adapter.AdapterDataResource;
import io.rta.service.module.ServiceModule;
import io.rta.service.schemamapping.SchemaMappingClient;
import io.rta.topology.limits.InputLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The influx data service as a part of an HTTP server: the data routes by identity, and one health check per
 * upstream ({@code influxdb}, {@code schema-mapping-service}). Holds no state but the short schema mapping cache: any
 * number of instances can serve the same InfluxDB.
 */
public final class InfluxModule implements ServiceModule {

    private final SchemaMappingClient mappings;
    private final InfluxClient influx;
    private final AdapterDataResource resource;

    public InfluxModule(InfluxSettings settings, InputLimits limits) {
        this.mappings = SchemaMappingClient.of(InfluxOptions.SCHEMA_MAPPING_GRPC_URI.name(),
                settings.schemaMappingUri(), settings.timeout(), settings.tls().identity(),
                settings.credentials().map(credentials -> new ServiceToken(credentials, settings.timeout())));
        this.influx = new InfluxClient(InfluxOptions.INFLUX_URI.name(), settings.influxUri(),
                settings.influxHealthPath(), settings.timeout(), settings.tls().identity());
        this.resource = new AdapterDataResource("influx data service", new InfluxReads(settings.dataSource(), settings.defaults(),
                settings.windows(), mappings, influx), limits);
    }

    @Override
    public List<String> features() {
        return List.of("data");
    }

    @Override
    public List<Object> resources() {
        return List.of(resource);
    }

    @Override
    public List<String> encodedSlashPaths() {
        return List.of(AdapterDataResource.PATH);
    }

    @Override
    public Map<String, HealthCheck> healthChecks() {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("influxdb", new UpstreamCheck(influx::unhealthy));
        checks.put("schema-mapping-service", new UpstreamCheck(mappings::unhealthy));
        return checks;
    }

    @Override
    public void close() {
        mappings.close();
    }
}
