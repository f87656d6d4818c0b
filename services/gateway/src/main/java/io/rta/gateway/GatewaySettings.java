package io.rta.gateway;

import io.rta.gateway.proxy.Upstream;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.tls.TlsSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The services behind the gateway and how long it waits for them, checked once at start-up.
 *
 * @param sessions       {@code SessionServiceUri}
 * @param configs        {@code ConfigServiceUri}
 * @param dataSources    {@code DataServiceUris:<source>}, by source in lower case
 * @param streams        {@code StreamServiceUri}, when set
 * @param connectTimeout {@code UpstreamConnectTimeout}
 * @param readTimeout    {@code UpstreamReadTimeout}
 * @param healthTimeout  {@code HealthTimeout}
 * @param bindingsCacheTime {@code BindingsCacheTime}
 * @param bindingsCacheSize {@code BindingsCacheSize}
 * @param tls            the {@code Tls:*} options: HTTPS of its own, and how it calls {@code https} services
 */
public record GatewaySettings(Upstream sessions, Upstream configs, Map<String, Upstream> dataSources,
                              Optional<Upstream> streams, Duration connectTimeout, Duration readTimeout,
                              Duration healthTimeout, Duration bindingsCacheTime, int bindingsCacheSize,
                              TlsSettings tls) {

    /** @throws IllegalArgumentException naming the option when a required one is missing or a value is bad */
    public static GatewaySettings from(Options options) {
        Upstream sessions = Upstream.of("session service", GatewayOptions.SESSION_SERVICE_URI.name(),
                required(GatewayOptions.SESSION_SERVICE_URI.name(),
                        options.getString(GatewayOptions.SESSION_SERVICE_URI), "http://host:2650/"));
        Upstream configs = Upstream.of("config service", GatewayOptions.CONFIG_SERVICE_URI.name(),
                required(GatewayOptions.CONFIG_SERVICE_URI.name(),
                        options.getString(GatewayOptions.CONFIG_SERVICE_URI), "http://host:2660/"));
        Map<String, Upstream> sources = new LinkedHashMap<>();
        options.getSection(GatewayOptions.DATA_SERVICE_URIS).forEach((source, uri) -> sources.put(source,
                Upstream.of("data source '" + source + "'", "DataServiceUris:" + source, uri)));
        String streamUri = options.getString(GatewayOptions.STREAM_SERVICE_URI);
        Optional<Upstream> streams = streamUri.isBlank() ? Optional.empty()
                : Optional.of(Upstream.of("stream service", GatewayOptions.STREAM_SERVICE_URI.name(), streamUri));
        return new GatewaySettings(sessions, configs, Map.copyOf(sources), streams,
                positive(options, GatewayOptions.UPSTREAM_CONNECT_TIMEOUT),
                positive(options, GatewayOptions.UPSTREAM_READ_TIMEOUT),
                positive(options, GatewayOptions.HEALTH_TIMEOUT),
                options.getDuration(GatewayOptions.BINDINGS_CACHE_TIME),
                options.getInt(GatewayOptions.BINDINGS_CACHE_SIZE),
                TlsSettings.from(options, GatewayOptions.HTTPS_PORT));
    }

    private static String required(String option, String value, String example) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("the gateway needs option " + option + " (the service's root URI, e.g. "
                    + example + "; --" + option + " uri or RTA_" + option.toUpperCase(Locale.ROOT) + ")");
        }
        return value;
    }

    private static Duration positive(Options options, OptionDef def) {
        Duration value = options.getDuration(def);
        if (value.isZero()) {
            throw new IllegalArgumentException("Option " + def.name() + " must be more than 0 ms");
        }
        return value;
    }
}
