package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelemetryTailTest {

    @Test
    void shouldStartAtTheEarlierOfTheCommittedOffsetAndTheBackScan() {
        assertThat(TelemetryTail.startOffset(40L, 70L, 100)).isEqualTo(40);
        assertThat(TelemetryTail.startOffset(90L, 70L, 100)).isEqualTo(70);
    }

    @Test
    void shouldStartAtTheCommittedOffsetWhenNothingIsAsRecentAsTheBackScan() {
        assertThat(TelemetryTail.startOffset(40L, null, 100)).isEqualTo(40);
        assertThat(TelemetryTail.startOffset(100L, null, 100)).isEqualTo(100);
    }

    @Test
    void shouldStartAtTheBackScanAloneWhenTheStreamsApplicationCommittedNothing() {
        assertThat(TelemetryTail.startOffset(null, 70L, 100)).isEqualTo(70);
        assertThat(TelemetryTail.startOffset(null, null, 100)).isEqualTo(100);
    }
}
