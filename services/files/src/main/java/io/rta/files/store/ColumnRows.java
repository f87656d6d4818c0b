package io.rta.files.store;

import java.io.IOException;

/** Receives a scan's rows in time order: the time in ns and the selected columns' values (NaN-free; null = none). */
public interface ColumnRows {

    /**
     * One row; {@code present[i]} says whether column {@code i} has a value. The arrays are reused: read them inside
     * the call.
     */
    void row(long time, double[] values, boolean[] present) throws IOException;
}
