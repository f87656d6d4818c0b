package io.rta.influx.store;

/**
 * One row of a query result as it is parsed: the time and the values of the series' columns (column 0 is
 * {@code time}). Reused for every row of a response: read it inside {@link RowSink#row}, never keep it.
 */
public final class Row {

    private long time;
    private int columns;
    private double[] numbers = new double[8];
    private String[] texts = new String[8];
    private byte[] kinds = new byte[8];

    static final byte ABSENT = 0;
    static final byte NUMBER = 1;
    static final byte TEXT = 2;

    void reset(int columns) {
        this.columns = columns;
        if (kinds.length < columns) {
            numbers = new double[columns];
            texts = new String[columns];
            kinds = new byte[columns];
        }
        java.util.Arrays.fill(kinds, 0, columns, ABSENT);
    }

    void time(long time) {
        this.time = time;
    }

    void number(int column, double value) {
        kinds[column] = NUMBER;
        numbers[column] = value;
    }

    void text(int column, String value) {
        kinds[column] = TEXT;
        texts[column] = value;
    }

    /** Nanoseconds since the epoch. */
    public long time() {
        return time;
    }

    public int columns() {
        return columns;
    }

    /** Whether the column holds a number (an integer, float, or boolean as 1 / 0). */
    public boolean isNumber(int column) {
        return kinds[column] == NUMBER;
    }

    /** Whether the column holds a value of any type (null is no value). */
    public boolean isPresent(int column) {
        return kinds[column] != ABSENT;
    }

    public double number(int column) {
        return numbers[column];
    }

    /** The column's string value, or null when it holds none. */
    public String text(int column) {
        return kinds[column] == TEXT ? texts[column] : null;
    }
}
