package io.rta.schemamapping.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.EventMapping;
import io.rta.events.FieldMapping;
import io.rta.events.SchemaMapping;
import io.rta.events.TargetChannelDataType;
import io.rta.topology.data.ChannelsExpression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingSelectionTest {

    private static FieldMapping field(String source, long channel) {
        return FieldMapping.newBuilder().setSourceField(source).setTargetChannel(channel).setProperties(Map.of())
                .setSourceFieldDataType("").setTargetChannelDataType(
                        TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_UNSPECIFIED).build();
    }

    private final SchemaMapping stored = SchemaMapping.newBuilder().setDataSource("s").setDataIdentity("i")
            .setProperties(Map.of("database", "d"))
            .setFieldMappings(List.of(field("z", 0x20), field("a", 0x5), field("m", 0xC), field("b", 0x7)))
            .setEventMappings(List.of(EventMapping.newBuilder().setSourceEvent("e").setTargetEventApp("A")
                    .setTargetEventId(1).setProperties(Map.of()).setSourceEventDataFields(List.of()).build()))
            .build();

    @Test
    void shouldKeepTheSelectedFieldsInStoredOrder() {
        SchemaMapping selected = new MappingSelection(ChannelsExpression.parse("-5,7,B-D,14-"), false).apply(stored);

        assertThat(selected.getFieldMappings()).extracting(FieldMapping::getSourceField)
                .containsExactly("z", "a", "m", "b");
        assertThat(new MappingSelection(ChannelsExpression.parse("6-C"), false).apply(stored).getFieldMappings())
                .extracting(FieldMapping::getSourceField).containsExactly("m", "b");
    }

    @Test
    void shouldKeepEventsOnlyWhenAskedAndPropertiesAlways() {
        SchemaMapping none = new MappingSelection(null, false).apply(stored);
        SchemaMapping events = new MappingSelection(null, true).apply(stored);

        assertThat(none.getFieldMappings()).isEmpty();
        assertThat(none.getEventMappings()).isEmpty();
        assertThat(none.getProperties()).isEqualTo(stored.getProperties());
        assertThat(events.getEventMappings()).isEqualTo(stored.getEventMappings());
        assertThat(stored.getFieldMappings()).hasSize(4);
    }
}
