package io.rta.service.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHostTest {

    private static ServiceModule module(List<String> features, Map<String, HealthCheck> checks) {
        return new ServiceModule() {
            @Override
            public List<String> features() {
                return features;
            }

            @Override
            public Map<String, HealthCheck> healthChecks() {
                return checks;
            }
        };
    }

    private static HealthCheck healthy(String message) {
        return Checks.of(() -> HealthCheck.Result.healthy(message));
    }

    @Test
    void shouldReportTheFeaturesOfEveryModuleInModuleOrder() {
        List<ServiceModule> modules = List.of(module(List.of(), Map.of()), module(List.of("sessions"), Map.of()),
                module(List.of("configs"), Map.of()), module(List.of("data", "stream"), Map.of()));

        assertThat(ServiceHost.features(modules)).containsExactly("sessions", "configs", "data", "stream");
    }

    @Test
    void shouldRegisterTheHealthChecksOfEveryModule() {
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), List.of(
                module(List.of(), Map.of("kafka", healthy("1 broker"))),
                module(List.of("sessions"), Map.of("session-view", healthy("loaded")))));

        assertThat(health.getNames()).containsExactly("kafka", "session-view");
        assertThat(health.runHealthCheck("session-view").getMessage()).isEqualTo("loaded");
    }

    @Test
    void shouldRefuseTwoModulesRegisteringOneHealthCheckName() {
        List<ServiceModule> modules = List.of(module(List.of(), Map.of("kafka", healthy("a"))),
                module(List.of(), Map.of("kafka", healthy("b"))));

        assertThatThrownBy(() -> ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka");
    }

    @Test
    void shouldServeNothingAndOwnNothingByDefault() {
        ServiceModule bare = new ServiceModule() { };

        assertThat(bare.features()).isEmpty();
        assertThat(bare.resources()).isEmpty();
        assertThat(bare.grpcServices()).isEmpty();
        assertThat(bare.healthChecks()).isEmpty();
        bare.close();
    }
}
