package io.rta.files.read;

import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.service.chunks.SampleType;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.data.ChannelsExpression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a schema mapping says about a file: its time column ({@code properties["time_column"]}, default
 * {@code time}) and unit ({@code properties["time_unit"]}, default {@code ns}), and the requested channels' columns,
 * by channel. Only the column layout is served: {@code properties["layout"] = "row"} is refused as not supported yet.
 *
 * @param timeColumn the time column's name
 * @param unit its unit
 * @param columns the requested channels' columns, by channel id (a column may serve several channels)
 */
public record FileMapping(String timeColumn, TimeUnit unit, List<ColumnMapping> columns) {

    /** @throws InvalidInputException naming the property or field mapping that cannot be served */
    public static FileMapping of(SchemaMapping mapping, String identity, ChannelsExpression channels) {
        Map<String, String> properties = mapping.getPropertiesMap();
        String layout = properties.getOrDefault("layout", "").strip().toLowerCase(Locale.ROOT);
        if (layout.equals("row")) {
            throw new InvalidInputException("the schema mapping of identity '" + identity + "' has properties"
                    + "[\"layout\"] 'row': row data from files is not supported yet (map each column to a channel "
                    + "of timestamped data)");
        }
        if (!layout.isEmpty() && !layout.equals("columns")) {
            throw new InvalidInputException("the schema mapping of identity '" + identity + "' has properties"
                    + "[\"layout\"] '" + properties.get("layout") + "': use columns (the default)");
        }
        String time = properties.getOrDefault("time_column", "").strip();
        List<ColumnMapping> columns = new ArrayList<>();
        for (FieldMapping field : mapping.getFieldMappingsList()) {
            long channel = Integer.toUnsignedLong(field.getTargetChannel());
            if (!field.getSourceField().isEmpty() && channels.matches(channel)) {
                columns.add(new ColumnMapping(field.getSourceField(), channel, type(field, identity)));
            }
        }
        columns.sort(Comparator.comparingLong(ColumnMapping::channel));
        return new FileMapping(time.isEmpty() ? "time" : time, TimeUnit.of(properties.get("time_unit"), identity),
                List.copyOf(columns));
    }

    private static SampleType type(FieldMapping field, String identity) {
        TargetChannelDataType type = field.getTargetChannelDataType();
        return switch (type) {
            case TARGET_CHANNEL_DATA_TYPE_UNSPECIFIED, TARGET_CHANNEL_DATA_TYPE_DOUBLE64 -> SampleType.DOUBLE;
            case TARGET_CHANNEL_DATA_TYPE_FLOAT32 -> SampleType.FLOAT32;
            case TARGET_CHANNEL_DATA_TYPE_INT32 -> SampleType.INT32;
            case TARGET_CHANNEL_DATA_TYPE_UINT32 -> SampleType.UINT32;
            case TARGET_CHANNEL_DATA_TYPE_INT16 -> SampleType.INT16;
            case TARGET_CHANNEL_DATA_TYPE_UINT16 -> SampleType.UINT16;
            case TARGET_CHANNEL_DATA_TYPE_INT8 -> SampleType.INT8;
            case TARGET_CHANNEL_DATA_TYPE_UINT8 -> SampleType.UINT8;
            default -> throw new InvalidInputException("the schema mapping of identity '" + identity + "' maps column '"
                    + field.getSourceField() + "' to channel " + Integer.toUnsignedLong(field.getTargetChannel())
                    + " with an unknown target_channel_data_type " + field.getTargetChannelDataTypeValue());
        };
    }

    /** The distinct columns to select, in channel order of their first channel. */
    public List<String> selectedColumns() {
        return columns.stream().map(ColumnMapping::column).distinct().toList();
    }
}
