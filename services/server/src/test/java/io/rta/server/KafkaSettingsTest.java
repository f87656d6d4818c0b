package io.rta.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void streamThreadsPollForAFifthOfTheCommitInterval() {
        assertThat(KafkaSettings.pollMillis(50)).isEqualTo(10);
        assertThat(KafkaSettings.pollMillis(200)).isEqualTo(40);
    }

    @Test
    void pollTimeStaysWithinOneMillisecondAndTheKafkaDefault() {
        assertThat(KafkaSettings.pollMillis(1)).isEqualTo(1);
        assertThat(KafkaSettings.pollMillis(0)).isEqualTo(1);
        assertThat(KafkaSettings.pollMillis(30_000)).isEqualTo(100);
    }
}
