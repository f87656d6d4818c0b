package io.rta.files.module;

import com.codahale.metrics.health.HealthCheck;
import io.rta.files.FileOptions;
import io.rta.files.FileSettings;
import io.rta.files.paths.RootPaths;
import io.rta.files.read.ChunkCache;
import io.rta.files.read.FileReads;
import io.rta.files.store.DuckDbFiles;
import io.rta.service.auth.ServiceToken;
import io.rta.service.adapter.AdapterDataResource;
import io.rta.service.module.ServiceModule;
import io.rta.service.schemamapping.SchemaMappingClient;
import io.rta.topology.limits.InputLimits;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file data service as a part of an HTTP server: the data routes by identity, and health checks for the root
 * ({@code root}: still a readable directory) and the schema mapping service. Its only state is the chunk cache:
 * any number of instances can serve the same files.
 */
public final class FileModule implements ServiceModule {

    private static final Logger LOG = LoggerFactory.getLogger(FileModule.class);

    private final SchemaMappingClient mappings;
    private final DuckDbFiles files;
    private final AdapterDataResource resource;
    private final FileSettings settings;

    public FileModule(FileSettings settings, InputLimits limits) throws SQLException {
        this.settings = settings;
        this.mappings = SchemaMappingClient.of(FileOptions.SCHEMA_MAPPING_GRPC_URI.name(),
                settings.schemaMappingUri(), settings.timeout(), settings.tls().identity(),
                settings.credentials().map(credentials -> new ServiceToken(credentials, settings.timeout())));
        try {
            this.files = new DuckDbFiles(settings.root(), settings.engineMemory(), settings.engineThreads());
        } catch (SQLException | RuntimeException e) {
            mappings.close();
            throw e;
        }
        this.resource = new AdapterDataResource("file data service", new FileReads(settings.dataSource(),
                new RootPaths(settings.root(), settings.maxFiles()), settings.windows(), mappings, files,
                new ChunkCache(settings.cacheBytes())), limits);
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
        checks.put("root", check(() -> Files.isDirectory(settings.root()) && Files.isReadable(settings.root())
                ? Optional.empty() : Optional.of("the Root directory is not a readable directory any more")));
        checks.put("schema-mapping-service", check(mappings::unhealthy));
        return checks;
    }

    private static HealthCheck check(Supplier<Optional<String>> problem) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return problem.get().map(Result::unhealthy).orElseGet(Result::healthy);
            }
        };
    }

    @Override
    public void close() {
        mappings.close();
        try {
            files.close();
        } catch (SQLException e) {
            LOG.warn("closing DuckDB: {}", e.getMessage());
        }
    }
}
