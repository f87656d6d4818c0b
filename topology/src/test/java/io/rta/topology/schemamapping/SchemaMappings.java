package io.rta.topology.schemamapping;

import io.rta.events.EventMapping;
import io.rta.events.FieldMapping;
import io.rta.events.SchemaMapping;
import io.rta.events.TargetChannelDataType;
import java.util.List;
import java.util.Map;

/** Test schema mappings. */
final class SchemaMappings {

    private SchemaMappings() {
    }

    static FieldMapping field(String source, long channel) {
        return FieldMapping.newBuilder().setSourceField(source).setTargetChannel(channel).setProperties(Map.of())
                .setSourceFieldDataType("").setTargetChannelDataType(
                        TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_UNSPECIFIED).build();
    }

    static EventMapping event(String source, String app, int id) {
        return EventMapping.newBuilder().setSourceEvent(source).setTargetEventApp(app).setTargetEventId(id)
                .setProperties(Map.of()).setSourceEventDataFields(List.of()).build();
    }

    static SchemaMapping mapping(String source, String identity, List<FieldMapping> fields,
                                 List<EventMapping> events) {
        return SchemaMapping.newBuilder().setDataSource(source).setDataIdentity(identity)
                .setProperties(Map.of("database", "rtademo")).setFieldMappings(fields).setEventMappings(events)
                .build();
    }

    static SchemaMapping influx(String identity) {
        return mapping("influx", identity, List.of(field("alpha", 0), field("beta", 1), field("gamma", 2)),
                List.of(event("lap", "App", 1)));
    }
}
