package io.rta.schemamapping.grpc;

import io.rta.events.EventMapping;
import io.rta.events.FieldMapping;
import io.rta.events.SchemaMapping;
import io.rta.events.TargetChannelDataType;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The toolkit's protobuf schema mapping and the stored (Avro) one, field for field. The only proto value the stored
 * form cannot hold is an enum number the proto does not define (it arrives as {@code UNRECOGNIZED}): refused.
 */
final class ProtoMappings {

    private ProtoMappings() {
    }

    /** The stored form of a request's mapping under the request's pair. */
    static SchemaMapping toStored(MappingKey key, io.rta.proto.toolkit.schemamapping.SchemaMapping proto) {
        List<FieldMapping> fields = new ArrayList<>(proto.getFieldMappingsCount());
        for (int i = 0; i < proto.getFieldMappingsCount(); i++) {
            fields.add(toStored(i, proto.getFieldMappings(i)));
        }
        List<EventMapping> events = new ArrayList<>(proto.getEventMappingsCount());
        for (io.rta.proto.toolkit.schemamapping.EventMapping event : proto.getEventMappingsList()) {
            events.add(EventMapping.newBuilder()
                    .setSourceEvent(event.getSourceEvent())
                    .setTargetEventApp(event.getTargetEventApp())
                    .setTargetEventId(event.getTargetEventId())
                    .setProperties(new LinkedHashMap<>(event.getPropertiesMap()))
                    .setSourceEventDataFields(new ArrayList<>(event.getSourceEventDataFieldsList()))
                    .build());
        }
        return SchemaMapping.newBuilder()
                .setDataSource(key.dataSource())
                .setDataIdentity(key.dataIdentity())
                .setProperties(new LinkedHashMap<>(proto.getPropertiesMap()))
                .setFieldMappings(fields)
                .setEventMappings(events)
                .build();
    }

    private static FieldMapping toStored(int index, io.rta.proto.toolkit.schemamapping.FieldMapping field) {
        io.rta.proto.toolkit.schemamapping.TargetChannelDataType type = field.getTargetChannelDataType();
        if (type == io.rta.proto.toolkit.schemamapping.TargetChannelDataType.UNRECOGNIZED) {
            throw new InvalidInputException("schema_mapping.field_mappings[" + index + "].target_channel_data_type: "
                    + field.getTargetChannelDataTypeValue() + " is not a TargetChannelDataType value");
        }
        return FieldMapping.newBuilder()
                .setSourceField(field.getSourceField())
                .setTargetChannel(Integer.toUnsignedLong(field.getTargetChannel()))
                .setProperties(new LinkedHashMap<>(field.getPropertiesMap()))
                .setSourceFieldDataType(field.getSourceFieldDataType())
                .setTargetChannelDataType(TargetChannelDataType.valueOf(type.name()))
                .build();
    }

    /** The protobuf form of a stored mapping (its data source and identity are the request's). */
    static io.rta.proto.toolkit.schemamapping.SchemaMapping toProto(SchemaMapping stored) {
        io.rta.proto.toolkit.schemamapping.SchemaMapping.Builder proto =
                io.rta.proto.toolkit.schemamapping.SchemaMapping.newBuilder().putAllProperties(stored.getProperties());
        for (FieldMapping field : stored.getFieldMappings()) {
            proto.addFieldMappings(io.rta.proto.toolkit.schemamapping.FieldMapping.newBuilder()
                    .setSourceField(field.getSourceField())
                    .setTargetChannel((int) field.getTargetChannel())
                    .putAllProperties(field.getProperties())
                    .setSourceFieldDataType(field.getSourceFieldDataType())
                    .setTargetChannelDataType(io.rta.proto.toolkit.schemamapping.TargetChannelDataType.valueOf(
                            field.getTargetChannelDataType().name())));
        }
        for (EventMapping event : stored.getEventMappings()) {
            proto.addEventMappings(io.rta.proto.toolkit.schemamapping.EventMapping.newBuilder()
                    .setSourceEvent(event.getSourceEvent())
                    .setTargetEventApp(event.getTargetEventApp())
                    .setTargetEventId(event.getTargetEventId())
                    .putAllProperties(event.getProperties())
                    .addAllSourceEventDataFields(event.getSourceEventDataFields()));
        }
        return proto.build();
    }
}
