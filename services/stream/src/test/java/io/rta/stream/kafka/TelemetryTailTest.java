package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
    void shouldLookForAddedPartitionsAsOftenAsTheMetadataMayAgeAndRefuseANonNumber() {
        assertThat(TelemetryTail.partitionCheckMillis(Map.of())).isEqualTo(15_000);
        assertThat(TelemetryTail.partitionCheckMillis(Map.of("metadata.max.age.ms", " 500"))).isEqualTo(500);
        assertThat(TelemetryTail.partitionCheckMillis(Map.of("metadata.max.age.ms", 2000))).isEqualTo(2000);
        assertThatThrownBy(() -> TelemetryTail.partitionCheckMillis(Map.of("metadata.max.age.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka:metadata.max.age.ms must be a whole number of milliseconds, 0 or more; got 'soon'");
        assertThatThrownBy(() -> TelemetryTail.partitionCheckMillis(Map.of("metadata.max.age.ms", "-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStartAtTheBackScanAloneWhenTheStreamsApplicationCommittedNothing() {
        assertThat(TelemetryTail.startOffset(null, 70L, 100)).isEqualTo(70);
        assertThat(TelemetryTail.startOffset(null, null, 100)).isEqualTo(100);
    }
}
