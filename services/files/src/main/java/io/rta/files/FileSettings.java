package io.rta.files;

import io.rta.service.auth.ClientCredentials;
import io.rta.service.chunks.TimeWindows;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Locale;

/**
 * The file data service's configuration, checked once at start-up.
 *
 * @param dataSource {@code DataSource}
 * @param root {@code Root}, as a real path (symlinks resolved)
 * @param schemaMappingUri {@code SchemaMappingGrpcUri}
 * @param windows the chunk grid from {@code MaxFrequency}
 * @param cacheBytes {@code CacheSize}
 * @param maxFiles {@code MaxFiles}
 * @param engineMemory {@code EngineMemoryLimit}
 * @param engineThreads {@code EngineThreads}
 * @param timeout {@code UpstreamTimeout}
 * @param tls the {@code Tls:*} options
 */
public record FileSettings(String dataSource, Path root, String schemaMappingUri, TimeWindows windows,
                           long cacheBytes, int maxFiles, String engineMemory, int engineThreads, Duration timeout,
                           TlsSettings tls, Optional<ClientCredentials> credentials) {

    /** Most threads {@code EngineThreads} may ask for. */
    static final int MAX_ENGINE_THREADS = 256;

    /** @throws IllegalArgumentException naming the option when a required one is missing or a value is bad */
    public static FileSettings from(Options options) {
        Duration timeout = options.getDuration(FileOptions.UPSTREAM_TIMEOUT);
        if (timeout.isZero()) {
            throw new IllegalArgumentException("option " + FileOptions.UPSTREAM_TIMEOUT.name()
                    + " must be more than 0 ms");
        }
        long cacheBytes = options.getLong(FileOptions.CACHE_SIZE);
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("option " + FileOptions.CACHE_SIZE.name() + " must be 0 or more bytes");
        }
        int maxFiles = options.getInt(FileOptions.MAX_FILES);
        if (maxFiles < 1) {
            throw new IllegalArgumentException("option " + FileOptions.MAX_FILES.name() + " must be at least 1");
        }
        String memory = options.getString(FileOptions.ENGINE_MEMORY).strip();
        if (!memory.matches("(?i)[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
            throw new IllegalArgumentException("option " + FileOptions.ENGINE_MEMORY.name() + " '" + memory
                    + "' is not a size such as 512MB or 2GB");
        }
        int engineThreads = options.getInt(FileOptions.ENGINE_THREADS);
        if (engineThreads < 1 || engineThreads > MAX_ENGINE_THREADS) {
            throw new IllegalArgumentException("option " + FileOptions.ENGINE_THREADS.name() + " must be between 1 "
                    + "and " + MAX_ENGINE_THREADS + " threads; it is " + engineThreads);
        }
        String dataSource = options.getString(FileOptions.DATA_SOURCE).strip();
        if (dataSource.isEmpty()) {
            throw new IllegalArgumentException("option " + FileOptions.DATA_SOURCE.name() + " must not be empty");
        }
        return new FileSettings(dataSource, root(options),
                required(options, FileOptions.SCHEMA_MAPPING_GRPC_URI, "e.g. http://localhost:2682/"),
                windows(options), cacheBytes, maxFiles, memory, engineThreads, timeout,
                TlsSettings.from(options, FileOptions.HTTPS_PORT), ClientCredentials.from(options));
    }

    private static Path root(Options options) {
        String value = required(options, FileOptions.ROOT, "the directory the data identities are relative to");
        Path root = Path.of(value);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("option " + FileOptions.ROOT.name() + " '" + value
                    + "' is not an existing directory");
        }
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("option " + FileOptions.ROOT.name() + " '" + value
                    + "' cannot be resolved: " + e.getMessage(), e);
        }
    }

    private static TimeWindows windows(Options options) {
        String value = options.getString(FileOptions.MAX_FREQUENCY).strip();
        try {
            return TimeWindows.forMaxFrequency(Double.parseDouble(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + FileOptions.MAX_FREQUENCY.name() + " '" + value
                    + "' is not a positive number of Hz", e);
        }
    }

    private static String required(Options options, OptionDef def, String what) {
        String value = options.getString(def).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the file-data-service needs option " + def.name() + " (" + what
                    + "; --" + def.name() + " value or RTA_" + def.name().toUpperCase(Locale.ROOT) + ")");
        }
        return value;
    }
}
