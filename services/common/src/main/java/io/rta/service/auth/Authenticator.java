package io.rta.service.auth;

import io.rta.topology.view.Visibility;
import java.util.Locale;
import java.util.Set;

/**
 * The one place a process decides who may call it: from {@link AuthSettings}, either off (everyone is let in, as the
 * toolkit's services do without {@code EnableAuth}) or checking the bearer token of every request but the open ones
 * ({@code /}, {@code /health}, {@code /rta/v2/info}, gRPC health; {@code /metrics} too with {@code Auth:OpenMetrics},
 * else it needs a token the policies do not restrict). Write RPCs also need
 * {@link AuthSettings#writeScope}, internal routes {@link AuthSettings#internalScope}, and both (as schema mapping
 * reads) a token the access policies do not restrict ({@link #restriction}). Used by the REST filter
 * ({@link BearerAuthFilter}), the gRPC interceptor ({@link BearerAuthInterceptor}) and the WebSocket handshake (which
 * the REST filter sees).
 */
public final class Authenticator {

    /** The gRPC write methods (full names): they need the write scope. */
    public static final Set<String> WRITE_METHODS = Set.of(
            "rta.toolkit.api.session_service.SessionStore/PutSessionFolder",
            "rta.toolkit.api.session_service.SessionStore/DeleteSessionFolders",
            "rta.toolkit.api.session_service.SessionStore/CreateOrUpdateSession",
            "rta.toolkit.api.session_service.SessionStore/DeleteSessions",
            "rta.toolkit.api.config_service.ConfigStore/PutConfig",
            "rta.toolkit.api.config_service.ConfigStore/PutConfigStream",
            "rta.toolkit.api.config_service.ConfigStore/DeleteConfig",
            "rta.toolkit.api.schema_mapping_service.SchemaMappingStore/PutSchemaMapping",
            "rta.toolkit.api.schema_mapping_service.SchemaMappingStore/DeleteSchemaMapping",
            "rta.toolkit.api.chunk_service.DataWriter/WriteDataStream");
    /**
     * gRPC read methods only a caller the access policies do not restrict may use ({@link #requireUnrestricted}):
     * schema mappings are keyed by data identity, not by session, so no policy can tell which a partner may see.
     */
    public static final Set<String> UNRESTRICTED_READS = Set.of(
            "rta.toolkit.api.schema_mapping_service.SchemaMappingStore/HasSchemaMapping",
            "rta.toolkit.api.schema_mapping_service.SchemaMappingStore/GetSchemaMapping",
            "rta.toolkit.api.schema_mapping_service.SchemaMappingStore/QuerySchemaMapping");
    /** gRPC services every caller may use: health, for probes. */
    public static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health");

    private static final Authenticator OFF = new Authenticator(AuthSettings.off(), null);

    private final AuthSettings settings;
    private final TokenVerifier verifier;

    private Authenticator(AuthSettings settings, TokenVerifier verifier) {
        this.settings = settings;
        this.verifier = verifier;
    }

    /** Checking tokens when {@code settings} enable auth, else {@link #off()}. */
    public static Authenticator of(AuthSettings settings) {
        return settings.enabled() ? new Authenticator(settings, new TokenVerifier(settings)) : OFF;
    }

