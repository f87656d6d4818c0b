package io.rta.files.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a scan's result to {@link ColumnRows} in batches of {@link #BATCH_ROWS} rows (DuckDB's vector size), column
 * by column, so the chunker can copy a column's values in bulk rather than take rows one at a time. The statement's
 * first column is the time ({@code BIGINT} ns), the others {@code DOUBLE} values.
 *
 * <p>Rows are fetched through the JDBC result set (DuckDB's streaming result). DuckDB's data chunk interface
 * ({@code DuckDBPreparedStatement.query()}) was tried and is slower here: measured side by side on the benchmark's file
 * (2 M rows x 4 doubles, 14 rounds each), median 183-197 ms a scan against 127 ms, because the result set's fetches
 * overlap DuckDB's work with the caller's and the chunk fetches do not; and a chunk fetch that fails part-way through
 * a file ends the result silently unless its error is looked up with a method the driver does not make public.
 */
final class RowBatches {

    static final int BATCH_ROWS = 2048;

    private final long[] times = new long[BATCH_ROWS];
    private final double[][] values;
    private final boolean[][] present;
    private final boolean[][] batchPresent;
    private final boolean[] gaps;

    RowBatches(int columns) {
        values = new double[columns][BATCH_ROWS];
        present = new boolean[columns][BATCH_ROWS];
        batchPresent = new boolean[columns][];
        gaps = new boolean[columns];
    }

    /** Executes {@code statement} and hands every row of its result to {@code sink}, in the result's order. */
    void read(PreparedStatement statement, ColumnRows sink) throws SQLException, IOException {
        int columns = values.length;
        try (ResultSet rows = statement.executeQuery()) {
            int count = 0;
            while (rows.next()) {
                times[count] = rows.getLong(1);
                for (int c = 0; c < columns; c++) {
                    values[c][count] = rows.getDouble(c + 2);
                    boolean has = !rows.wasNull();
                    present[c][count] = has;
                    gaps[c] |= !has;
                }
                if (++count == BATCH_ROWS) {
                    hand(count, sink);
                    count = 0;
                }
            }
            if (count > 0) {
                hand(count, sink);
            }
        }
    }

    private void hand(int count, ColumnRows sink) throws IOException {
        for (int c = 0; c < values.length; c++) {
            batchPresent[c] = gaps[c] ? present[c] : null;
            gaps[c] = false;
        }
        sink.rows(count, times, values, batchPresent);
    }
}
