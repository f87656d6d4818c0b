package io.rta.influx.store;

import java.io.IOException;
import java.util.List;

/** Receives a query result as it is parsed, row by row, in the order InfluxDB sends them. */
public interface RowSink {

    /** A series starts (or continues, for a partial one) with these columns; column 0 is {@code time}. */
    void columns(List<String> columns) throws IOException;

    /** One row of the current series. */
    void row(Row row) throws IOException;
}
