package io.rta.files.index;

/**
 * A numeric column published as one channel and one parameter.
 *
 * @param column    the column's name in the file (the mapping's source_field)
 * @param name      the parameter's name: the column's, made a C-like identifier
 * @param channel   the channel id, from 0 in the file's column order
 * @param type      the column's DuckDB type
 * @param unit      its unit from the file's metadata, or empty
 */
public record IndexedColumn(String column, String name, int channel, String type, String unit) {
}
