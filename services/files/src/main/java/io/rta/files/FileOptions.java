package io.rta.files;

import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.ClientCredentials;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.tls.TlsSettings;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta file-data-service}, plus the hosting options every service has (bind address, logging,
 * limits, auth, TLS).
 */
public final class FileOptions {

    public static final OptionDef HTTP_PORT = OptionDef.of("HttpPort", "2695",
            "Port of the file data service's REST API (the data routes by data identity), health and metrics.");
    public static final OptionDef HTTPS_PORT = TlsSettings.httpsPort(2696);
    public static final OptionDef DATA_SOURCE = OptionDef.of("DataSource", "files",
            "Namespace of this service's schema mappings (their data_source). Should match the source name of the "
                    + "data bindings and the gateway's DataServiceUris:<source>.");
    public static final OptionDef ROOT = OptionDef.of("Root", "",
            "Directory the data identities are relative to (a file or a glob of Parquet or CSV files under it); "
                    + "required, must exist. Nothing outside it is ever read.");
    public static final OptionDef SCHEMA_MAPPING_GRPC_URI = OptionDef.of("SchemaMappingGrpcUri", "",
            "URI of the schema mapping service's gRPC interface (e.g. http://localhost:2682/; https:// for TLS); "
                    + "required. The caller's bearer token is forwarded with each lookup.");
    public static final OptionDef MAX_FREQUENCY = OptionDef.of("MaxFrequency", "100",
            "Approximate highest sample rate of the data (Hz): sizes the chunk windows (4096 samples at this rate, "
                    + "1-100 s, aligned to the epoch).");
    public static final OptionDef CACHE_SIZE = OptionDef.of("CacheSize", "268435456",
            "Bytes of computed chunks kept in memory, by (files and their modification times, channel mapping, "
                    + "window); least recently used first out. 0 turns the cache off.");
    public static final OptionDef MAX_FILES = OptionDef.of("MaxFiles", "1000",
            "Most files one data identity (a glob) may match; more is a 400.");
    public static final OptionDef ENGINE_MEMORY = OptionDef.of("EngineMemoryLimit", "1GB",
            "DuckDB's memory_limit for the reads (sorting spills to a temporary directory beyond it).");
    public static final OptionDef ENGINE_THREADS = OptionDef.of("EngineThreads", "1",
            "DuckDB's threads (1-256): how many threads one read's scan may use, the one fetching its rows "
                    + "included. 1 runs each scan on that one thread: concurrent reads spread over the cores and a "
                    + "scan does not take CPU from its own chunk encoding. Raise it for few, large reads on many "
                    + "cores.");
    public static final OptionDef UPSTREAM_TIMEOUT = OptionDef.of("UpstreamTimeout", "10000",
            "Milliseconds the schema mapping service has to answer a lookup or a health check before the read is "
                    + "503.");

    /** The service's own options, in documentation order. */
    public static final List<OptionDef> OWN = List.of(HTTP_PORT, DATA_SOURCE, ROOT, SCHEMA_MAPPING_GRPC_URI,
            MAX_FREQUENCY, CACHE_SIZE, MAX_FILES, ENGINE_MEMORY, ENGINE_THREADS, UPSTREAM_TIMEOUT);

    /** Every option of {@code ./rta file-data-service}. */
    public static final List<OptionDef> ALL = Stream.of(Stream.of(RtaOptions.CONFIG), OWN.stream(),
            Stream.of(RtaOptions.BIND_ADDRESS, RtaOptions.ADMIN_PORT, RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL,
                    RtaOptions.LOG_LEVELS, RtaOptions.SERVICE_LABEL, RtaOptions.SERVICE_DESCRIPTION,
                    RtaOptions.TOPIC_PREFIX_UNUSED),
            LimitOptions.EDGE.stream(), LimitOptions.INPUT.stream(), AuthSettings.OPTIONS.stream(),
            ClientCredentials.OPTIONS.stream(),
            TlsSettings.options(HTTPS_PORT).stream()).flatMap(s -> s).toList();

    private FileOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
