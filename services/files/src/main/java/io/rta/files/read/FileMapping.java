package io.rta.files.read;

import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.service.chunks.SampleType;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.data.ChannelsExpression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a schema mapping says about a file: its time column ({@code properties["time_column"]}, default
 * {@code time}) and unit ({@code properties["time_unit"]}, default {@code ns}), its layout
 * ({@code properties["layout"]}: {@code columns}, the default, or {@code row}) and the columns read, by channel.
 *
 * <p>In the column layout each mapped column is served as timestamped data of its channel, and a read selects the
 * requested channels' columns. In the row layout the mapped columns are one row set, served as row data: each row
 * holds every mapped channel, in the order of the mapping's field mappings (the devguide: a row's channels are always
 * grouped alike), so a read that requests any of them gets all of them and one that requests none gets nothing.
 *
 * @param timeColumn the time column's name
 * @param unit its unit
 * @param layout how the columns are served
 * @param columns the columns read: by channel id in the column layout (a column may serve several channels), in the
 *                row's buffer order in the row layout
 */
public record FileMapping(String timeColumn, TimeUnit unit, Layout layout, List<ColumnMapping> columns) {

    /** How mapped columns are served. */
    public enum Layout {
        /** Each column as timestamped data of its channel. */
        COLUMNS,
        /** All columns together as row data, one row per time. */
        ROW
    }

    /** A mapping of the column layout. */
    public FileMapping(String timeColumn, TimeUnit unit, List<ColumnMapping> columns) {
        this(timeColumn, unit, Layout.COLUMNS, columns);
    }

    /** The layout {@code properties["layout"]} names. */
    public static Layout layout(SchemaMapping mapping, String identity) {
        String layout = mapping.getPropertiesMap().getOrDefault("layout", "").strip().toLowerCase(Locale.ROOT);
        return switch (layout) {
            case "", "columns" -> Layout.COLUMNS;
            case "row" -> Layout.ROW;
            default -> throw new InvalidInputException("the schema mapping of identity '" + identity + "' has "
                    + "properties[\"layout\"] '" + mapping.getPropertiesMap().get("layout")
                    + "': use columns (the default: each column timestamped data of its channel) or row");
        };
    }

    /**
     * The columns {@code channels} selects.
     *
     * @param mapping the mapping; in the row layout with every field mapping, not only the requested ones
     * @throws InvalidInputException naming the property or field mapping that cannot be served
     */
    public static FileMapping of(SchemaMapping mapping, String identity, ChannelsExpression channels) {
        Map<String, String> properties = mapping.getPropertiesMap();
        Layout layout = layout(mapping, identity);
        String time = properties.getOrDefault("time_column", "").strip();
        List<ColumnMapping> columns = new ArrayList<>();
        boolean requested = false;
        for (FieldMapping field : mapping.getFieldMappingsList()) {
            long channel = Integer.toUnsignedLong(field.getTargetChannel());
            if (field.getSourceField().isEmpty()) {
                continue;
            }
            boolean match = channels.matches(channel);
            requested |= match;
            if (match || layout == Layout.ROW) {
                columns.add(new ColumnMapping(field.getSourceField(), channel, type(field, identity)));
            }
        }
        if (layout == Layout.COLUMNS) {
            columns.sort(Comparator.comparingLong(ColumnMapping::channel));
        } else if (!requested) {
            columns.clear();
        }
        return new FileMapping(time.isEmpty() ? "time" : time, TimeUnit.of(properties.get("time_unit"), identity),
                layout, List.copyOf(columns));
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

    /** The distinct columns to select, in the order of their first channel. */
    public List<String> selectedColumns() {
        return columns.stream().map(ColumnMapping::column).distinct().toList();
    }

    /** For each of {@link #columns()}, its index in {@link #selectedColumns()} (linear in the columns). */
    int[] valueIndexes() {
        Map<String, Integer> index = new HashMap<>();
        for (String column : selectedColumns()) {
            index.put(column, index.size());
        }
        return columns.stream().mapToInt(column -> index.get(column.column())).toArray();
    }
}
