package io.rta.influx;

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
 * Options of {@code ./rta influx-data-service}, named as in the toolkit's Influx data service README, plus the
 * hosting options every service has (bind address, logging, limits, auth, TLS).
 */
public final class InfluxOptions {

    public static final OptionDef HTTP_PORT = OptionDef.of("HttpPort", "2690",
            "Port of the influx data service's REST API (the data routes by data identity), health and metrics.");
    public static final OptionDef HTTPS_PORT = TlsSettings.httpsPort(2691);
    public static final OptionDef DATA_SOURCE = OptionDef.of("DataSource", "",
            "Namespace of this service's schema mappings (their data_source); required. Should match the source "
                    + "name of the data bindings and the gateway's DataServiceUris:<source>.");
    public static final OptionDef SCHEMA_MAPPING_GRPC_URI = OptionDef.of("SchemaMappingGrpcUri", "",
            "URI of the schema mapping service's gRPC interface (e.g. http://localhost:2682/; https:// for TLS); "
                    + "required. The caller's bearer token is forwarded with each lookup.");
    public static final OptionDef INFLUX_URI = OptionDef.of("InfluxUri", "",
            "URI of InfluxDB 1.x (e.g. http://localhost:8086/; user:password@ in it is sent as basic auth); "
                    + "required.");
    public static final OptionDef INFLUX_HEALTH_CHECK_PATH = OptionDef.of("InfluxHealthCheckPath", "/health",
            "Path of InfluxDB that /health asks (2xx is healthy). InfluxDB before 1.8 has no /health: use /ping.");
    public static final OptionDef MAX_FREQUENCY = OptionDef.of("MaxFrequency", "100",
            "Approximate highest sample rate of the data (Hz): sizes the chunk windows (4096 samples at this rate, "
                    + "1-100 s) and splits long reads into queries of about 1M samples per field.");
    public static final OptionDef DEFAULT_DIALECT = OptionDef.of("SchemaMappingDefaults:Dialect", "influxql",
            "Query dialect of a schema mapping without a 'dialect' property; only influxql is supported.");
    public static final OptionDef DEFAULT_DATABASE = OptionDef.of("SchemaMappingDefaults:InfluxQL:Database", "",
            "InfluxQL database of a schema mapping without a 'database' property.");
    public static final OptionDef DEFAULT_RETENTION_POLICY = OptionDef.of(
            "SchemaMappingDefaults:InfluxQL:RetentionPolicy", "autogen",
            "InfluxQL retention policy of a schema mapping without a 'retention_policy' property.");
    public static final OptionDef DEFAULT_MEASUREMENT = OptionDef.of("SchemaMappingDefaults:InfluxQL:Measurement", "",
            "InfluxQL measurement of a schema mapping without a 'measurement' property.");
    public static final OptionDef UPSTREAM_TIMEOUT = OptionDef.of("UpstreamTimeout", "10000",
            "Milliseconds InfluxDB and the schema mapping service have to connect and start answering (a schema "
                    + "mapping lookup, a query's first bytes, a health check) before the read is 503.");

    /** The service's own options, in documentation order. */
    public static final List<OptionDef> OWN = List.of(HTTP_PORT, DATA_SOURCE, SCHEMA_MAPPING_GRPC_URI, INFLUX_URI,
            INFLUX_HEALTH_CHECK_PATH, MAX_FREQUENCY, DEFAULT_DIALECT, DEFAULT_DATABASE, DEFAULT_RETENTION_POLICY,
            DEFAULT_MEASUREMENT, UPSTREAM_TIMEOUT);

    /** Every option of {@code ./rta influx-data-service}. */
    public static final List<OptionDef> ALL = Stream.of(Stream.of(RtaOptions.CONFIG), OWN.stream(),
            Stream.of(RtaOptions.BIND_ADDRESS, RtaOptions.ADMIN_PORT, RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL,
                    RtaOptions.LOG_LEVELS, RtaOptions.SERVICE_LABEL, RtaOptions.SERVICE_DESCRIPTION,
                    RtaOptions.TOPIC_PREFIX_UNUSED),
            LimitOptions.EDGE.stream(), LimitOptions.INPUT.stream(), AuthSettings.OPTIONS.stream(),
            ClientCredentials.OPTIONS.stream(),
            TlsSettings.options(HTTPS_PORT).stream()).flatMap(s -> s).toList();

    private InfluxOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
