package io.rta.influx;

import io.rta.service.auth.ClientCredentials;
import io.rta.influx.read.MappingDefaults;
import io.rta.service.chunks.TimeWindows;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.tls.TlsSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.Locale;

/**
 * The influx data service's configuration, checked once at start-up.
 *
 * @param dataSource {@code DataSource}
 * @param schemaMappingUri {@code SchemaMappingGrpcUri}
 * @param influxUri {@code InfluxUri}
 * @param influxHealthPath {@code InfluxHealthCheckPath}
 * @param windows the chunk grid from {@code MaxFrequency}
 * @param defaults {@code SchemaMappingDefaults:*}
 * @param timeout {@code UpstreamTimeout}
 * @param tls the {@code Tls:*} options: HTTPS of its own, and how it calls {@code https} upstreams
 */
public record InfluxSettings(String dataSource, String schemaMappingUri, String influxUri, String influxHealthPath,
                             TimeWindows windows, MappingDefaults defaults, Duration timeout, TlsSettings tls,
                             Optional<ClientCredentials> credentials) {

    /** @throws IllegalArgumentException naming the option when a required one is missing or a value is bad */
    public static InfluxSettings from(Options options) {
        String dialect = options.getString(InfluxOptions.DEFAULT_DIALECT).strip();
        if (!dialect.toLowerCase(Locale.ROOT).equals("influxql")) {
            throw new IllegalArgumentException("option " + InfluxOptions.DEFAULT_DIALECT.name() + " is '" + dialect
                    + "': only influxql is supported");
        }
        Duration timeout = options.getDuration(InfluxOptions.UPSTREAM_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("option " + InfluxOptions.UPSTREAM_TIMEOUT.name()
                    + " must be more than 0 ms");
        }
        return new InfluxSettings(required(options, InfluxOptions.DATA_SOURCE, "the schema mappings' data_source"),
                required(options, InfluxOptions.SCHEMA_MAPPING_GRPC_URI, "e.g. http://localhost:2682/"),
                required(options, InfluxOptions.INFLUX_URI, "e.g. http://localhost:8086/"),
                options.getString(InfluxOptions.INFLUX_HEALTH_CHECK_PATH).strip(), windows(options),
                new MappingDefaults(dialect, options.getString(InfluxOptions.DEFAULT_DATABASE).strip(),
                        options.getString(InfluxOptions.DEFAULT_RETENTION_POLICY).strip(),
                        options.getString(InfluxOptions.DEFAULT_MEASUREMENT).strip()),
                timeout, TlsSettings.from(options, InfluxOptions.HTTPS_PORT), ClientCredentials.from(options));
    }

    private static TimeWindows windows(Options options) {
        String value = options.getString(InfluxOptions.MAX_FREQUENCY).strip();
        try {
            return TimeWindows.forMaxFrequency(Double.parseDouble(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + InfluxOptions.MAX_FREQUENCY.name() + " '" + value
                    + "' is not a positive number of Hz", e);
        }
    }

    private static String required(Options options, OptionDef def, String what) {
        String value = options.getString(def).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the influx-data-service needs option " + def.name() + " (" + what
                    + "; --" + def.name() + " value or RTA_" + def.name().toUpperCase(Locale.ROOT) + ")");
        }
        return value;
    }
}
