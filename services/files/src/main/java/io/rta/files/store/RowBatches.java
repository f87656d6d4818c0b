package io.rta.files.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a scan's result in batches of rows ({@link #rowsFor}: one to four of DuckDB's vectors), column by column, so
 * the chunker can copy a column's values in bulk rather than take rows one at a time. The statement's first column is
 * the time ({@code BIGINT} ns), the others {@code DOUBLE} values. A full batch goes to an {@link Exchange}, which passes
 * it to the reading thread and gives back the batch to fill next ({@link FetchAhead}).
 *
 * <p>Rows are fetched through the JDBC result set (DuckDB's streaming result). DuckDB's data chunk interface
 * ({@code DuckDBPreparedStatement.query()}) was tried and is slower here: measured side by side on the benchmark's file
 * (2 M rows x 4 doubles, 14 rounds each), median 183-197 ms a scan against 127 ms, because the result set's fetches
 * overlap DuckDB's work with the caller's and the chunk fetches do not; and a chunk fetch that fails part-way through
 * a file ends the result silently unless its error is looked up with a method the driver does not make public.
 */
final class RowBatches {

    /** DuckDB's vector size: a batch holds whole vectors. */
    static final int VECTOR_ROWS = 2048;
    /** A batch holds at most this many vectors ... */
    static final int MAX_VECTORS = 4;
    /** ... and as many as fit this many bytes of arrays (at least one vector, however wide the rows). */
    static final int BATCH_BYTES = 512 * 1024;

    /**
     * Rows per batch for rows of {@code columns} values: a few columns take four vectors a batch, so the fetching and
     * the reading thread hand batches over a quarter as often (measured on the benchmark's four columns: 14% and 19%
     * less CPU a read than a vector a batch in two of three A/B pairs, 3% more in the third, README "File data
     * service"); rows wider than {@link #BATCH_BYTES} allows for two vectors keep one vector a batch, as all rows did
     * before, so the batches grow with the row's width only where they always did.
     */
    static int rowsFor(int columns) {
        long rowBytes = Long.BYTES + (long) columns * (Double.BYTES + 1);
        long vectors = BATCH_BYTES / (VECTOR_ROWS * rowBytes);
        return VECTOR_ROWS * (int) Math.max(1, Math.min(MAX_VECTORS, vectors));
    }

    private RowBatches() {
    }

    /** One batch of rows: filled by the fetching side, then handed to a {@link ColumnRows} whole. */
    static final class Batch {

        final long[] times;
        final double[][] values;
        final boolean[][] present;
        private final boolean[][] handed;
        /** Whether column {@code c} has a row without a value in this batch (set as rows are filled). */
        final boolean[] gaps;
        private int count;

        Batch(int columns) {
            int rows = rowsFor(columns);
            times = new long[rows];
            values = new double[columns][rows];
            present = new boolean[columns][rows];
            handed = new boolean[columns][];
            gaps = new boolean[columns];
        }

        /** Rows {@code [0, count)} are filled: a column without gaps is handed on without its presence array. */
        void seal(int count) {
            this.count = count;
            for (int c = 0; c < values.length; c++) {
                handed[c] = gaps[c] ? present[c] : null;
                gaps[c] = false;
            }
        }

        void handTo(ColumnRows sink) throws IOException {
            sink.rows(count, times, values, handed);
        }
    }

    /** Takes a full batch and gives back the one to fill next (the same one once it has been handed on). */
    interface Exchange {
        Batch full(Batch batch) throws IOException;
    }

    /** Executes {@code statement}, filling {@code first}, then each batch {@code exchange} gives back. */
    static void read(PreparedStatement statement, Batch first, Exchange exchange) throws SQLException, IOException {
        Batch batch = first;
        int columns = batch.values.length;
        int rowsPerBatch = batch.times.length;
        try (ResultSet rows = statement.executeQuery()) {
            int count = 0;
            while (rows.next()) {
                batch.times[count] = rows.getLong(1);
                for (int c = 0; c < columns; c++) {
                    batch.values[c][count] = rows.getDouble(c + 2);
                    boolean has = !rows.wasNull();
                    batch.present[c][count] = has;
                    batch.gaps[c] |= !has;
                }
                if (++count == rowsPerBatch) {
                    batch.seal(count);
                    batch = exchange.full(batch);
                    count = 0;
                }
            }
            if (count > 0) {
                batch.seal(count);
                exchange.full(batch);
            }
        }
    }
}
