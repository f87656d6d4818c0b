package io.rta.gateway.proxy;

import java.net.URI;
import java.util.Locale;

/**
 * A service behind the gateway: what it is called in answers and logs ({@code session service},
 * {@code data source 'store'}) and its root URI. Requests keep their raw path and query; a root with a path of its own
 * ({@code http://host/rta-session/}) prefixes them.
 *
 * @param name what the gateway calls it in error answers: never an address or a data identity
 * @param root absolute http(s) URI, without a trailing slash
 */
public record Upstream(String name, URI root) {

    /**
     * The service at {@code uri}, from option {@code option}.
     *
     * @throws IllegalArgumentException naming the option when {@code uri} is not an absolute http(s) URI with a host
     */
    public static Upstream of(String name, String option, String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Option " + option + " = '" + uri + "' is not a URI: " + e.getReason(),
                    e);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null
                || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("Option " + option + " = '" + uri + "' must be an absolute http:// or "
                    + "https:// URI with a host and no query, e.g. http://host:2650/");
        }
        String text = parsed.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Upstream(name, URI.create(text));
    }

    /** {@code rawPathAndQuery} (starting with {@code /}, still percent-encoded as the client sent it) on this service. */
    public URI resolve(String rawPathAndQuery) {
        return URI.create(root + rawPathAndQuery);
    }

    /** The same address for a WebSocket: {@code ws://} for {@code http://}, {@code wss://} for {@code https://}. */
    public URI resolveWebSocket(String rawPathAndQuery) {
        return URI.create(root.toString().replaceFirst("^(?i)http", "ws") + rawPathAndQuery);
    }
}
