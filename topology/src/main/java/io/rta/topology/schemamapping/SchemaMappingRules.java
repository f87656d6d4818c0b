package io.rta.topology.schemamapping;

import io.rta.events.EventMapping;
import io.rta.events.FieldMapping;
import io.rta.events.SchemaMapping;
import io.rta.topology.Topics;
import io.rta.topology.limits.EncodedSize;
import io.rta.topology.limits.InputLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * What makes a schema mapping valid, checked in one place for the {@code SchemaMappingStore} API and for records
 * pipelines produce to the schema-mappings topic. Problems name the field the way the proto does
 * ({@code schema_mapping.field_mappings[3].target_channel}) and the rule.
 */
public final class SchemaMappingRules {

    /** The option that bounds a schema mapping's size (and with it every count inside one). */
    public static final String MAX_SCHEMA_MAPPING_SIZE = "MaxSchemaMappingSize";
    public static final int DEFAULT_MAX_SCHEMA_MAPPING_BYTES = 4 * 1024 * 1024;
    /** Highest MaxSchemaMappingSize: a mapping is one record, and the key and identities need room next to it. */
    public static final int MAX_SCHEMA_MAPPING_BYTES_CEILING = Topics.SCHEMA_MAPPING_MESSAGE_BYTES - 1024 * 1024;
    /** The largest channel id ({@code uint32}). */
    public static final long MAX_CHANNEL = 0xFFFF_FFFFL;

    private static final SpecificDatumWriter<SchemaMapping> WRITER = new SpecificDatumWriter<>(SchemaMapping.class);

    private SchemaMappingRules() {
    }

    /** What is wrong with a (data source, data identity) pair, or null. */
    public static String keyProblem(String dataSource, String dataIdentity, InputLimits limits) {
        String problem = limits.identityProblem("data_source", dataSource);
        return problem != null ? problem : limits.identityProblem("data_identity", dataIdentity);
    }

    /**
     * What is wrong with a schema mapping (its own data source and identity included), or null when it is valid.
     *
     * @param maxBytes the MaxSchemaMappingSize option
     */
    public static String problem(SchemaMapping mapping, InputLimits limits, int maxBytes) {
        String problem = keyProblem(mapping.getDataSource(), mapping.getDataIdentity(), limits);
        if (problem != null) {
            return problem;
        }
        long size = encodedSize(mapping);
        if (size > maxBytes) {
            return "schema_mapping: " + InputLimits.exceeded("the encoded schema mapping's size (bytes)", size,
                    maxBytes, MAX_SCHEMA_MAPPING_SIZE);
        }
        problem = keysProblem("schema_mapping.properties", mapping.getProperties());
        if (problem == null) {
            problem = fieldsProblem(mapping.getFieldMappings());
        }
        return problem != null ? problem : eventsProblem(mapping.getEventMappings());
    }

    private static String fieldsProblem(List<FieldMapping> fields) {
        Set<Long> channels = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldMapping field = fields.get(i);
            String name = "schema_mapping.field_mappings[" + i + "]";
            if (field.getSourceField() == null || field.getSourceField().isEmpty()) {
                return name + ".source_field: must not be empty";
            }
            long channel = field.getTargetChannel();
            if (channel < 0 || channel > MAX_CHANNEL) {
                return name + ".target_channel: " + channel + " is not a channel id (0 to " + MAX_CHANNEL + ")";
            }
            if (!channels.add(channel)) {
                return name + ".target_channel: channel " + Long.toHexString(channel).toUpperCase(java.util.Locale.ROOT)
                        + " (hex) is the target of an earlier field mapping; each channel maps from one field";
            }
            if (field.getTargetChannelDataType() == null) {
                return name + ".target_channel_data_type: missing";
            }
            String keys = keysProblem(name + ".properties", field.getProperties());
            if (keys != null) {
                return keys;
            }
        }
        return null;
    }

    private static String eventsProblem(List<EventMapping> events) {
        Set<List<Object>> targets = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            EventMapping event = events.get(i);
            String name = "schema_mapping.event_mappings[" + i + "]";
            if (event.getSourceEvent() == null || event.getSourceEvent().isEmpty()) {
                return name + ".source_event: must not be empty";
            }
            if (event.getTargetEventApp() == null || event.getTargetEventApp().isEmpty()) {
                return name + ".target_event_app: must not be empty";
            }
            List<String> data = event.getSourceEventDataFields();
            for (int j = 0; j < data.size(); j++) {
                if (data.get(j) == null || data.get(j).isEmpty()) {
                    // a field or column without a name: no store can be asked for it
                    return name + ".source_event_data_fields[" + j + "]: must not be empty";
                }
            }
            if (!targets.add(List.of(event.getTargetEventApp(), event.getTargetEventId()))) {
                return name + ": the event ('" + InputLimits.excerpt(event.getTargetEventApp()) + "', "
                        + event.getTargetEventId() + ") is the target of an earlier event mapping; each "
                        + "(target_event_app, target_event_id) maps from one event";
            }
            String keys = keysProblem(name + ".properties", event.getProperties());
            if (keys != null) {
                return keys;
            }
        }
        return null;
    }

    private static String keysProblem(String name, Map<String, String> map) {
        for (String key : map.keySet()) {
            if (key == null || key.isEmpty()) {
                return name + ": a key must not be empty";
            }
        }
        return null;
    }

    /** The bytes of the mapping's Avro binary encoding (what the topic record carries after its 5-byte header). */
    public static long encodedSize(SchemaMapping mapping) {
        return EncodedSize.of(WRITER, mapping);
    }
}
