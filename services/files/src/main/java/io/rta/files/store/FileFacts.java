package io.rta.files.store;

import java.util.Map;

/**
 * What {@link DuckDbFiles#describe} learns of a file (or files read as one).
 *
 * @param columns  column name to DuckDB type, in the file's order
 * @param rows     rows in all
 * @param minTime  the earliest time (ns), or null when no row has one
 * @param maxTime  the latest time (ns), or null when no row has one
 * @param metadata Parquet footer key-value metadata (empty for CSV)
 */
public record FileFacts(Map<String, String> columns, long rows, Long minTime, Long maxTime,
                        Map<String, String> metadata) {
}
