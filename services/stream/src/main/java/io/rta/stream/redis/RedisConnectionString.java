package io.rta.stream.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where Redis is, parsed from the toolkit's {@code RedisConnectionString} option. Two spellings are accepted:
 *
 * <ul>
 *   <li>StackExchange.Redis style (what the .NET toolkit takes): {@code host[:port][,option=value...]} with the
 *       options {@code password}, {@code user}, {@code ssl}, {@code defaultDatabase}, {@code connectTimeout} (ms),
 *       {@code syncTimeout} (ms) and {@code name} (client name), names case-insensitive as in StackExchange. The
 *       default port is 6379, or 6380 with {@code ssl=true} (StackExchange's TLS default). A few StackExchange
 *       options that only tune its own multiplexer ({@code abortConnect}, {@code allowAdmin}, {@code connectRetry},
 *       {@code keepAlive}) are accepted and ignored, so connection strings copied from a .NET deployment work;
 *       anything else is an error rather than a silently ignored typo.</li>
 *   <li>A URI: {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS.</li>
 * </ul>
 *
 * Only one endpoint: the stream service talks to a single Redis (no cluster, no sentinel).
 */
public final class RedisConnectionString {

    static final int DEFAULT_PORT = 6379;
    static final int DEFAULT_TLS_PORT = 6380;
    static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5000;
    static final int DEFAULT_SYNC_TIMEOUT_MILLIS = 5000;

    /** RFC 3986 scheme syntax, short: what may be quoted back in a message. */
    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,15}");
    private static final Set<String> IGNORED_OPTIONS = Set.of("abortconnect", "allowadmin", "connectretry",
            "keepalive");

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean ssl;
    private final Integer defaultDatabase;
    private final int connectTimeoutMillis;
    private final int syncTimeoutMillis;
    private final String clientName;

    private RedisConnectionString(Builder parsed) {
        this.host = parsed.host;
        this.port = parsed.port != null ? parsed.port : parsed.ssl ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        this.user = parsed.user;
        this.password = parsed.password;
        this.ssl = parsed.ssl;
        this.defaultDatabase = parsed.defaultDatabase;
        this.connectTimeoutMillis = parsed.connectTimeoutMillis;
        this.syncTimeoutMillis = parsed.syncTimeoutMillis;
        this.clientName = parsed.clientName;
    }

    /**
     * Parses either spelling.
     *
     * @throws IllegalArgumentException naming what is wrong (the message never contains the password)
     */
    public static RedisConnectionString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Redis connection string is empty: expected host[:port][,option=value]"
                    + " or redis://host[:port][/database]");
        }
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
            return parseUri(trimmed);
        }
        if (trimmed.contains("://")) {
            // quoted only when it is a scheme: text before "://" may be anything, a password included
            String scheme = trimmed.substring(0, trimmed.indexOf("://"));
            throw new IllegalArgumentException("Redis connection string has "
                    + (SCHEME.matcher(scheme).matches() ? "scheme \"" + scheme + "\"" : "a scheme")
                    + ": only redis:// and rediss:// URIs are supported");
        }
        return parseStackExchange(trimmed);
    }

    private static RedisConnectionString parseStackExchange(String text) {
        Builder parsed = new Builder();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            boolean afterPassword = parsed.password != null;
            try {
                parsePart(part, parsed);
            } catch (IllegalArgumentException e) {
                if (!afterPassword) {
                    throw e;
                }
                // the part may be the rest of a password that contains ',': never echo it
                throw new IllegalArgumentException("Redis connection string part " + (i + 1) + " (after the "
                        + "password; not shown, it may be part of it) is neither a supported option nor the endpoint;"
                        + " a password containing ',' cannot be written in this form: use a redis:// URI with ',' "
                        + "encoded as %2C");
            }
        }
        if (parsed.host == null) {
            throw new IllegalArgumentException("Redis connection string has no host: expected host[:port] before "
                    + "the options");
        }
        return new RedisConnectionString(parsed);
    }

    private static void parsePart(String part, Builder parsed) {
        int equals = part.indexOf('=');
        if (equals < 0) {
            if (parsed.password != null) {
                throw new IllegalArgumentException("the endpoint must come before password=");
            }
            if (parsed.host != null) {
                throw new IllegalArgumentException("Redis connection string names several endpoints (\""
                        + parsed.host + "\" and \"" + part + "\"): the stream service connects to one Redis");
            }
            parseEndpoint(part, parsed);
        } else {
            parseOption(part.substring(0, equals).strip(), part.substring(equals + 1).strip(), parsed);
        }
    }

    private static void parseEndpoint(String endpoint, Builder parsed) {
        String host;
        String port = null;
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Redis endpoint \"" + endpoint + "\" opens an IPv6 address with"
                        + " '[' but never closes it");
            }
            host = endpoint.substring(1, close);
            String rest = endpoint.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("Redis endpoint \"" + endpoint + "\": expected :port after ']'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = endpoint.lastIndexOf(':');
            if (colon >= 0 && endpoint.indexOf(':') != colon) {
                throw new IllegalArgumentException("Redis endpoint \"" + endpoint + "\" looks like an IPv6 address:"
                        + " write it in brackets, e.g. [::1]:6379");
            }
            host = colon < 0 ? endpoint : endpoint.substring(0, colon);
            port = colon < 0 ? null : endpoint.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Redis endpoint \"" + endpoint + "\" has an empty host");
        }
        parsed.host = host;
        parsed.port = port == null ? null : parsePort(port, endpoint);
    }

    private static void parseOption(String name, String value, Builder parsed) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "password" -> parsed.password = value;
            case "user" -> parsed.user = value;
            case "ssl" -> parsed.ssl = parseBoolean(name, value);
            case "defaultdatabase" -> parsed.defaultDatabase = parseDatabase(value, "option " + name);
            case "connecttimeout" -> parsed.connectTimeoutMillis = parseMillis(name, value);
            case "synctimeout" -> parsed.syncTimeoutMillis = parseMillis(name, value);
            case "name" -> parsed.clientName = value;
            default -> {
                if (!IGNORED_OPTIONS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("Redis connection string option \"" + name + "\" is not "
                            + "supported (supported: password, user, ssl, defaultDatabase, connectTimeout, "
                            + "syncTimeout, name; ignored: abortConnect, allowAdmin, connectRetry, keepAlive)");
                }
            }
        }
    }

    private static RedisConnectionString parseUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Redis URI is malformed: " + e.getReason() + " at index "
                    + e.getIndex());
        }
        Builder parsed = new Builder();
        parsed.ssl = "rediss".equalsIgnoreCase(uri.getScheme());
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("Redis URI has no host: expected " + uri.getScheme()
                    + "://host[:port][/database]");
        }
        String host = uri.getHost();
        parsed.host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("Redis URI has port " + uri.getPort() + ": expected a number from 1 to "
                    + "65535");
        }
        parsed.port = uri.getPort() < 0 ? null : uri.getPort();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon < 0) {
                // redis://secret@host is how redis-cli and most clients write a password without a user
                parsed.password = user;
            } else {
                parsed.user = user.isEmpty() ? null : user;
                parsed.password = decode(userInfo.substring(colon + 1));
            }
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            parsed.defaultDatabase = text.indexOf('@') < 0 ? parseDatabase(path.substring(1), "URI path")
                    : parseUriDatabase(path.substring(1));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Redis URI has a query or fragment: options are not supported in "
                    + "URIs (use the host[:port],option=value form)");
        }
        return new RedisConnectionString(parsed);
    }

    /** Percent-decodes user info; a malformed escape is refused without quoting it (it may be part of a password). */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Redis URI user info (not shown: it holds the password) has a malformed "
                    + "%-escape: each % must be followed by two hexadecimal digits");
        }
    }

    private static int parsePort(String text, String endpoint) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the endpoint
        }
        throw new IllegalArgumentException("Redis endpoint \"" + endpoint + "\" has port \"" + text
                + "\": expected a number from 1 to 65535");
    }

    /**
     * The database of a URI with user info; not quoted when bad: a password holding an unescaped '/' ends up in the
     * path.
     */
    private static int parseUriDatabase(String text) {
        try {
            return parseDatabase(text, "URI path");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Redis database in the URI path is not a number >= 0 (a password "
                    + "holding '/', '?', '#' or '@' must be %-encoded)");
        }
    }

    private static int parseDatabase(String text, String where) {
        try {
            int database = Integer.parseInt(text);
            if (database >= 0) {
                return database;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Redis database in " + where + " is \"" + text
                + "\": expected a number >= 0");
    }

    private static boolean parseBoolean(String name, String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("Redis connection string option " + name + " is \"" + text
                + "\": expected true or false");
    }

    private static int parseMillis(String name, String text) {
        try {
            int millis = Integer.parseInt(text);
            if (millis > 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Redis connection string option " + name + " is \"" + text
                + "\": expected milliseconds > 0");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public boolean ssl() {
        return ssl;
    }

    /** The database the connection string names ({@code defaultDatabase} or the URI path), if any. */
    public OptionalInt defaultDatabase() {
        return defaultDatabase == null ? OptionalInt.empty() : OptionalInt.of(defaultDatabase);
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** How long one command may take (StackExchange's {@code syncTimeout}); the socket read timeout. */
    public int syncTimeoutMillis() {
        return syncTimeoutMillis;
    }

    public Optional<String> clientName() {
        return Optional.ofNullable(clientName);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisConnectionString that && port == that.port && ssl == that.ssl
                && connectTimeoutMillis == that.connectTimeoutMillis && syncTimeoutMillis == that.syncTimeoutMillis
                && host.equals(that.host) && Objects.equals(user, that.user)
                && Objects.equals(password, that.password) && Objects.equals(defaultDatabase, that.defaultDatabase)
                && Objects.equals(clientName, that.clientName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, user, ssl, defaultDatabase);
    }

    /** For logs: the password is masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
        if (user != null) {
            text.append(",user=").append(user);
        }
        if (password != null) {
            text.append(",password=*****");
        }
        if (ssl) {
            text.append(",ssl=true");
        }
        if (defaultDatabase != null) {
            text.append(",defaultDatabase=").append(defaultDatabase);
        }
        return text.toString();
    }

    private static final class Builder {
        private String host;
        private Integer port;
        private String user;
        private String password;
        private boolean ssl;
        private Integer defaultDatabase;
        private int connectTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MILLIS;
        private int syncTimeoutMillis = DEFAULT_SYNC_TIMEOUT_MILLIS;
        private String clientName;
    }
}
