package io.rta.gateway;

import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.ClientCredentials;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.tls.TlsSettings;
import io.rta.ui.UiOptions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta gateway}, named as in the toolkit's gateway README ({@code SessionServiceUri},
 * {@code ConfigServiceUri}, {@code DataServiceUris:<source>}) plus ours (stream service, timeouts, the bindings cache).
 */
public final class GatewayOptions {

    public static final OptionDef HTTP_PORT = OptionDef.of("HttpPort", "8080",
            "Port of the gateway's REST API (and the live WebSocket when StreamServiceUri is set), health and metrics.");
    /** The HTTPS port when TLS is on (the toolkit's gateway: 8443). */
    public static final OptionDef HTTPS_PORT = TlsSettings.httpsPort(8443);
    public static final OptionDef SESSION_SERVICE_URI = OptionDef.of("SessionServiceUri", "",
            "Root URI of the session service (e.g. http://host:2650/); required. Session, folder and metamodel "
                    + "requests go there, and the gateway reads each session's data bindings from it.");
    public static final OptionDef CONFIG_SERVICE_URI = OptionDef.of("ConfigServiceUri", "",
            "Root URI of the config service (e.g. http://host:2660/); required.");
    public static final OptionDef DATA_SERVICE_URIS = OptionDef.section("DataServiceUris", "<source>",
            "Root URI of the data service that serves the data bindings of source <source> (e.g. "
                    + "--DataServiceUris:store http://host:2670/, RTA_DATASERVICEURIS__STORE); zero or more. Source "
                    + "names match case-insensitively.");
    public static final OptionDef STREAM_SERVICE_URI = OptionDef.of("StreamServiceUri", "",
            "Root URI of the stream service (e.g. http://host:8090/); when set, the live WebSocket "
                    + "/rta/v2/sessions/{identity}/stream is proxied to it; empty: that route is 404.");
    public static final OptionDef UPSTREAM_CONNECT_TIMEOUT = OptionDef.of("UpstreamConnectTimeout", "2000",
            "Milliseconds the gateway waits for a TCP connection to a service before answering 502 (unreachable).");
    public static final OptionDef UPSTREAM_READ_TIMEOUT = OptionDef.of("UpstreamReadTimeout", "30000",
            "Milliseconds a service may stay silent (before its answer's headers, and between two parts of its body) "
                    + "before the gateway gives up: 504 when nothing was sent to the client yet, else the client's "
                    + "connection is dropped so it sees an incomplete answer.");
    public static final OptionDef HEALTH_TIMEOUT = OptionDef.of("HealthTimeout", "1000",
            "Milliseconds each service has to answer GET / with 200 for /health to count it as up.");
    public static final OptionDef BINDINGS_CACHE_TIME = OptionDef.of("BindingsCacheTime", "2000",
            "Milliseconds a session's data bindings, once read from the session service, serve its data requests: "
                    + "a change of bindings applies at most this long after the session service serves it. 0 reads "
                    + "them for every data request.");
    public static final OptionDef BINDINGS_CACHE_SIZE = OptionDef.of("BindingsCacheSize", "10000",
            "Most sessions whose data bindings are cached at once; beyond it the cache is emptied.");

    /** The gateway's own options, in documentation order. */
    public static final List<OptionDef> OWN = List.of(HTTP_PORT, SESSION_SERVICE_URI, CONFIG_SERVICE_URI,
            DATA_SERVICE_URIS, STREAM_SERVICE_URI, UPSTREAM_CONNECT_TIMEOUT, UPSTREAM_READ_TIMEOUT, HEALTH_TIMEOUT,
            BINDINGS_CACHE_TIME, BINDINGS_CACHE_SIZE);

    /** Every option of {@code ./rta gateway} (the gRPC limits among the edge ones bind nothing: it has no gRPC). */
    public static final List<OptionDef> ALL = Stream.of(Stream.of(RtaOptions.CONFIG), OWN.stream(),
            Stream.of(RtaOptions.BIND_ADDRESS, RtaOptions.ADMIN_PORT, RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL,
                    RtaOptions.LOG_LEVELS, RtaOptions.SERVICE_LABEL, RtaOptions.SERVICE_DESCRIPTION,
                    RtaOptions.TOPIC_PREFIX_UNUSED),
            LimitOptions.EDGE.stream(), LimitOptions.INPUT.stream(), AuthSettings.OPTIONS.stream(),
            ClientCredentials.OPTIONS.stream(), TlsSettings.options(HTTPS_PORT).stream(), UiOptions.ALL.stream())
            .flatMap(s -> s).toList();

    private GatewayOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