    /** Everyone is let in. */
    public static Authenticator off() {
        return OFF;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public AuthSettings settings() {
        return settings;
    }

    /**
     * The principal of an {@code Authorization} header value ({@code Bearer <token>}); null when auth is off.
     *
     * @throws AuthException when it is missing or the token is refused
     */
    public Principal authenticate(String authorization) throws AuthException {
        if (!enabled()) {
            return null;
        }
        return verifier.verify(bearerToken(authorization));
    }

    /**
     * How the check of this {@code Authorization} value (null when absent) can be answered without asking the identity
     * provider, so a caller may run it on a thread that must not block: with the {@link AtOnce#known known} principal
     * of a token verified before that stays valid a while more ({@link TokenVerifier#known}), or by the check itself
     * when auth is off or the header is missing or malformed (refused at once). Null when the token was not seen yet:
     * checking it may need the provider's keys fetched.
     */
    public AtOnce answerAtOnce(String authorization) {
        if (!enabled()) {
            return AtOnce.BY_THE_CHECK;
        }
        try {
            Principal known = verifier.known(bearerToken(authorization));
            return known == null ? null : new AtOnce(known);
        } catch (AuthException refusedAtOnce) {
            return AtOnce.BY_THE_CHECK;
        }
    }

    /**
     * See {@link #answerAtOnce}: the principal to {@link #authorizeKnown authorize} with, or none when
     * {@link #authorize} itself answers without the provider. Made only here (its principal was verified), and
     * handed to the token check only through {@link BearerAuthInterceptor#withKnownCaller}.
     */
    public static final class AtOnce {
        static final AtOnce BY_THE_CHECK = new AtOnce(null);

        private final Principal known;

        AtOnce(Principal known) {
            this.known = known;
        }

        Principal known() {
            return known;
        }
    }

    /** Which sessions {@code principal} (null when auth is off) may see: see {@link AccessPolicies}. */
    public Visibility visibility(Principal principal) {
        return settings.policies().visibility(principal);
    }

    /** {@link #authenticate}, then the write scope when {@code write}. */
    public Principal authorize(String authorization, boolean write) throws AuthException {
        return authorizeKnown(authenticate(authorization), write);
    }

    /**
     * {@link #authorize} for a caller whose token was already verified ({@link #answerAtOnce}): only the write scope
     * and that the access policies do not restrict the caller ({@link #restriction}) are checked, when
     * {@code write}; the token is not looked at again.
     */
    public Principal authorizeKnown(Principal principal, boolean write) throws AuthException {
        if (principal != null && write) {
            if (!principal.hasScope(settings.writeScope())) {
                throw new AuthException(AuthException.Kind.INSUFFICIENT_SCOPE, "writing needs the scope '"
                        + settings.writeScope() + "', which the token does not grant");
            }
            requireUnrestricted(principal, "writing");
        }
        return principal;
    }

    /**
     * Refuses {@code principal} (403 / PERMISSION_DENIED) unless it holds {@link AuthSettings#internalScope} and the
     * access policies do not restrict it ({@link #restriction}).
     */
    public void requireInternalScope(Principal principal) throws AuthException {
        if (principal != null && !principal.hasScope(settings.internalScope())) {
            throw new AuthException(AuthException.Kind.INSUFFICIENT_SCOPE, "this route is internal (for the RTA "
                    + "services): it needs the scope '" + settings.internalScope() + "', which the token does not "
                    + "grant");
        }
        requireUnrestricted(principal, "this route is internal (for the RTA services): it");
    }

    /**
     * Whether {@code principal} may read what only services and writers may (a session's data bindings over gRPC):
     * the internal or the write scope, and no {@link #restriction}; everyone when auth is off.
     */
    public boolean mayReadInternals(Principal principal) {
        return principal == null || (principal.hasScope(settings.internalScope())
                || principal.hasScope(settings.writeScope())) && restriction(principal) == null;
    }

    /** Refuses {@code principal} (403 / PERMISSION_DENIED) when the access policies restrict it: {@code what} ... */
    public void requireUnrestricted(Principal principal, String what) throws AuthException {
        String restriction = restriction(principal);
        if (restriction != null) {
            throw new AuthException(AuthException.Kind.INSUFFICIENT_SCOPE, what + " needs a token the access "
                    + "policies (Auth:Policies) do not restrict, and " + restriction);
        }
    }

    /**
     * Why the access policies make {@code principal} a reader only, whatever scopes its token holds, or null when
     * they do not: a token they grant some sessions but not all (its writes could widen what it sees, e.g. by moving
     * a session into its folder or binding another's data), or one that matches no policy and comes from an issuer
     * a policy restricts (a partner's provider, which could put any scope in its tokens). A token granted
     * everything, and one of an issuer no policy restricts that matches no policy (a pipeline of our own provider
     * when only partners have policies), are not restricted.
     */
    String restriction(Principal principal) {
        if (principal == null) {
            return null;
        }
        Visibility visibility = visibility(principal);
        if (visibility.isAll()) {
            return null;
        }
        if (!visibility.isNone()) {
            return "they restrict this token to some sessions";
        }
        if (settings.policies().restrictsIssuer(principal.issuer())) {
            return "this token comes from the issuer '" + principal.issuer() + "', which they restrict, and matches "
                    + "none of them";
        }
        return null;
    }

    /** The token of {@code Bearer <token>}; an empty or absent header is "missing", another scheme is refused. */
    static String bearerToken(String authorization) throws AuthException {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthException(AuthException.Kind.MISSING, "this service needs a bearer token (Authorization: "
                    + "Bearer <token>)");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new AuthException(AuthException.Kind.INVALID, "the Authorization header must be 'Bearer <token>'");
        }
        return value.substring(space + 1).strip();
    }
}
