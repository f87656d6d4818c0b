package io.rta.service.auth;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The OAuth 2.0 / OpenID Connect options of every service (the toolkit's {@code EnableAuth}, {@code Auth:Authority},
 * {@code Auth:Audience}, and ours), read and checked once per process.
 *
 * @param enabled    {@code EnableAuth}
 * @param issuers    the token issuers accepted: {@code default} ({@code Auth:Authority} / {@code Auth:Audience}) first
 *                   when set, then every {@code Auth:Issuers:<name>}
 * @param clockSkew  {@code Auth:ClockSkew}: tolerance on {@code exp} and {@code nbf}
 * @param writeScope {@code Auth:WriteScope}: the scope write RPCs need
 * @param internalScope {@code Auth:InternalScope}: the scope the internal routes need (service credentials)
 * @param policies   {@code Auth:Policies}: which sessions each token may see
 */
public record AuthSettings(boolean enabled, List<Issuer> issuers, Duration clockSkew, String writeScope,
                           String internalScope, AccessPolicies policies, boolean openMetrics) {

    /** The name of the issuer configured by {@code Auth:Authority} / {@code Auth:Audience}. */
    public static final String DEFAULT_ISSUER = "default";

    public static final OptionDef ENABLE_AUTH = OptionDef.of("EnableAuth", "false",
            "Require an OAuth 2.0 bearer token (a JWT from Auth:Authority or an Auth:Issuers provider) on every "
                    + "/rta/v2 route but /rta/v2/info, every gRPC service but health, and the live WebSocket.");
    public static final OptionDef AUTHORITY = OptionDef.of("Auth:Authority", "",
            "The OpenID Connect provider (issuer URL); its keys come from <Authority>/.well-known/openid-configuration. "
                    + "Required with EnableAuth unless Auth:Issuers names one.");
    public static final OptionDef AUDIENCE = OptionDef.of("Auth:Audience", "",
            "The audience (aud) a token of Auth:Authority must carry. Required with Auth:Authority.");
    public static final OptionDef CLOCK_SKEW = OptionDef.of("Auth:ClockSkew", "30000",
            "Milliseconds of clock difference tolerated when checking a token's exp and nbf.");
    public static final OptionDef WRITE_SCOPE = OptionDef.of("Auth:WriteScope", "rta.write",
            "The scope (in the token's space-delimited scope claim, or its scp claim: an array or a space-delimited "
                    + "string) that write RPCs need: sessions, folders, configs, schema mappings, telemetry; with "
                    + "Auth:Policies also a token the policies do not restrict. Reads need only a valid token.");
    public static final OptionDef INTERNAL_SCOPE = OptionDef.of("Auth:InternalScope", "rta.internal",
            "The scope (scope claim or scp array) a token needs on the internal routes, which only services call: "
                    + "the session service's /rta/v2/sessions/{identity}/data-bindings. The gateway gets a token "
                    + "with it by the client-credentials flow (Auth:ClientId).");
    public static final OptionDef ISSUERS = OptionDef.section("Auth:Issuers", "<name>:Authority|Audience",
            "More token issuers accepted at once (a partner's provider): Auth:Issuers:<name>:Authority and "
                    + "Auth:Issuers:<name>:Audience; each token is checked against the keys of the issuer it names.");

    public static final OptionDef OPEN_METRICS = OptionDef.of("Auth:OpenMetrics", "false",
            "With EnableAuth, serve /metrics without a token (for scrapers on a network only they reach). By default "
                    + "/metrics then needs a bearer token the access policies do not restrict: its counts cover "
                    + "every session.");

    /** Every option above, in documentation order. */
    public static final List<OptionDef> OPTIONS = List.of(ENABLE_AUTH, AUTHORITY, AUDIENCE, CLOCK_SKEW, WRITE_SCOPE,
            INTERNAL_SCOPE, ISSUERS, AccessPolicies.POLICIES, OPEN_METRICS);

    /**
     * An accepted issuer.
     *
     * @param name      {@link #DEFAULT_ISSUER} or the section name, for logs and policies
     * @param authority its base URL (discovery at {@code <authority>/.well-known/openid-configuration})
     * @param audience  the {@code aud} its tokens must carry
     */
    public record Issuer(String name, URI authority, String audience) {
    }

    public AuthSettings {
        issuers = List.copyOf(issuers);
    }

    /** With {@code /metrics} protected like the API when auth is on. */
    public AuthSettings(boolean enabled, List<Issuer> issuers, Duration clockSkew, String writeScope,
                        String internalScope, AccessPolicies policies) {
        this(enabled, issuers, clockSkew, writeScope, internalScope, policies, false);
    }

    /** Without access policies: every valid token sees every session. */
    public AuthSettings(boolean enabled, List<Issuer> issuers, Duration clockSkew, String writeScope,
                        String internalScope) {
        this(enabled, issuers, clockSkew, writeScope, internalScope, AccessPolicies.none());
    }

    /** Auth off: every request is let in. */
    public static AuthSettings off() {
        return new AuthSettings(false, List.of(), Duration.ofSeconds(30), "rta.write", "rta.internal");
    }

    /**
     * The settings of {@code options}.
     *
     * @throws IllegalArgumentException naming the option that is missing or wrong when auth is enabled
     */
    public static AuthSettings from(Options options) {
        boolean enabled = options.getBoolean(ENABLE_AUTH);
        Duration skew = options.getDuration(CLOCK_SKEW);
        String writeScope = options.getString(WRITE_SCOPE).strip();
        String internalScope = options.getString(INTERNAL_SCOPE).strip();
        // a misspelt Auth:Issuers key is refused whether auth is on or not: it must not go unnoticed until then
        SortedMap<String, Map<String, String>> named = sections(options.getSection(ISSUERS));
        if (!enabled) {
            if (!options.getSection(AccessPolicies.POLICIES).isEmpty()) {
                throw new IllegalArgumentException("Auth:Policies are set but EnableAuth is false: without tokens "
                        + "there is nobody to restrict and every caller would see every session. Set EnableAuth true "
                        + "or remove the policies");
            }
            return new AuthSettings(false, List.of(), skew, writeScope, internalScope);
        }
        oneScope(WRITE_SCOPE, writeScope);
        oneScope(INTERNAL_SCOPE, internalScope);
        List<Issuer> issuers = new ArrayList<>();
        String authority = options.getString(AUTHORITY).strip();
        String audience = options.getString(AUDIENCE).strip();
        if (!authority.isEmpty() || !audience.isEmpty()) {
            issuers.add(issuer(DEFAULT_ISSUER, authority, audience, AUTHORITY.name(), AUDIENCE.name()));
        }
        named.forEach((name, values) -> issuers.add(issuer(name,
                values.getOrDefault("authority", ""), values.getOrDefault("audience", ""),
                "Auth:Issuers:" + name + ":Authority", "Auth:Issuers:" + name + ":Audience")));
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("EnableAuth is true but no token issuer is configured: set "
                    + "Auth:Authority and Auth:Audience (or Auth:Issuers:<name>:Authority and :Audience)");
        }
        AccessPolicies policies = AccessPolicies.parse(options.getSection(AccessPolicies.POLICIES),
                issuers.stream().map(Issuer::name).toList());
        return new AuthSettings(true, issuers, skew, writeScope, internalScope, policies,
                options.getBoolean(OPEN_METRICS));
    }

    private static void oneScope(OptionDef option, String scope) {
        if (scope.isEmpty() || scope.contains(" ")) {
            throw new IllegalArgumentException(option.name() + " must be one scope (no spaces), not '" + scope + "'");
        }
    }

    /** {@code partner:authority -> x} into {@code partner -> {authority -> x}}; a key without a name is refused. */
    private static SortedMap<String, Map<String, String>> sections(SortedMap<String, String> section) {
        SortedMap<String, Map<String, String>> byName = new TreeMap<>();
        section.forEach((key, value) -> {
            int colon = key.lastIndexOf(':');
            String field = colon < 0 ? key : key.substring(colon + 1);
            if (colon <= 0 || !(field.equals("authority") || field.equals("audience"))) {
                throw new IllegalArgumentException("Auth:Issuers:" + key + " is not an option: use "
                        + "Auth:Issuers:<name>:Authority and Auth:Issuers:<name>:Audience");
            }
            byName.computeIfAbsent(key.substring(0, colon), name -> new TreeMap<>()).put(field, value.strip());
        });
        return byName;
    }

    private static Issuer issuer(String name, String authority, String audience, String authorityOption,
                                 String audienceOption) {
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("EnableAuth is true and " + audienceOption + " is set, but "
                    + authorityOption + " is not");
        }
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("EnableAuth is true but " + audienceOption + " is not set (the "
                    + "audience the tokens of " + authorityOption + " must carry)");
        }
        return new Issuer(name, providerUrl(authorityOption, authority), audience);
    }

    /** {@code authority} as a URL of an OpenID Connect provider; else an error naming {@code option}. */
    static URI providerUrl(String option, String authority) {
        URI uri;
        try {
            uri = URI.create(authority);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " is not a URL: " + authority);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(option + " must be an http(s) URL of the OpenID Connect "
                    + "provider, not '" + authority + "'");
        }
        return uri;
    }
}
