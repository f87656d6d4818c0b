package io.rta.gateway;

import io.rta.gateway.proxy.Upstream;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.ClientCredentials;
import io.rta.service.config.OptionDef;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.Options;
import io.rta.service.tls.TlsSettings;
import io.rta.topology.limits.InputLimits;
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
 * @param credentials    the gateway's own client ({@code Auth:ClientId}) for the session service's internal
 *                       data-bindings route; required with {@code EnableAuth}
 * @param tls            the {@code Tls:*} options: HTTPS of its own, and how it calls {@code https} services
 */
public record GatewaySettings(Upstream sessions, Upstream configs, Map<String, Upstream> dataSources,
                              Optional<Upstream> streams, Duration connectTimeout, Duration readTimeout,
                              Duration healthTimeout, Duration bindingsCacheTime, int bindingsCacheSize,
                              Optional<ClientCredentials> credentials, TlsSettings tls, InputLimits limits) {

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
                options.getInt(GatewayOptions.BINDINGS_CACHE_SIZE), credentials(options),
                TlsSettings.from(options, GatewayOptions.HTTPS_PORT), LimitOptions.inputLimits(options));
    }

    /**
     * With auth on the gateway needs a client of its own: every data read goes through the session's bindings, and the
     * session service's internal route does not open to a user's token (it needs {@code Auth:InternalScope}). With
     * auth off it may have one too, for session services that have auth on.
     */
    private static Optional<ClientCredentials> credentials(Options options) {
        Optional<ClientCredentials> credentials = ClientCredentials.from(options);
        if (credentials.isEmpty() && options.getBoolean(AuthSettings.ENABLE_AUTH)) {
            throw new IllegalArgumentException("EnableAuth is true but Auth:ClientId is not set: the gateway reads "
                    + "each session's data bindings from the session service's internal route with a token of its "
                    + "own (client credentials: set Auth:ClientId and Auth:ClientSecret, a client the provider "
                    + "grants Auth:InternalScope)");
        }
        return credentials;
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
