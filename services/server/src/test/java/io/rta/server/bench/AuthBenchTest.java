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
                AuthBenchOptions.SAMPLES, AuthBenchOptions.PASSES).samplesPerChannel()).isEqualTo(10_000);
        assertThatThrownBy(() -> GatewayBench.Plan.of(AuthBenchOptions.load(new String[] {"--Samples", "0"}),
                AuthBenchOptions.SAMPLES, AuthBenchOptions.PASSES)).hasMessageContaining("Samples = 0");
    }

    @Test
    void shouldResolveFivePercentWithManyRequestsAndPassesByDefault() {
        var options = AuthBenchOptions.load(new String[0]);
        assertThat(options.getInt(AuthBenchOptions.QUERIES)).isEqualTo(60_000);
        // the pair is timed twice, roles swapped, so a bias between the two servers cancels out
        assertThat(options.getBoolean(AuthBenchOptions.SWAP)).isTrue();
        assertThat(AuthBenchOptions.load(new String[] {"--Swap", "false"}).getBoolean(AuthBenchOptions.SWAP))
                .isFalse();
        assertThat(GatewayBench.Plan.of(options, AuthBenchOptions.SAMPLES, AuthBenchOptions.PASSES).passes())
                .isEqualTo(200);
        assertThat(GatewayBench.Plan.of(AuthBenchOptions.load(new String[] {"--Passes", "7"}),
                AuthBenchOptions.SAMPLES, AuthBenchOptions.PASSES).passes()).isEqualTo(7);
    }

    @Test
    void shouldListPassTimesFastestFirstWithTheirMedian() {
        assertThat(AuthBench.passes(List.of(90.0, 60.25, 120.0))).isEqualTo("median 90.0 ms; ms: 60.3 90.0 120.0");
    }
}
