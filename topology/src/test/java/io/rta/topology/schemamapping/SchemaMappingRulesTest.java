package io.rta.topology.schemamapping;

import static io.rta.topology.schemamapping.SchemaMappings.event;
import static io.rta.topology.schemamapping.SchemaMappings.field;
import static io.rta.topology.schemamapping.SchemaMappings.influx;
import static io.rta.topology.schemamapping.SchemaMappings.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.EventMapping;
import io.rta.events.SchemaMapping;
import io.rta.topology.limits.InputLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMappingRulesTest {

    private final InputLimits limits = InputLimits.defaults();
    private final int max = SchemaMappingRules.DEFAULT_MAX_SCHEMA_MAPPING_BYTES;

    private String problem(SchemaMapping mapping) {
        return SchemaMappingRules.problem(mapping, limits, max);
    }

    @Test
    void shouldAcceptAValidMappingAndAnEmptyOne() {
        assertThat(problem(influx("car='A'"))).isNull();
        assertThat(problem(mapping("s", "i", List.of(), List.of()))).isNull();
    }

    @Test
    void shouldNameTheDataSourceAndIdentityWhenMissing() {
        assertThat(problem(mapping("", "i", List.of(), List.of()))).startsWith("data_source: ");
        assertThat(problem(mapping("s", "", List.of(), List.of()))).startsWith("data_identity: ");
    }

    @Test
    void shouldRefuseTwoFieldMappingsToOneChannel() {
        assertThat(problem(mapping("s", "i", List.of(field("a", 10), field("b", 11), field("c", 10)), List.of())))
                .isEqualTo("schema_mapping.field_mappings[2].target_channel: channel A (hex) is the target of an "
                        + "earlier field mapping; each channel maps from one field");
    }

    @Test
    void shouldRefuseAnEmptySourceFieldAndAChannelOutsideUint32() {
        assertThat(problem(mapping("s", "i", List.of(field("a", 1), field("", 2)), List.of())))
                .isEqualTo("schema_mapping.field_mappings[1].source_field: must not be empty");
        assertThat(problem(mapping("s", "i", List.of(field("a", 0x1_0000_0000L)), List.of())))
                .startsWith("schema_mapping.field_mappings[0].target_channel: 4294967296 is not a channel id");
        assertThat(problem(mapping("s", "i", List.of(field("a", -1)), List.of())))
                .startsWith("schema_mapping.field_mappings[0].target_channel: -1 is not a channel id");
    }

    @Test
    void shouldRefuseIncompleteOrDuplicateEventMappings() {
        assertThat(problem(mapping("s", "i", List.of(), List.of(event("", "App", 1)))))
                .isEqualTo("schema_mapping.event_mappings[0].source_event: must not be empty");
        assertThat(problem(mapping("s", "i", List.of(), List.of(event("e", "", 1)))))
                .isEqualTo("schema_mapping.event_mappings[0].target_event_app: must not be empty");
        EventMapping unnamed = event("e", "App", 1);
        unnamed.setSourceEventDataFields(List.of("speed", ""));
        assertThat(problem(mapping("s", "i", List.of(), List.of(unnamed))))
                .isEqualTo("schema_mapping.event_mappings[0].source_event_data_fields[1]: must not be empty");
        assertThat(problem(mapping("s", "i", List.of(), List.of(event("e", "App", 1), event("f", "App", 2),
                event("g", "App", 1))))).startsWith("schema_mapping.event_mappings[2]: the event ('App', 1) is the "
                + "target of an earlier event mapping");
    }

    @Test
    void shouldRefuseEmptyPropertyKeysWhereverTheyAre() {
        SchemaMapping top = influx("i");
        top.setProperties(Map.of("", "x"));
        assertThat(problem(top)).isEqualTo("schema_mapping.properties: a key must not be empty");
        SchemaMapping onField = influx("i");
        onField.getFieldMappings().get(1).setProperties(Map.of("", "x"));
        assertThat(problem(onField)).isEqualTo("schema_mapping.field_mappings[1].properties: a key must not be empty");
        SchemaMapping onEvent = influx("i");
        onEvent.getEventMappings().get(0).setProperties(Map.of("", "x"));
        assertThat(problem(onEvent)).isEqualTo("schema_mapping.event_mappings[0].properties: a key must not be empty");
    }

    @Test
    void shouldBoundTheEncodedSizeByTheOption() {
        SchemaMapping mapping = influx("i");
        long size = SchemaMappingRules.encodedSize(mapping);
        assertThat(SchemaMappingRules.problem(mapping, limits, (int) size)).isNull();
        assertThat(SchemaMappingRules.problem(mapping, limits, (int) size - 1)).isEqualTo("schema_mapping: the "
                + "encoded schema mapping's size (bytes) is " + size + "; at most " + (size - 1)
                + " allowed (MaxSchemaMappingSize)");
    }
}
