package io.rta.service.auth;

import java.util.Map;
import java.util.Set;

/**
 * Who a verified bearer token speaks for.
 *
 * @param issuer  the configured issuer that signed it: {@code default} for {@code Auth:Authority}, else the name of
 *                its {@code Auth:Issuers:<name>} section
 * @param subject the token's {@code sub} (may be empty for some client-credentials tokens)
 * @param scopes  from the {@code scope} claim (space-delimited) and the {@code scp} claim (a string or an array)
 * @param claims  every claim of the token, for access policies
 * @param expiresAtMillis when the token expires (its {@code exp})
 */
public record Principal(String issuer, String subject, Set<String> scopes, Map<String, Object> claims,
                        long expiresAtMillis) {

    public Principal {
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
