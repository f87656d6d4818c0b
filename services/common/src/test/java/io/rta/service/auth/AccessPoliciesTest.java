package io.rta.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.config.Options;
import io.rta.topology.view.Visibility;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPoliciesTest {

    private static final Map<String, String> ISSUERS = Map.of(
            "RTA_ENABLEAUTH", "true", "RTA_AUTH__AUTHORITY", "https://id.team.example", "RTA_AUTH__AUDIENCE", "rta",
            "RTA_AUTH__ISSUERS__PARTNER__AUTHORITY", "https://id.partner.example",
            "RTA_AUTH__ISSUERS__PARTNER__AUDIENCE", "rta-partner");

    @Test
    void shouldLetEveryTokenSeeEverythingWithoutPolicies() {
        AuthSettings settings = settings(Map.of());

        assertThat(settings.policies().isEmpty()).isTrue();
        assertThat(settings.policies().visibility(principal("partner", Map.of()))).isSameAs(Visibility.ALL);
    }

    @Test
    void shouldDenyByDefaultAndGrantTheUnionOfMatchingPolicies() {
        AccessPolicies policies = settings(Map.of(
                "RTA_AUTH__POLICIES__TEAM__ISSUER", "default",
                "RTA_AUTH__POLICIES__CAR7__ISSUER", "Partner",
                "RTA_AUTH__POLICIES__CAR7__CLAIM", "cars",
                "RTA_AUTH__POLICIES__CAR7__VALUE", "7",
                "RTA_AUTH__POLICIES__CAR7__QUERY", "{\"details.car\": \"7\"}",
                "RTA_AUTH__POLICIES__SHARED__ISSUER", "partner",
                "RTA_AUTH__POLICIES__SHARED__CLAIM", "org.name",
                "RTA_AUTH__POLICIES__SHARED__VALUE", "acme",
                "RTA_AUTH__POLICIES__SHARED__FOLDER", "shared")).policies();

        assertThat(policies.policies()).hasSize(3);
        assertThat(policies.visibility(principal("default", Map.of()))).as("our own: a policy without conditions")
                .isSameAs(Visibility.ALL);
        assertThat(policies.visibility(principal("partner", Map.of("cars", List.of("5", "7"))))).satisfies(v -> {
            assertThat(v.isAll()).isFalse();
            assertThat(v.isNone()).isFalse();
            assertThat(v.toString()).contains("details.car").doesNotContain("shared");
        });
        assertThat(policies.visibility(principal("partner", Map.of("cars", "7", "org", Map.of("name", "acme"))))
                .toString()).contains("details.car").contains("shared");
        assertThat(policies.visibility(principal("partner", Map.of("cars", "9")))).isSameAs(Visibility.NONE);
        assertThat(policies.visibility(principal("partner", Map.of()))).isSameAs(Visibility.NONE);
        assertThat(policies.visibility(principal("partner", Map.of("cars", Map.of("7", "7")))))
                .as("an object is not a value").isSameAs(Visibility.NONE);
    }

    @Test
    void shouldNeverMatchATokenOfAnotherIssuerThatCarriesTheSameClaim() {
        AccessPolicies policies = settings(Map.of("RTA_AUTH__POLICIES__CAR7__ISSUER", "default",
                "RTA_AUTH__POLICIES__CAR7__CLAIM", "team", "RTA_AUTH__POLICIES__CAR7__VALUE", "seven")).policies();

        assertThat(policies.visibility(principal("partner", Map.of("team", "seven")))).isSameAs(Visibility.NONE);
        assertThat(policies.visibility(principal("default", Map.of("team", "seven")))).isSameAs(Visibility.ALL);
    }

    @Test
    void shouldLetOnlyTokensThePoliciesDoNotRestrictWriteOrReachInternalsWhateverTheirScopes() throws Exception {
        Map<String, String> partnerPolicy = Map.of(
                "RTA_AUTH__POLICIES__CAR7__ISSUER", "partner", "RTA_AUTH__POLICIES__CAR7__CLAIM", "cars",
                "RTA_AUTH__POLICIES__CAR7__VALUE", "7", "RTA_AUTH__POLICIES__CAR7__QUERY", "{\"details.car\": \"7\"}");
        Map<String, String> withTeam = new java.util.HashMap<>(partnerPolicy);
        withTeam.put("RTA_AUTH__POLICIES__TEAM__ISSUER", "default");
        Authenticator team = Authenticator.of(settings(withTeam));
        Authenticator partnersOnly = Authenticator.of(settings(partnerPolicy));
        Set<String> everyScope = Set.of("rta.write", "rta.internal");
        Principal ours = new Principal("default", "pipeline", everyScope, Map.of(), Long.MAX_VALUE);
        Principal car7 = new Principal("partner", "p", everyScope, Map.of("cars", "7"), Long.MAX_VALUE);
        Principal car9 = new Principal("partner", "p", everyScope, Map.of("cars", "9"), Long.MAX_VALUE);

        for (Authenticator authenticator : List.of(team, partnersOnly)) {
            // ours: granted everything by the team policy, or matching none from an issuer no policy restricts
            assertThat(authenticator.authorizeKnown(ours, true)).isSameAs(ours);
            authenticator.requireInternalScope(ours);
            authenticator.requireUnrestricted(ours, "reading schema mappings");
            assertThat(authenticator.mayReadInternals(ours)).isTrue();
            // the partner's provider granted itself every scope: it may still only read
            assertThatThrownBy(() -> authenticator.authorizeKnown(car7, true)).isInstanceOf(AuthException.class)
                    .hasMessage("writing needs a token the access policies (Auth:Policies) do not restrict, and "
                            + "they restrict this token to some sessions");
            assertThatThrownBy(() -> authenticator.requireInternalScope(car7))
                    .hasMessageStartingWith("this route is internal (for the RTA services): it needs a token");
            assertThatThrownBy(() -> authenticator.authorizeKnown(car9, true))
                    .hasMessageEndingWith("this token comes from the issuer 'partner', which they restrict, and "
                            + "matches none of them");
            assertThatThrownBy(() -> authenticator.requireUnrestricted(car9, "reading schema mappings"))
                    .hasMessageStartingWith("reading schema mappings needs a token");
            assertThat(authenticator.mayReadInternals(car7)).isFalse();
            assertThat(authenticator.mayReadInternals(car9)).isFalse();
            // reads are the policies' business, not refused
            assertThat(authenticator.authorizeKnown(car7, false)).isSameAs(car7);
        }
    }

    @Test
    void shouldReadScopesFromAScopeStringAnScpStringOrAnScpArray() {
        com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .claim("scope", " rta.write  openid").claim("scp", "rta.internal profile").build();
        assertThat(TokenVerifier.principal("default", claims).scopes())
                .containsExactlyInAnyOrder("rta.write", "openid", "rta.internal", "profile");
        assertThat(TokenVerifier.principal("default", new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .claim("scp", List.of("rta.write", "x")).build()).scopes()).containsExactlyInAnyOrder("rta.write", "x");
    }

    @Test
    void shouldNameWhatIsWrongInAPolicy() {
        assertThatThrownBy(() -> settings(Map.of("RTA_AUTH__POLICIES__P__CLAIM", "team",
                "RTA_AUTH__POLICIES__P__VALUE", "x"))).hasMessageContaining("Auth:Policies:p:Issuer is not set");
        assertThatThrownBy(() -> settings(Map.of("RTA_AUTH__POLICIES__P__ISSUER", "other")))
                .hasMessageContaining("Auth:Policies:p:Issuer is 'other', which is not a configured issuer")
                .hasMessageContaining("default, partner");
        assertThatThrownBy(() -> settings(Map.of("RTA_AUTH__POLICIES__P__ISSUER", "default",
                "RTA_AUTH__POLICIES__P__CLAIM", "team"))).hasMessageContaining("Auth:Policies:p:Claim is set without");
        assertThatThrownBy(() -> settings(Map.of("RTA_AUTH__POLICIES__P__ISSUER", "default",
                "RTA_AUTH__POLICIES__P__QUERY", "{\"details.car\": "))).hasMessageContaining(
                "Auth:Policies:p:Query is not a session query");
        assertThatThrownBy(() -> settings(Map.of("RTA_AUTH__POLICIES__P__ISUER", "default")))
                .hasMessageContaining("Auth:Policies:p:isuer is not an option");
        assertThatThrownBy(() -> AuthSettings.from(Options.load(AuthSettings.OPTIONS, new String[0],
                Map.of("RTA_AUTH__POLICIES__P__ISSUER", "default"), Path.of("/nonexistent"))))
                .hasMessageContaining("Auth:Policies are set but EnableAuth is false");
    }

    private static AuthSettings settings(Map<String, String> policies) {
        Map<String, String> env = new java.util.HashMap<>(ISSUERS);
        env.putAll(policies);
        return AuthSettings.from(Options.load(AuthSettings.OPTIONS, new String[0], env, Path.of("/nonexistent")));
    }

    private static Principal principal(String issuer, Map<String, Object> claims) {
        return new Principal(issuer, "someone", Set.of(), claims, Long.MAX_VALUE);
    }
}
