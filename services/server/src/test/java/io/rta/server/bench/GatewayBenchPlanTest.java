package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.toolkit.session.DataBinding;
import org.junit.jupiter.api.Test;

class GatewayBenchPlanTest {

    private static final long MS = BurstSequence.INTERVAL_NANOS;

    private static GatewayBench.Plan plan(String... args) {
        return GatewayBench.Plan.of(GatewayBenchOptions.load(args));
    }

    @Test
    void shouldRoundSamplesUpToWholeBurstsOfEveryChannelOfEveryDataIdentity() {
        GatewayBench.Plan plan = plan("--Samples", "1000001", "--Streams", "2", "--Channels", "10", "--Passes", "3");

        assertThat(plan.bursts()).isEqualTo(501);
        assertThat(plan.samplesPerChannel()).isEqualTo(50_100);
        assertThat(plan.passes()).isEqualTo(3);
        assertThat(plan.sequences()).hasSize(2).allSatisfy(sequence -> assertThat(sequence.samples())
                .isEqualTo(501_000));
    }

    @Test
    void shouldDefaultToABillionSamplesOverFourDataIdentitiesOfAHundredChannels() {
        GatewayBench.Plan plan = plan();

        assertThat(plan.streams()).isEqualTo(4);
        assertThat(plan.channels()).isEqualTo(100);
        assertThat(plan.samplesPerChannel() * plan.channels() * plan.streams()).isEqualTo(1_000_000_000L);
        assertThat(plan.passes()).isEqualTo(5);
    }

    @Test
    void shouldRefuseBadOptionsNamingTheOption() {
        assertThatThrownBy(() -> plan("--Passes", "0")).hasMessage("Option Passes = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--Samples", "0")).hasMessage("Option Samples = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--Streams", "0")).hasMessage("Option Streams = 0 must be at least 1");
    }

    @Test
    void shouldExpectTheDataAsWrittenFromTheDataRouteAndAnUntransformedBinding() {
        GatewayBench.Plan plan = plan("--Samples", "2000", "--Streams", "1", "--Channels", "10");

        assertThat(plan("--Channels", "100").channelsExpression(GatewayBench.Way.DIRECT)).isEqualTo("0-63");
        for (GatewayBench.Way way : new GatewayBench.Way[] {GatewayBench.Way.DIRECT, GatewayBench.Way.UNTRANSFORMED}) {
            DataReadLoad.Expected expected = plan.expected(way);
            assertThat(expected.samples()).isEqualTo(2000);
            assertThat(expected.firstTime()).isEqualTo(BurstSequence.START_NANOS);
            assertThat(expected.lastTime()).isEqualTo(BurstSequence.START_NANOS + 199 * MS);
            assertThat(expected.firstChannel()).isZero();
            assertThat(expected.lastChannel()).isEqualTo(9);
            assertThat(plan.channelsExpression(way)).isEqualTo("0-9");
        }
        assertThat(plan.binding(GatewayBench.Way.DIRECT, "data")).isNull();
        DataBinding keyOnly = plan.binding(GatewayBench.Way.UNTRANSFORMED, "data");
        assertThat(keyOnly.getKey().getSource()).isEqualTo(GatewayBench.SOURCE);
        assertThat(keyOnly.getKey().getIdentity()).isEqualTo("data");
        assertThat(keyOnly.getSessionTimeOffset()).isZero();
        assertThat(keyOnly.getDataChannelBindingsList()).isEmpty();
        assertThat(keyOnly.hasSessionStartTime() || keyOnly.hasSessionEndTime()).isFalse();
    }

    @Test
    void shouldShiftTimeAndMapDataChannelZeroOntoAnotherSessionChannel() {
        GatewayBench.Plan plan = plan("--Samples", "2000", "--Streams", "1", "--Channels", "10");

        DataBinding binding = plan.binding(GatewayBench.Way.SHIFTED, "data");
        DataReadLoad.Expected expected = plan.expected(GatewayBench.Way.SHIFTED);

        assertThat(binding.getSessionTimeOffset()).isNotZero().isEqualTo(GatewayBench.TIME_OFFSET_NANOS);
        assertThat(binding.getDataChannelBindings(0).getFirstDataChannel()).isZero();
        assertThat(binding.getDataChannelBindings(0).getFirstSessionChannel())
                .isEqualTo(GatewayBench.FIRST_SESSION_CHANNEL).isNotZero();
        assertThat(binding.getDataChannelBindings(0).getLastSessionChannel())
                .isEqualTo(GatewayBench.FIRST_SESSION_CHANNEL + 9);
        assertThat(binding.hasSessionStartTime() || binding.hasSessionEndTime()).isFalse();
        assertThat(plan.channelsExpression(GatewayBench.Way.SHIFTED)).isEqualTo("3E8-3F1"); // hexadecimal
        assertThat(expected.samples()).isEqualTo(2000);
        assertThat(expected.firstTime()).isEqualTo(BurstSequence.START_NANOS + GatewayBench.TIME_OFFSET_NANOS);
        assertThat(expected.firstChannel()).isEqualTo(1000);
        assertThat(expected.lastChannel()).isEqualTo(1009);
    }

    @Test
    void shouldClipInsideTheDataOnSampleTimesInSessionTime() {
        GatewayBench.Plan plan = plan("--Samples", "2000", "--Streams", "1", "--Channels", "10");

        DataBinding binding = plan.binding(GatewayBench.Way.CLIPPED, "data");
        DataReadLoad.Expected expected = plan.expected(GatewayBench.Way.CLIPPED);

        // 200 samples per channel: 23 cut at each end, 154 kept, from session time 23 ms after the shifted start
        long shiftedStart = BurstSequence.START_NANOS + GatewayBench.TIME_OFFSET_NANOS;
        assertThat(plan.clippedPerEnd()).isEqualTo(23);
        assertThat(binding.getSessionStartTime().getValue()).isEqualTo(shiftedStart + 23 * MS);
        assertThat(binding.getSessionEndTime().getValue()).isEqualTo(shiftedStart + 176 * MS);
        assertThat(binding.getDataChannelBindingsList()).isEqualTo(plan.binding(GatewayBench.Way.SHIFTED, "data")
                .getDataChannelBindingsList());
        assertThat(expected.samples()).isEqualTo(154 * 10);
        assertThat(expected.firstTime()).isEqualTo(binding.getSessionStartTime().getValue());
        assertThat(expected.lastTime()).isEqualTo(binding.getSessionEndTime().getValue());
    }

    @Test
    void shouldKeepSamplesInsideTheWindowEvenForOneBurst() {
        GatewayBench.Plan plan = plan("--Samples", "1", "--Streams", "1", "--Channels", "1");

        assertThat(plan.samplesPerChannel()).isEqualTo(BurstSequence.BURST);
        assertThat(plan.expected(GatewayBench.Way.CLIPPED).samples()).isPositive()
                .isLessThan(plan.expected(GatewayBench.Way.SHIFTED).samples());
    }
}
