package io.rta.server.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    @Test
    void shouldDefaultToATimedPrefixOfItsOwn() {
        assertThat(ReplayOptions.replayPrefix(ReplayOptions.load(new String[0])))
                .matches("replay-\\d{8}-\\d{6}\\.");
    }

    @Test
    void shouldRefuseTheLivePrefixAndNamesKafkaCannotHold() {
        assertThatThrownBy(() -> ReplayOptions.replayPrefix(ReplayOptions.load(new String[] {
                "--TopicPrefix", "live.", "--ReplayPrefix", "live."})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ from TopicPrefix");
        assertThatThrownBy(() -> ReplayOptions.replayPrefix(ReplayOptions.load(new String[] {
                "--ReplayPrefix", "a b"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Kafka topic names");
    }

    @Test
    void shouldReadFromAsAnIsoInstantAndNameTheFormatWhenItIsNot() {
        assertThat(ReplayOptions.from(ReplayOptions.load(new String[0]))).isEmpty();
        assertThat(ReplayOptions.from(ReplayOptions.load(new String[] {"--From", "2026-01-01T00:00:00Z"})))
                .contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> ReplayOptions.from(ReplayOptions.load(new String[] {"--From", "yesterday"})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("From 'yesterday': expected an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }

    @Test
    void shouldDefaultToTheEmbeddedBrokerAndRegistryOfAServerOnThisMachine() {
        var options = ReplayOptions.load(new String[] {"--KafkaPort", "9999", "--RegistryPort", "8888"});

        assertThat(ReplayOptions.bootstrapServers(options)).isEqualTo("127.0.0.1:9999");
        assertThat(ReplayOptions.registryUrl(options)).isEqualTo("http://127.0.0.1:8888/apis/ccompat/v7");
    }
}
