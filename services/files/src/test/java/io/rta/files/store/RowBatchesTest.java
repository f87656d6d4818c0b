package io.rta.files.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowBatchesTest {

    @Test
    void shouldTakeFourVectorsABatchForAFewColumnsAndOneForWideRows() {
        assertThat(RowBatches.rowsFor(1)).isEqualTo(4 * RowBatches.VECTOR_ROWS);
        assertThat(RowBatches.rowsFor(4)).isEqualTo(4 * RowBatches.VECTOR_ROWS);
        assertThat(RowBatches.rowsFor(10)).isEqualTo(2 * RowBatches.VECTOR_ROWS);
        assertThat(RowBatches.rowsFor(20)).isEqualTo(RowBatches.VECTOR_ROWS);
        assertThat(RowBatches.rowsFor(5_000)).isEqualTo(RowBatches.VECTOR_ROWS);
    }

    @Test
    void shouldKeepABatchWithinItsBytesUnlessOneVectorIsMore() {
        for (int columns = 1; columns <= 2_000; columns++) {
            int rows = RowBatches.rowsFor(columns);
            long bytes = (long) rows * (Long.BYTES + columns * (Double.BYTES + 1L));
            assertThat(rows % RowBatches.VECTOR_ROWS).isZero();
            if (rows > RowBatches.VECTOR_ROWS) {
                assertThat(bytes).isLessThanOrEqualTo(RowBatches.BATCH_BYTES);
            }
        }
    }

    @Test
    void shouldSizeABatchsArraysByItsColumns() {
        RowBatches.Batch batch = new RowBatches.Batch(4);

        assertThat(batch.times).hasSize(RowBatches.rowsFor(4));
        assertThat(batch.values).hasNumberOfRows(4);
        assertThat(batch.values[3]).hasSize(RowBatches.rowsFor(4));
        assertThat(batch.present[0]).hasSize(RowBatches.rowsFor(4));
    }
}
