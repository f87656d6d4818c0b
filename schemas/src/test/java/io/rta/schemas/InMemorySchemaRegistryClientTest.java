package io.rta.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private static final Schema V1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
    private static final Schema V2_DEFAULTED = SchemaBuilder.record("R").fields()
            .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
    private static final Schema V2_REQUIRED = SchemaBuilder.record("R").fields()
            .requiredString("a").requiredInt("b").endRecord();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        int first = registry.register("t-value", V1);

        assertThat(registry.register("t-value", V1)).isEqualTo(first);
        assertThat(registry.register("other-value", V1)).isEqualTo(first);
    }

    @Test
    void shouldAssignDeterministicIdsInRegistrationOrder() {
        assertThat(registry.register("t-value", V1)).isEqualTo(1);
        assertThat(registry.register("t-value", V2_DEFAULTED)).isEqualTo(2);
        assertThat(registry.getById(2)).isEqualTo(V2_DEFAULTED);
    }

    @Test
    void shouldRejectUnknownId() {
        assertThatThrownBy(() -> registry.getById(5))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("No schema with id 5");
    }

    @Test
    void shouldAcceptBackwardCompatibleEvolution() {
        registry.setCompatibility("t-value", "backward");
        registry.register("t-value", V1);

        assertThat(registry.register("t-value", V2_DEFAULTED)).isEqualTo(2);
    }

    @Test
    void shouldRejectBackwardIncompatibleEvolution() {
        registry.setCompatibility("t-value", "BACKWARD");
        registry.register("t-value", V1);

        assertThatThrownBy(() -> registry.register("t-value", V2_REQUIRED))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("subject 't-value' is not BACKWARD compatible");
    }

    @Test
    void shouldRejectUnknownCompatibilityLevel() {
        assertThatThrownBy(() -> registry.setCompatibility("t-value", "SIDEWAYS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown compatibility level 'SIDEWAYS'");
    }
}
