package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthBenchTest {

    @Test
    void shouldTakeItsOwnSampleDefaultAndRefuseNoSamples() {
        assertThat(AuthBenchOptions.load(new String[0]).getLong(AuthBenchOptions.SAMPLES)).isEqualTo(200_000_000L);
        assertThat(GatewayBench.Plan.of(AuthBenchOptions.load(new String[] {"--Samples", "4000000"}),
                AuthBenchOptions.SAMPLES).samplesPerChannel()).isEqualTo(10_000);
        assertThatThrownBy(() -> GatewayBench.Plan.of(AuthBenchOptions.load(new String[] {"--Samples", "0"}),
                AuthBenchOptions.SAMPLES)).hasMessageContaining("Samples = 0");
    }
}
