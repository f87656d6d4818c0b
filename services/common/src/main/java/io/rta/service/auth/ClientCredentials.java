package io.rta.service.auth;

import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A service's own OAuth 2.0 client at the provider of {@code Auth:Authority}, for the client-credentials flow: the
 * gateway asks the session service's internal routes with a token of its own ({@link ServiceToken}), not with the
 * caller's. The secret is never shown: not by {@link #toString()}, not in a message, and the effective-options line
 * masks it by its name.
 *
 * @param clientId     {@code Auth:ClientId}
 * @param clientSecret {@code Auth:ClientSecret}
 * @param scope        {@code Auth:TokenScope} (space-separated, sent as {@code scope}), by default
 *                     {@code Auth:InternalScope}
 * @param authority    {@code Auth:Authority}: its discovery document names the {@code token_endpoint}
 */
public record ClientCredentials(String clientId, String clientSecret, String scope, URI authority) {

    public static final OptionDef CLIENT_ID = OptionDef.of("Auth:ClientId", "",
            "This service's own OAuth 2.0 client at Auth:Authority, for the tokens it gets by the client-credentials "
                    + "flow: the gateway reads the session service's internal data-bindings route with one (required "
                    + "on the gateway with EnableAuth); the Influx and file data services ask the schema mapping "
                    + "service with one in place of a caller's token; ./rta index files writes with one. The "
                    + "caller's token still goes with every other request.");
    public static final OptionDef CLIENT_SECRET = OptionDef.of("Auth:ClientSecret", "",
            "The secret of Auth:ClientId (sent with HTTP Basic, client_secret_basic, or in the form when the provider "
                    + "announces client_secret_post only). Never logged.");
    public static final OptionDef TOKEN_SCOPE = OptionDef.of("Auth:TokenScope", "",
            "The scopes (space-separated) asked for with Auth:ClientId; empty: Auth:InternalScope (the index: "
                    + "Auth:WriteScope). The token must also carry the services' Auth:Audience; a data service's "
                    + "needs no more than reading.");

    /** Every option above, in documentation order. */
    public static final List<OptionDef> OPTIONS = List.of(CLIENT_ID, CLIENT_SECRET, TOKEN_SCOPE);

    /**
     * The credentials of {@code options}, empty when {@code Auth:ClientId} is not set.
     *
     * @throws IllegalArgumentException naming the option that is missing or wrong
     */
    public static Optional<ClientCredentials> from(Options options) {
        return from(options, AuthSettings.INTERNAL_SCOPE);
    }

    /**
     * As {@link #from(Options)}, asking for the scopes of {@code defaultScope} when {@code Auth:TokenScope} is
     * empty (a client that writes asks for {@code Auth:WriteScope}).
     */
    public static Optional<ClientCredentials> from(Options options, OptionDef defaultScope) {
        String clientId = options.getString(CLIENT_ID).strip();
        String secret = options.getString(CLIENT_SECRET);
        if (clientId.isEmpty()) {
            if (!secret.isEmpty()) {
                throw new IllegalArgumentException("Auth:ClientSecret is set but Auth:ClientId is not");
            }
            return Optional.empty();
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("Auth:ClientId is set but Auth:ClientSecret is not (the secret of "
                    + "client '" + clientId + "' at Auth:Authority)");
        }
        String authority = options.getString(AuthSettings.AUTHORITY).strip();
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("Auth:ClientId is set but Auth:Authority is not (the OpenID Connect "
                    + "provider whose discovery document names the token endpoint)");
        }
        URI uri = AuthSettings.providerUrl(AuthSettings.AUTHORITY.name(), authority);
        String scope = options.getString(TOKEN_SCOPE).strip().replaceAll("\\s+", " ");
        if (scope.isEmpty()) {
            scope = options.getString(defaultScope).strip();
        }
        return Optional.of(new ClientCredentials(clientId, secret, scope, uri));
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", scope=" + scope + ", authority=" + authority + "]";
    }
}
