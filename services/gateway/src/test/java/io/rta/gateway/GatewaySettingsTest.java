package io.rta.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.config.Options;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsTest {

    @TempDir
    Path dir;

    private GatewaySettings settings(Map<String, String> env, String... args) {
        return GatewaySettings.from(Options.load(GatewayOptions.ALL, args, env, dir));
    }

    @Test
    void shouldRefuseToStartWithoutTheSessionOrConfigServiceNamingTheOption() {
        assertThatThrownBy(() -> settings(Map.of(), "--ConfigServiceUri", "http://c:2660/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SessionServiceUri");
        assertThatThrownBy(() -> settings(Map.of(), "--SessionServiceUri", "http://s:2650/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConfigServiceUri");
        assertThatThrownBy(() -> settings(Map.of(), "--SessionServiceUri", "s:2650", "--ConfigServiceUri", "http://c/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SessionServiceUri")
                .hasMessageContaining("http://");
    }

    @Test
    void shouldTakeDataServicesFromTheCommandLineAndTheEnvironment() {
        GatewaySettings settings = settings(Map.of("RTA_DATASERVICEURIS__FILES", "http://files:2695"),
                "--SessionServiceUri", "http://s:2650/", "--ConfigServiceUri", "http://c:2660",
                "--DataServiceUris:Store", "http://store:2670/");

        assertThat(settings.dataSources()).containsOnlyKeys("store", "files");
        assertThat(settings.dataSources().get("store").root().toString()).isEqualTo("http://store:2670");
        assertThat(settings.dataSources().get("store").name()).isEqualTo("data source 'store'");
        assertThat(settings.sessions().resolve("/rta/v2/sessions?x=%20").toString())
                .isEqualTo("http://s:2650/rta/v2/sessions?x=%20");
        assertThat(settings.streams()).isEmpty();
    }

    /** Data reads need the session service's internal route, which a user's token does not open. */
    @Test
    void shouldRefuseToStartWithAuthButWithoutAClientOfItsOwnNamingTheOption() {
        String[] services = {"--SessionServiceUri", "http://s:2650/", "--ConfigServiceUri", "http://c:2660/",
                "--EnableAuth", "true", "--Auth:Authority", "http://idp.example/realms/rta", "--Auth:Audience", "rta"};
        assertThatThrownBy(() -> settings(Map.of(), services)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EnableAuth is true but Auth:ClientId is not set");

        GatewaySettings settings = settings(Map.of("RTA_AUTH__CLIENTID", "rta-gateway", "RTA_AUTH__CLIENTSECRET",
                "gateway-secret"), services);
        assertThat(settings.credentials()).hasValueSatisfying(c -> {
            assertThat(c.clientId()).isEqualTo("rta-gateway");
            assertThat(c.scope()).isEqualTo("rta.internal");
            assertThat(c.authority().toString()).isEqualTo("http://idp.example/realms/rta");
        });
        assertThat(io.rta.service.config.EffectiveOptions.describe(Options.load(GatewayOptions.ALL, services,
                Map.of("RTA_AUTH__CLIENTID", "rta-gateway", "RTA_AUTH__CLIENTSECRET", "gateway-secret"), dir)))
                .contains("Auth:ClientId=rta-gateway").doesNotContain("gateway-secret");
    }
}
