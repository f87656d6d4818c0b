package io.rta.files.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which columns of a file become channels, and their names and units: every numeric column but the time column, in
 * the file's order, channels numbered from 0. Units come from Parquet key-value metadata, under {@code unit:<column>},
 * {@code <column>.unit} or a JSON object {@code units} ({@code {"speed": "km/h"}}), first found wins.
 */
public final class ColumnChannels {

    private static final Pattern NUMERIC = Pattern.compile(
            "U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|REAL|DOUBLE|DECIMAL(\\(.*\\))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColumnChannels() {
    }

    /** Whether a DuckDB column type holds numbers a channel can serve. */
    public static boolean numeric(String duckDbType) {
        return NUMERIC.matcher(duckDbType.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /** The channels of {@code columns} (name to DuckDB type, in file order) besides {@code timeColumn}. */
    public static List<IndexedColumn> of(Map<String, String> columns, String timeColumn, Map<String, String> metadata) {
        Map<String, String> units = units(metadata);
        List<IndexedColumn> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> column : columns.entrySet()) {
            if (column.getKey().equals(timeColumn) || !numeric(column.getValue())) {
                continue;
            }
            String name = unique(identifier(column.getKey()), names);
            String unit = unit(column.getKey(), metadata, units);
            channels.add(new IndexedColumn(column.getKey(), name, channels.size(), column.getValue(), unit));
        }
        return List.copyOf(channels);
    }

    /**
     * A C-like identifier for a column name (what a parameter name should be): letters, digits and {@code _}, not
     * starting with a digit; anything else becomes {@code _}.
     */
    public static String identifier(String column) {
        StringBuilder out = new StringBuilder(column.length() + 1);
        column.codePoints().forEach(c -> out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_')
                ? (char) c : '_'));
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static String unit(String column, Map<String, String> metadata, Map<String, String> units) {
        for (String key : List.of("unit:" + column, column + ".unit")) {
            String unit = metadata.get(key);
            if (unit != null && !unit.isBlank()) {
                return unit.strip();
            }
        }
        return units.getOrDefault(column, "").strip();
    }

    /** The {@code units} JSON object of the metadata; empty when absent or not an object of strings. */
    private static Map<String, String> units(Map<String, String> metadata) {
        String units = metadata.get("units");
        if (units == null) {
            return Map.of();
        }
        try {
            JsonNode tree = JSON.readTree(units);
            Map<String, String> out = new java.util.HashMap<>();
            if (tree != null && tree.isObject()) {
                tree.fields().forEachRemaining(entry -> {
                    if (entry.getValue().isTextual()) {
                        out.put(entry.getKey(), entry.getValue().asText());
                    }
                });
            }
            return out;
        } catch (IOException e) {
            // metadata written by other tools is theirs to shape: a units entry we cannot read only means no units
            return Map.of();
        }
    }

    /** Whether a metadata key carries a unit (such keys are not copied into the session details). */
    static boolean unitKey(String key) {
        return key.equals("units") || key.startsWith("unit:") || key.endsWith(".unit");
    }
}
