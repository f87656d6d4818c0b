package io.rta.schemamapping.api;

import io.rta.events.FieldMapping;
import io.rta.events.SchemaMapping;
import io.rta.topology.data.ChannelsExpression;
import java.util.List;

/**
 * What {@code QuerySchemaMapping} keeps of a mapping: the field mappings whose target channel the channels expression
 * selects, in stored order (none without an expression: a data service asking for events only), every event mapping
 * or none, and the properties always.
 *
 * @param channels the selected channels; null selects no field mapping
 * @param events whether the event mappings are kept
 */
public record MappingSelection(ChannelsExpression channels, boolean events) {

    /** A copy of {@code mapping} with only what this selects. */
    public SchemaMapping apply(SchemaMapping mapping) {
        List<FieldMapping> fields = channels == null ? List.of() : mapping.getFieldMappings().stream()
                .filter(field -> channels.matches(field.getTargetChannel())).toList();
        return SchemaMapping.newBuilder(mapping)
                .setFieldMappings(fields)
                .setEventMappings(events ? mapping.getEventMappings() : List.of())
                .build();
    }
}
