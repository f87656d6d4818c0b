package io.rta.files.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.files.paths.FileSet;
import io.rta.files.paths.RootPaths;
import io.rta.files.read.ColumnMapping;
import io.rta.files.read.FileMapping;
import io.rta.files.read.TimeUnit;
import io.rta.service.chunks.SampleType;
import io.rta.service.errors.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbFilesTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path temp;
    private Path root;
    private RootPaths paths;
    private DuckDbFiles files;

    @BeforeEach
    void open() throws IOException, SQLException {
        root = temp.toRealPath();
        paths = new RootPaths(root, 10);
        files = new DuckDbFiles(root, "256MB");
    }

    @AfterEach
    void close() throws SQLException {
        files.close();
    }

    /** Rows 0..9 at T0 + i ms (written in reverse order): x = i / 2, y = i * 10 on even rows only. */
    private void parquet(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT " + T0 + " + i * 1000000 AS time, i / 2 AS x, CASE WHEN i % 2 = 0 THEN "
                    + "i * 10 END AS y, 'text' AS label FROM range(9, -1, -1) t(i)) TO '" + root.resolve(name)
                    + "' (FORMAT PARQUET)");
        }
    }

    private static FileMapping mapping(String time, TimeUnit unit, String... columns) {
        List<ColumnMapping> mapped = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            mapped.add(new ColumnMapping(columns[i], i, SampleType.DOUBLE));
        }
        return new FileMapping(time, unit, mapped);
    }

    /** The rows, sorted by DuckDB; when the files are in time order, also read in their order: the same rows. */
    private List<String> scan(String identity, FileMapping mapping, long low, long high) throws IOException {
        FileSet set = paths.resolve(identity);
        List<String> sorted = scan(identity, set, mapping, low, high, false);
        DuckDbFiles.Span span = files.bounds(identity, set, mapping);
        if (span != null && span.ordered()) {
            assertThat(scan(identity, set, mapping, low, high, true)).isEqualTo(sorted);
        }
        return sorted;
    }

    private List<String> scan(String identity, FileSet set, FileMapping mapping, long low, long high,
                              boolean ordered) throws IOException {
        List<String> rows = new ArrayList<>();
        files.scan(identity, set, mapping, low, high, ordered, (count, times, values, present) -> {
            for (int r = 0; r < count; r++) {
                StringBuilder row = new StringBuilder(Long.toString(times[r] - T0));
                for (int i = 0; i < values.length; i++) {
                    boolean has = present[i] == null || present[i][r];
                    row.append(' ').append(has ? Double.toString(values[i][r]) : "-");
                }
                rows.add(row.toString());
            }
        });
        return rows;
    }

    @Test
    void shouldReadTheMappedParquetColumnsOfATimeRangeInTimeOrder() throws Exception {
        parquet("run.parquet");

        assertThat(scan("run.parquet", mapping("time", TimeUnit.NS, "y", "x"), T0 + 2_000_000, T0 + 5_000_000))
                .containsExactly("2000000 20.0 1.0", "3000000 - 1.5", "4000000 40.0 2.0");
        assertThat(scan("run.parquet", mapping("time", TimeUnit.NS, "x"), Long.MIN_VALUE, Long.MAX_VALUE))
                .hasSize(10).first().isEqualTo("0 0.0");
        assertThat(scan("run.parquet", mapping("time", TimeUnit.NS, "label"), T0, T0 + 1)).containsExactly("0 -");
        assertThat(files.bounds("run.parquet", paths.resolve("run.parquet"), mapping("time", TimeUnit.NS, "x")))
                .as("written in reverse: a scan must sort").isEqualTo(new DuckDbFiles.Span(T0, T0 + 9_000_000, false));
    }

    @Test
    void shouldReadEventRowsWhereASourceColumnHasAValueWithTextAndNumbers() throws Exception {
        parquet("run.parquet");
        List<String> rows = new ArrayList<>();
        FileSet set = paths.resolve("run.parquet");

        files.events("run.parquet", set, mapping("time", TimeUnit.NS), List.of("y", "label"), List.of("x", "label"),
                T0 + 1_000_000, T0 + 4_000_000, (time, sources, textual, data) -> rows.add((time - T0) + " "
                        + Arrays.asList(sources) + " " + textual[0] + textual[1] + " " + data[0] + " " + data[1]));

        // every row has a label: rows 1..3 in time order; y only on even rows; label is no number
        assertThat(rows).containsExactly("1000000 [null, text] falsetrue 0.5 NaN",
                "2000000 [20, text] falsetrue 1.0 NaN", "3000000 [null, text] falsetrue 1.5 NaN");
        // a NaN is no value; the time column as data is NaN; equal times come out in the same order every time
        Files.writeString(root.resolve("flags.csv"), "time,flag,fuel\n" + T0 + ",nan,1\n" + T0 + ",2,3\n" + T0
                + ",1,4\n" + T0 + ",1,2\n");
        List<String> flags = new ArrayList<>();
        files.events("flags.csv", paths.resolve("flags.csv"), mapping("time", TimeUnit.NS), List.of("flag"),
                List.of("fuel", "time"), T0, T0 + 1, (time, sources, textual, data) -> flags.add(sources[0] + " "
                        + textual[0] + " " + data[0] + " " + data[1]));
        assertThat(flags).containsExactly("1.0 false 2.0 NaN", "1.0 false 4.0 NaN", "2.0 false 3.0 NaN");
        assertThatThrownBy(() -> files.events("run.parquet", set, mapping("time", TimeUnit.NS), List.of("pit"),
                List.of(), T0, T0 + 1, (time, sources, textual, data) -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("data identity 'run.parquet' has no column 'pit' (named by an event mapping)");
    }

    @Test
    void shouldRemoveOnlyTheTemporaryDirectoriesOfProcessesNoLongerRunning() throws Exception {
        Path temp = Files.createDirectories(this.temp.resolve("tmp"));
        long dead = 4_000_000;
        while (ProcessHandle.of(dead).isPresent()) {
            dead--;
        }
        Path left = Files.createDirectories(temp.resolve(DuckDbFiles.SPILL_PREFIX + dead + "-123"));
        Files.writeString(left.resolve("duckdb_temp_block-1.block"), "spilled");
        Path live = Files.createDirectories(temp.resolve(DuckDbFiles.SPILL_PREFIX + ProcessHandle.current().pid()
                + "-456"));
        Path older = Files.createDirectories(temp.resolve(DuckDbFiles.SPILL_PREFIX + "789"));
        Path file = Files.writeString(temp.resolve(DuckDbFiles.SPILL_PREFIX + dead + "-file"), "not a directory");

        DuckDbFiles.removeStaleSpills(temp);

        assertThat(left).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(older).isDirectory();
        assertThat(file).isRegularFile();
        assertThat(files.spillDirectory().getFileName().toString())
                .startsWith(DuckDbFiles.SPILL_PREFIX + ProcessHandle.current().pid() + "-");
    }

    @Test
    void shouldTellFilesInTimeOrderSoTheyAreReadWithoutASort() throws Exception {
        Files.writeString(root.resolve("ordered.csv"), "time,v\n" + T0 + ",1\n" + T0 + ",0\n" + (T0 + 5) + ",\n"
                + (T0 + 7) + ",3\n");
        Files.writeString(root.resolve("shuffled.csv"), "time,v\n" + (T0 + 7) + ",3\n" + T0 + ",1\n");
        FileMapping mapping = mapping("time", TimeUnit.NS, "v");

        assertThat(files.bounds("ordered.csv", paths.resolve("ordered.csv"), mapping))
                .isEqualTo(new DuckDbFiles.Span(T0, T0 + 7, true));
        assertThat(files.bounds("shuffled.csv", paths.resolve("shuffled.csv"), mapping))
                .isEqualTo(new DuckDbFiles.Span(T0, T0 + 7, false));
        // equal times: in the file's order when not sorted, by value when sorted; each read the same
        assertThat(scan("ordered.csv", paths.resolve("ordered.csv"), mapping, T0, T0 + 8, true))
                .containsExactly("0 1.0", "0 0.0", "5 -", "7 3.0");
        assertThat(scan("shuffled.csv", paths.resolve("shuffled.csv"), mapping, T0, T0 + 8, false))
                .containsExactly("0 1.0", "7 3.0");
    }

    @Test
    void shouldReadCsvTimesInMillisecondsAndDecimalSeconds() throws Exception {
        Files.writeString(root.resolve("ms.csv"), "t_ms,speed\n" + (T0 / 1_000_000 + 1) + ",1.5\n"
                + (T0 / 1_000_000 + 2) + ",2.5\n" + (T0 / 1_000_000 + 3) + ",\n");
        Files.writeString(root.resolve("s.csv"), "stamp,speed\n1700000000.000000001,7\n1700000000.5,8\n");

        assertThat(scan("ms.csv", mapping("t_ms", TimeUnit.MS, "speed"), T0 + 1_500_000, T0 + 10_000_000))
                .containsExactly("2000000 2.5", "3000000 -");
        assertThat(scan("s.csv", mapping("stamp", TimeUnit.S, "speed"), T0, T0 + 1_000_000_000L))
                .containsExactly("1 7.0", "500000000 8.0");
        assertThat(scan("s.csv", mapping("stamp", TimeUnit.S, "speed"), T0 + 2, T0 + 1_000_000_000L))
                .containsExactly("500000000 8.0");
    }

    @Test
    void shouldReadAGlobOfFilesAsOne() throws Exception {
        Files.writeString(root.resolve("a.csv"), "time,v\n" + (T0 + 5) + ",1\n" + (T0 + 1) + ",2\n");
        Files.writeString(root.resolve("b.csv"), "time,v\n" + (T0 + 3) + ",3\n");

        assertThat(scan("*.csv", mapping("time", TimeUnit.NS, "v"), T0, T0 + 10))
                .containsExactly("1 2.0", "3 3.0", "5 1.0");
    }

    @Test
    void shouldReadAFileWhoseNameHoldsGlobCharactersAsThatFileOnly() throws Exception {
        // DuckDB takes *, ? and [ in a file name for a pattern: run[1].csv would read run1.csv instead
        Files.createDirectories(root.resolve("g"));
        Files.writeString(root.resolve("g/run[1].csv"), "time,v\n" + (T0 + 1) + ",1\n");
        Files.writeString(root.resolve("g/run1.csv"), "time,v\n" + (T0 + 2) + ",2\n");
        Files.writeString(root.resolve("g/a?b*.csv"), "time,v\n" + (T0 + 3) + ",3\n");
        Files.writeString(root.resolve("g/axbyz.csv"), "time,v\n" + (T0 + 4) + ",4\n");

        assertThat(scan("g/run?1?.csv", mapping("time", TimeUnit.NS, "v"), T0, T0 + 10))
                .containsExactly("1 1.0");
        assertThat(scan("g/a[?]b[*].csv", mapping("time", TimeUnit.NS, "v"), T0, T0 + 10))
                .containsExactly("3 3.0");
        assertThat(scan("g/*.csv", mapping("time", TimeUnit.NS, "v"), T0, T0 + 10))
                .containsExactly("1 1.0", "2 2.0", "3 3.0", "4 4.0");
        // a backslash as well: DuckDB would take it for an escape or a separator
        Files.writeString(root.resolve("g/b\\x[2].csv"), "time,v\n" + (T0 + 5) + ",5\n");
        assertThatThrownBy(() -> scan("g/b*.csv", mapping("time", TimeUnit.NS, "v"), T0, T0 + 10))
                .isInstanceOf(InvalidInputException.class).hasMessage("the file 'b\\x[2].csv' cannot be read: its "
                        + "path holds both a backslash and one of *, ? or [");
    }

    @Test
    void shouldHandOnManyVectorsOfRowsWithAndWithoutGaps() throws Exception {
        int rows = 10_000;
        StringBuilder csv = new StringBuilder("time,full,gaps\n");
        for (int i = 0; i < rows; i++) {
            csv.append(T0 + i).append(',').append(i).append(',').append(i % 7 == 0 ? "" : Integer.toString(i))
                    .append('\n');
        }
        Files.writeString(root.resolve("long.csv"), csv);

        List<String> read = scan("long.csv", mapping("time", TimeUnit.NS, "full", "gaps"), T0, T0 + rows);

        assertThat(read).hasSize(rows);
        for (int i = 0; i < rows; i += 997) {
            assertThat(read.get(i)).isEqualTo(i + " " + (double) i + " " + (i % 7 == 0 ? "-" : Double.toString(i)));
        }
    }

    @Test
    void shouldRunConcurrentReadsEachOnItsOwnThreadWithAOneThreadEngine() throws Exception {
        // EngineThreads 1 (the service's default): no worker threads, each scan runs on the thread fetching its rows;
        // two reads at once must both finish with every row, one streamed in file order and one DuckDB must sort
        int rows = 300_000;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT " + T0 + " + i AS time, i AS v FROM range(" + rows + ") t(i)) TO '"
                    + root.resolve("up.parquet") + "' (FORMAT PARQUET)");
            statement.execute("COPY (SELECT " + T0 + " + i AS time, i AS v FROM range(" + (rows - 1)
                    + ", -1, -1) t(i)) TO '" + root.resolve("down.parquet") + "' (FORMAT PARQUET)");
        }
        FileMapping mapping = mapping("time", TimeUnit.NS, "v");
        try (DuckDbFiles oneThread = new DuckDbFiles(root, "256MB", 1)) {
            assertThat(oneThread.threads()).isEqualTo(1);
            assertThat(files.threads()).as("DuckDB's default: a thread per core")
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<long[]>> reads = new ArrayList<>();
                for (String file : List.of("up.parquet", "down.parquet")) {
                    reads.add(pool.submit(() -> {
                        FileSet set = paths.resolve(file);
                        long[] seen = {0, 0, Long.MIN_VALUE}; // rows, sum of values, last time (in order?)
                        oneThread.scan(file, set, mapping, T0, T0 + rows, false, (count, times, values, present) -> {
                            for (int r = 0; r < count; r++) {
                                assertThat(times[r]).isGreaterThanOrEqualTo(seen[2]);
                                seen[2] = times[r];
                                seen[0]++;
                                seen[1] += (long) values[0][r];
                            }
                        });
                        return seen;
                    }));
                }
                for (java.util.concurrent.Future<long[]> read : reads) {
                    long[] seen = read.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(seen[0]).isEqualTo(rows);
                    assertThat(seen[1]).isEqualTo((long) rows * (rows - 1) / 2);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldSpillASortToItsOwnTemporaryDirectoryAndRemoveItOnClose() throws Exception {
        // 3 M rows written in reverse: the read must sort them, and with 64 MB of memory the sort spills
        int rows = 3_000_000;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT " + T0 + " + i AS time, i AS v, i * 2 AS w FROM range(" + (rows - 1)
                    + ", -1, -1) t(i)) TO '" + root.resolve("reverse.parquet") + "' (FORMAT PARQUET)");
        }
        DuckDbFiles small = new DuckDbFiles(root, "64MB", 1);
        Path spill = small.spillDirectory();
        assertThat(spill).isDirectory().isNotEqualTo(files.spillDirectory());
        boolean[] spilled = {false};
        long[] seen = {0, Long.MIN_VALUE};
        try {
            small.scan("reverse.parquet", paths.resolve("reverse.parquet"), mapping("time", TimeUnit.NS, "v", "w"), T0,
                    T0 + rows, false, (count, times, values, present) -> {
                        if (!spilled[0]) {
                            try (java.util.stream.Stream<Path> inside = Files.list(spill)) {
                                spilled[0] = inside.findAny().isPresent();
                            }
                        }
                        for (int r = 0; r < count; r++) {
                            assertThat(times[r]).isGreaterThan(seen[1]);
                            seen[1] = times[r];
                        }
                        seen[0] += count;
                    });
        } finally {
            small.close();
        }

        assertThat(seen[0]).isEqualTo(rows);
        assertThat(spilled[0]).as("the sort spilled to the engine's directory").isTrue();
        assertThat(spill).doesNotExist();
        assertThat(files.spillDirectory()).as("another engine's directory stays").isDirectory();
    }

    @Test
    void shouldFailAReadThatBreaksPartWayRatherThanAnswerShort() throws Exception {
        // the sniffer sees integers; row 1,950,000 is not one: DuckDB fails after rows were handed on (its data chunk
        // interface, tried, then reports it only on the result: without a check, a short answer)
        StringBuilder csv = new StringBuilder("time,v\n");
        for (int i = 0; i < 2_000_000; i++) {
            csv.append(i == 1_950_000 ? "soon" : Long.toString(T0 + i)).append(',').append(i).append('\n');
        }
        Files.writeString(root.resolve("broken-late.csv"), csv);
        FileSet set = paths.resolve("broken-late.csv");
        long[] seen = new long[1];

        assertThatThrownBy(() -> files.scan("broken-late.csv", set, mapping("time", TimeUnit.NS, "v"), T0,
                T0 + 2_000_000, true, (count, times, values, present) -> seen[0] += count))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("data identity 'broken-late.csv' could not be read: ")
                .hasMessageContaining("Line: 1950002");
        assertThat(seen[0]).isLessThan(2_000_000);
    }

    @Test
    void shouldLetDuckDbItselfReadNothingOutsideTheRoot() throws Exception {
        Path outside = Files.createTempDirectory("files-outside-").toRealPath();
        Files.writeString(outside.resolve("secret.csv"), "time,v\n1,2\n");
        FileSet smuggled = new FileSet(io.rta.files.paths.FileFormat.CSV, List.of(outside.resolve("secret.csv")),
                List.of("0:0"));

        assertThatThrownBy(() -> files.scan("secret.csv", smuggled, mapping("time", TimeUnit.NS, "v"), 0, 10, false,
                (count, times, values, present) -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("could not be read")
                .hasMessageMatching("(?is).*(permission|not allowed|disabled).*");
    }

    @Test
    void shouldRefuseAMissingColumnOrAnUnusableTimeColumnNamingThemAndNotTheRoot() throws Exception {
        parquet("run.parquet");
        Files.writeString(root.resolve("bad.csv"), "time,v\nsoon,1\n");

        assertThatThrownBy(() -> scan("run.parquet", mapping("time", TimeUnit.NS, "x", "nope"), T0, T0 + 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("data identity 'run.parquet' has no column 'nope' (mapped to channel 1)");
        assertThatThrownBy(() -> scan("run.parquet", mapping("ts", TimeUnit.NS, "x"), T0, T0 + 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no time column 'ts'");
        assertThatThrownBy(() -> scan("bad.csv", mapping("time", TimeUnit.NS, "v"), T0, T0 + 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("of type VARCHAR");
        Files.writeString(root.resolve("broken.parquet"), "not parquet at all");
        assertThatThrownBy(() -> scan("broken.parquet", mapping("time", TimeUnit.NS, "v"), T0, T0 + 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("data identity 'broken.parquet' "
                        + "could not be read: ").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(root.toString()));
    }

    @Test
    void shouldDescribeColumnsRowsTimeSpanAndParquetMetadata() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT " + T0 + " + i * 1000000 AS time, (i * 0.5)::DOUBLE AS speed, "
                    + "'x' AS label FROM range(10) t(i)) TO '" + root.resolve("meta.parquet")
                    + "' (FORMAT PARQUET, KV_METADATA "
                    + "{'unit:speed': 'm/s²', driver: 'Ann'})");
        }
        Files.writeString(root.resolve("plain.csv"), "t,speed\n3,1.5\n1,2\n,4\n");

        FileFacts parquet = files.describe("meta.parquet", paths.resolve("meta.parquet"),
                mapping("time", TimeUnit.NS));
        FileFacts csv = files.describe("plain.csv", paths.resolve("plain.csv"), mapping("t", TimeUnit.S));

        assertThat(parquet.columns()).containsExactly(java.util.Map.entry("time", "BIGINT"),
                java.util.Map.entry("speed", "DOUBLE"), java.util.Map.entry("label", "VARCHAR"));
        assertThat(parquet.rows()).isEqualTo(10);
        assertThat(parquet.minTime()).isEqualTo(T0);
        assertThat(parquet.maxTime()).isEqualTo(T0 + 9_000_000);
        assertThat(parquet.metadata()).containsEntry("unit:speed", "m/s²").containsEntry("driver", "Ann");
        assertThat(csv.rows()).isEqualTo(3);
        assertThat(csv.minTime()).isEqualTo(1_000_000_000L);
        assertThat(csv.maxTime()).isEqualTo(3_000_000_000L);
        assertThat(csv.metadata()).isEmpty();
        assertThatThrownBy(() -> files.describe("plain.csv", paths.resolve("plain.csv"), mapping("time", TimeUnit.S)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no time column 'time'");
    }
}
