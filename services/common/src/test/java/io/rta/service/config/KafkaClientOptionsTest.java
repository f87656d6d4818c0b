package io.rta.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientOptionsTest {

    private static final List<OptionDef> DEFS = List.of(RtaOptions.BOOTSTRAP_SERVERS, KafkaClientOptions.KAFKA);

    @Test
    void shouldPassPropertiesFromTheCommandLineAndTheEnvironment() {
        Options options = Options.load(DEFS, new String[] {"--Kafka:security.protocol", "SASL_SSL",
            "--Kafka:sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"rta\" password=\"s3cret\";"},
                Map.of("RTA_KAFKA__SASL_MECHANISM", "SCRAM-SHA-512"), Path.of("/nonexistent"));

        Map<String, Object> config = KafkaClientOptions.apply(new HashMap<>(Map.of("client.id", "x")), options);

        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("client.id", "x")
                .containsKey("sasl.jaas.config");
        assertThat(EffectiveOptions.describe(options)).doesNotContain("s3cret").contains("Kafka:sasl.jaas.config=****");
    }

    @Test
    void shouldRefusePropertiesTheServicesSetThemselves() {
        assertThatThrownBy(() -> KafkaClientOptions.properties(Options.load(DEFS, new String[] {
            "--Kafka:bootstrap.servers", "elsewhere:9092"}, Map.of(), Path.of("/nonexistent"))))
                .hasMessage("Kafka:bootstrap.servers cannot be set: the services set it themselves (use "
                        + "BootstrapServers)");
        assertThatThrownBy(() -> KafkaClientOptions.properties(Options.load(DEFS, new String[0],
                Map.of("RTA_KAFKA__ENABLE_IDEMPOTENCE", "false"), Path.of("/nonexistent"))))
                .hasMessageContaining("Kafka:enable.idempotence cannot be set");
    }

    @Test
    void shouldBeNothingForACommandWithoutTheOption() {
        assertThat(KafkaClientOptions.properties(Options.load(List.of(RtaOptions.BOOTSTRAP_SERVERS),
                new String[0], Map.of(), Path.of("/nonexistent")))).isEmpty();
    }
}
