package io.rta.service.auth;

import io.rta.service.config.OptionDef;
import io.rta.topology.query.QueryException;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.view.Visibility;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Claim-scoped access for partners ({@code Auth:Policies:<name>:Issuer|Claim|Value|Query|Folder}): which sessions a
 * principal may see. With no policy every valid token sees everything; once one policy exists, a token that matches
 * none sees nothing (deny by default), and one that matches several sees the union of what they grant.
 *
 * <p>A policy matches a token of its {@code Issuer} (required: a claim set by a partner's provider must never be
 * mistaken for the same claim set by ours) whose {@code Claim} has the {@code Value} (a string claim equal to it, or
 * an array claim holding it; a dotted name walks into JSON objects), or every token of that issuer when it names no
 * claim. It grants the sessions matching its {@code Query} (the RTA query dialect) that link into its {@code Folder}
 * sub-tree; with neither, everything (e.g. our own engineers).
 */
public final class AccessPolicies {

    public static final OptionDef POLICIES = OptionDef.section("Auth:Policies",
            "<name>:Issuer|Claim|Value|Query|Folder",
            "Which sessions a token may see (partners). Once one policy is set, a token matching none sees no session. "
                    + "A policy matches tokens of its Issuer ('default' for Auth:Authority, or an Auth:Issuers name; "
                    + "required) whose Claim equals Value (or every token of that issuer without Claim), and grants "
                    + "the sessions matching Query (RTA query JSON) in the Folder sub-tree (neither: everything).");

    private static final Set<String> FIELDS = Set.of("issuer", "claim", "value", "query", "folder");
    private static final AccessPolicies NONE = new AccessPolicies(List.of());

    /**
     * One policy.
     *
     * @param name   its section name, for messages
     * @param issuer the configured issuer name its tokens come from
     * @param claim  the claim to test, or null for every token of the issuer
     * @param value  the value the claim must have (null when claim is)
     * @param grant  what it grants
     */
    public record Policy(String name, String issuer, String claim, String value, Visibility.Grant grant) {

        boolean matches(Principal principal) {
            return principal.issuer().equals(issuer) && (claim == null || holds(claimValue(principal.claims(),
                    claim), value));
        }
    }

    private final List<Policy> policies;

    private AccessPolicies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** No policy: every valid token sees every session. */
    public static AccessPolicies none() {
        return NONE;
    }

    public static AccessPolicies of(List<Policy> policies) {
        return policies.isEmpty() ? NONE : new AccessPolicies(policies);
    }

    /**
     * The policies of the {@code Auth:Policies} section ({@code <name>:<field>} keys, lower-cased by the options).
     *
     * @param issuers the configured issuer names a policy may name
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static AccessPolicies parse(SortedMap<String, String> section, Collection<String> issuers) {
        SortedMap<String, Map<String, String>> byName = new TreeMap<>();
        section.forEach((key, value) -> {
            int colon = key.lastIndexOf(':');
            String field = colon < 0 ? key : key.substring(colon + 1);
            if (colon <= 0 || !FIELDS.contains(field)) {
                throw new IllegalArgumentException("Auth:Policies:" + key + " is not an option: use "
                        + "Auth:Policies:<name>:Issuer, :Claim, :Value, :Query and :Folder");
            }
            byName.computeIfAbsent(key.substring(0, colon), name -> new TreeMap<>()).put(field, value.strip());
        });
        List<Policy> policies = new ArrayList<>();
        byName.forEach((name, fields) -> policies.add(policy(name, fields, issuers)));
        return of(policies);
    }

    private static Policy policy(String name, Map<String, String> fields, Collection<String> issuers) {
        String option = "Auth:Policies:" + name;
        // section names are case-insensitive (Auth:Issuers:Partner is "partner"): so is the name a policy gives
        String issuer = fields.getOrDefault("issuer", "").toLowerCase(java.util.Locale.ROOT);
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException(option + ":Issuer is not set: a policy must name the issuer whose "
                    + "tokens it matches (" + String.join(", ", issuers) + ")");
        }
        if (!issuers.contains(issuer)) {
            throw new IllegalArgumentException(option + ":Issuer is '" + issuer + "', which is not a configured "
                    + "issuer (" + (issuers.isEmpty() ? "none is" : String.join(", ", issuers) + " are") + ": "
                    + "'default' is Auth:Authority, the others Auth:Issuers:<name>)");
        }
        String claim = emptyToNull(fields.get("claim"));
        String value = emptyToNull(fields.get("value"));
        if ((claim == null) != (value == null)) {
            throw new IllegalArgumentException(option + (claim == null ? ":Value is set without :Claim"
                    : ":Claim is set without :Value") + " (set both, or neither to match every token of the issuer)");
        }
        SessionQuery query = null;
        String text = emptyToNull(fields.get("query"));
        if (text != null) {
            try {
                query = SessionQuery.parse(text);
            } catch (QueryException e) {
                throw new IllegalArgumentException(option + ":Query is not a session query: " + e.getMessage(), e);
            }
        }
        return new Policy(name, issuer, claim, value, new Visibility.Grant(query,
                emptyToNull(fields.get("folder"))));
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    public List<Policy> policies() {
        return policies;
    }

    /**
     * Whether a policy restricts tokens of {@code issuer} to some sessions (names it with a query or a folder): such an
     * issuer is a partner's, whose provider could put any scope in its tokens.
     */
    public boolean restrictsIssuer(String issuer) {
        return policies.stream().anyMatch(policy -> policy.issuer().equals(issuer) && !policy.grant().isAll());
    }

    /** What {@code principal} may see: everything without policies (or without auth: null), else its grants. */
    public Visibility visibility(Principal principal) {
        if (policies.isEmpty() || principal == null) {
            return Visibility.ALL;
        }
        List<Visibility.Grant> grants = new ArrayList<>();
        for (Policy policy : policies) {
            if (policy.matches(principal)) {
                grants.add(policy.grant());
            }
        }
        return Visibility.of(grants);
    }

    /** The claim's value; a dotted name not found as is walks into nested objects ({@code org.team}). */
    static Object claimValue(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** Whether a claim value is {@code expected}, or a list holding it. */
    static boolean holds(Object claimValue, String expected) {
        if (claimValue instanceof Collection<?> values) {
            for (Object item : values) {
                if (item != null && !(item instanceof Map || item instanceof Collection)
                        && expected.equals(String.valueOf(item))) {
                    return true;
                }
            }
            return false;
        }
        return claimValue != null && !(claimValue instanceof Map) && expected.equals(String.valueOf(claimValue));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
