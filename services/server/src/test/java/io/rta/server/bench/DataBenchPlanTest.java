package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import org.junit.jupiter.api.Test;

class DataBenchPlanTest {

    @Test
    void shouldRoundSamplesUpToWholeBurstsOfEveryChannel() {
        DataBench.Plan plan = DataBench.Plan.of(DataBenchOptions.load(new String[] {"--Samples", "1000001",
                "--TimestampedSamples", "0", "--Streams", "2", "--Channels", "10", "--Signal", "noisy"}));

        assertThat(plan.periodicBursts()).isEqualTo(501);
        assertThat(plan.timestampedBursts()).isZero();
        assertThat(plan.samplesPerSession(plan.periodicBursts())).isEqualTo(501_000);
        assertThat(plan.signal().isNoisy()).isTrue();
        assertThat(plan.flushBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void shouldRefuseZeroStreamsNamingTheOption() {
        assertThatThrownBy(() -> DataBench.Plan.of(DataBenchOptions.load(new String[] {"--Streams", "0"})))
                .hasMessage("Option Streams = 0 must be at least 1");
    }

    @Test
    void shouldSendEachChannelsBurstsConsecutivelyOnTheSessionTimeAxis() {
        BurstSequence sequence = new BurstSequence(BurstSequence.Kind.PERIODIC, DemoSignal.named("sine"), 2, 2, 0);

        WriteDataStreamMessage first = sequence.next();
        WriteDataStreamMessage second = sequence.next();
        WriteDataStreamMessage third = sequence.next();

        assertThat(first.getPeriodicData().getChannelId()).isZero();
        assertThat(second.getPeriodicData().getChannelId()).isEqualTo(1);
        assertThat(third.getPeriodicData().getStartTimestamp() - first.getPeriodicData().getStartTimestamp())
                .isEqualTo(BurstSequence.BURST * BurstSequence.INTERVAL_NANOS);
        assertThat(third.getPeriodicData().getSamples()).isEqualTo(BurstSequence.BURST);
        assertThat(sequence.samples()).isEqualTo(400);
    }

    @Test
    void shouldWriteTimestampedDoublesWithDeltasOfOneMillisecond() {
        BurstSequence sequence = new BurstSequence(BurstSequence.Kind.TIMESTAMPED, DemoSignal.named("sine"), 1, 1, 0);

        WriteDataStreamMessage message = sequence.next();

        assertThat(message.getTimestampedData().getTimestampDeltasList()).hasSize(BurstSequence.BURST).startsWith(0L, 1L);
        assertThat(message.getTimestampedData().getBuffer().size()).isEqualTo(BurstSequence.BURST * Double.BYTES);
        assertThat(sequence.hasNext()).isFalse();
    }
}
