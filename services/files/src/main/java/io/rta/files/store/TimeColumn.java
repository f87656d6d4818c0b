package io.rta.files.store;

import io.rta.files.read.TimeUnit;
import java.util.Locale;

/**
 * How a file's time column becomes nanoseconds since the epoch in SQL, by its type: integers are multiplied by the
 * unit, decimals and floats go through {@code DECIMAL(38,9)} (so a time in seconds keeps its nanoseconds) and are
 * rounded, timestamps are taken as they are (their own unit wins over {@code time_unit}).
 */
enum TimeColumn {
    INTEGER,
    DECIMAL,
    TIMESTAMP;

    /** The kind of a DuckDB column type, or null when it cannot hold a time. */
    static TimeColumn of(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT)|HUGEINT|UHUGEINT)")) {
            return INTEGER;
        }
        if (type.startsWith("DECIMAL") || type.equals("FLOAT") || type.equals("DOUBLE")) {
            return DECIMAL;
        }
        if (type.startsWith("TIMESTAMP")) {
            return TIMESTAMP;
        }
        return null;
    }

    /** The SQL giving the time in ns for the quoted column. */
    String nanos(String column, TimeUnit unit) {
        return switch (this) {
            case INTEGER -> unit == TimeUnit.NS ? "CAST(" + column + " AS BIGINT)"
                    : "(CAST(" + column + " AS BIGINT) * " + unit.nanos() + ")";
            case DECIMAL -> "CAST(round(CAST(" + column + " AS DECIMAL(38,9)) * " + unit.nanos() + ") AS BIGINT)";
            case TIMESTAMP -> "epoch_ns(" + column + ")";
        };
    }
}
