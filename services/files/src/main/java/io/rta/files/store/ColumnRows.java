package io.rta.files.store;

import java.io.IOException;

/**
 * Receives a scan's rows in time order, a batch at a time (one to four DuckDB vectors: up to 8,192 rows), column by
 * column.
 */
public interface ColumnRows {

    /**
     * Rows {@code [0, count)}: {@code times[r]} in ns, and for selected column {@code c} {@code values[c][r]} with
     * {@code present[c][r]} saying whether the row has a value; {@code present[c]} is null when every row of the
     * batch has one. The arrays are reused: read them inside the call.
     */
    void rows(int count, long[] times, double[][] values, boolean[][] present) throws IOException;
}
