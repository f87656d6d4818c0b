package io.rta.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.config.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    @Test
    void shouldBeOffByDefault() {
        AuthSettings settings = settings(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.issuers()).isEmpty();
        assertThat(settings.writeScope()).isEqualTo("rta.write");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadTheDefaultIssuerAndEveryNamedOneFromArgumentsAndEnvironment() {
        AuthSettings settings = AuthSettings.from(Options.load(AuthSettings.OPTIONS, new String[] {
            "--EnableAuth", "true", "--Auth:Authority", "https://login.team.example/realms/rta",
            "--Auth:Audience", "rta", "--Auth:Issuers:Partner:Authority", "https://id.partner.example"},
            Map.of("RTA_AUTH__ISSUERS__PARTNER__AUDIENCE", "rta-partner", "RTA_AUTH__CLOCKSKEW", "5000"),
            Path.of("/nonexistent")));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.issuers()).extracting(AuthSettings.Issuer::name, i -> i.authority().toString(),
                AuthSettings.Issuer::audience).containsExactly(
                org.assertj.core.groups.Tuple.tuple("default", "https://login.team.example/realms/rta", "rta"),
                org.assertj.core.groups.Tuple.tuple("partner", "https://id.partner.example", "rta-partner"));
    }

    @Test
    void shouldNameWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> settings(Map.of("RTA_ENABLEAUTH", "true")))
                .hasMessageContaining("no token issuer is configured: set Auth:Authority and Auth:Audience");
        assertThatThrownBy(() -> settings(Map.of("RTA_ENABLEAUTH", "true", "RTA_AUTH__AUTHORITY", "https://id")))
                .hasMessageContaining("Auth:Audience is not set");
        assertThatThrownBy(() -> settings(Map.of("RTA_ENABLEAUTH", "true", "RTA_AUTH__AUTHORITY", "id.example",
                "RTA_AUTH__AUDIENCE", "rta"))).hasMessageContaining("Auth:Authority must be an http(s) URL");
        assertThatThrownBy(() -> settings(Map.of("RTA_ENABLEAUTH", "true", "RTA_AUTH__ISSUERS__P__ISSUER", "x")))
                .hasMessageContaining("Auth:Issuers:p:issuer is not an option");
        assertThatThrownBy(() -> settings(Map.of("RTA_AUTH__ISSUERS__P__AUTORITY", "x")))
                .as("refused with auth off too").hasMessageContaining("Auth:Issuers:p:autority is not an option");
        assertThatThrownBy(() -> settings(Map.of("RTA_ENABLEAUTH", "true", "RTA_AUTH__AUTHORITY", "https://id",
                "RTA_AUTH__AUDIENCE", "rta", "RTA_AUTH__WRITESCOPE", "a b"))).hasMessageContaining("one scope");
    }

    private static AuthSettings settings(Map<String, String> env) {
        return AuthSettings.from(Options.load(AuthSettings.OPTIONS, new String[0], env, Path.of("/nonexistent")));
    }
}
