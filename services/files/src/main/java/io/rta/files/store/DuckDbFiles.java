package io.rta.files.store;

import io.rta.files.paths.FileFormat;
import io.rta.files.paths.FileSet;
import io.rta.files.read.FileMapping;
import io.rta.files.read.TimeUnit;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.lifecycle.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Parquet and CSV files in place with DuckDB (an in-process, in-memory database that only ever reads the
 * files): only the mapped columns are selected and the time bounds go into the {@code WHERE} on the time column's
 * own values, so Parquet row groups outside them are skipped; results are streamed (DuckDB's streaming result set,
 * handed on in batches of one to four vectors' rows: {@link RowBatches}, fetched on a thread of their own while the
 * reader's thread encodes them: {@link FetchAhead}), so memory does not grow with the file. Files whose rows are in
 * time order already (as loggers write them; {@link #bounds} tells) are read in their own order; others are sorted by
 * time (then by value, so rows with equal times come out the same way each time), a sort that spills to DuckDB's
 * temporary directory beyond {@code EngineMemoryLimit}.
 *
 * <p>Error messages from DuckDB have the root replaced by {@code <Root>}: no path beyond the identity is shown.
 */
public final class DuckDbFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbFiles.class);

    /** Start of an engine's temporary directory's name, then the process id and {@code -}. */
    static final String SPILL_PREFIX = "rta-file-data-service-duckdb-";
    private static final Pattern STALE_SPILL = Pattern.compile(Pattern.quote(SPILL_PREFIX) + "(\\d{1,18})-.*");

    /** Rows a fetch asks for (DuckDB streams in vectors of 2048 rows whatever it is). */
    static final int FETCH_SIZE = 8192;

    private final DuckDBConnection database;
    private final Path root;
    /** DuckDB's temporary directory (sorts spill there), this engine's own: removed by {@link #close}. */
    private final Path spill;
    /** The scans' fetching threads (one per scan running), see {@link FetchAhead}. */
    private final ExecutorService fetchers = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable run) {
            Thread thread = new Thread(run, "file-scan-fetch-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });
    private final FetchAhead fetchAhead = new FetchAhead(fetchers);

    /** An engine with DuckDB's own thread count (one per core). */
    public DuckDbFiles(Path root, String memoryLimit) throws SQLException {
        this(root, memoryLimit, 0);
    }

    /**
     * @param threads DuckDB's {@code threads}, the thread running a statement included; 0 for DuckDB's default (one
     *                per core). With 1 a streamed scan runs on the thread fetching its rows: measured on 2 cores with
     *                the reader on the same machine ({@code bench files}), a read took 0.35 s instead of 0.40 s and
     *                0.64 instead of 0.80 CPU seconds, the second thread's read-ahead having competed with the chunk
     *                encoding and the client.
     */
    public DuckDbFiles(Path root, String memoryLimit, int threads) throws SQLException {
        this.root = root;
        try {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            removeStaleSpills(temp);
            this.spill = Files.createTempDirectory(temp, SPILL_PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create DuckDB's temporary directory under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        properties.setProperty("memory_limit", memoryLimit);
        if (threads > 0) {
            properties.setProperty("threads", Integer.toString(threads));
        }
        try {
            this.database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
        } catch (SQLException | RuntimeException e) {
            removeSpill();
            throw e;
        }
        confine(root);
    }

    /**
     * A second wall behind {@link io.rta.files.paths.RootPaths}: DuckDB itself may read only under the root (and
     * write only its temporary files), and no statement can change that.
     */
    private void confine(Path root) throws SQLException {
        Path temp = spill;
        try (Statement statement = database.createStatement()) {
            statement.execute("SET temp_directory = " + literal(temp.toString()));
            statement.execute("SET allowed_directories = [" + literal(root + "/") + ", " + literal(temp + "/") + "]");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            database.close();
            removeSpill();
            throw e;
        }
    }

    /**
     * The time span of the files' data and whether their rows already come in time order.
     *
     * @param low first time, ns
     * @param high last time, ns (inclusive)
     * @param ordered whether the rows, in the files' own order (DuckDB keeps it for a statement without
     *     {@code ORDER BY}: {@code preserve_insertion_order} is on), never go back in time, so a scan need not sort
     */
    public record Span(long low, long high, boolean ordered) {
    }

    /**
     * The files' {@link Span}, or null when they hold no row with a time. The time column is streamed once (a file's
     * span is cached by its caller per version), so loggers' files, written in time order, are read without a sort.
     */
    public Span bounds(String identity, FileSet files, FileMapping mapping) {
        Map<String, String> types = columns(identity, files);
        String time = timeExpression(identity, files, mapping, types);
        String sql = "SELECT t FROM (SELECT " + time + " AS t FROM " + source(files, mapping.timeColumn(),
                TimeColumn.of(types.get(mapping.timeColumn()))) + ") WHERE t IS NOT NULL";
        try (Connection connection = database.duplicate(); Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery(sql)) {
                if (!rows.next()) {
                    return null;
                }
                long low = rows.getLong(1);
                long high = low;
                long last = low;
                boolean ordered = true;
                while (rows.next()) {
                    long t = rows.getLong(1);
                    ordered &= t >= last;
                    low = Math.min(low, t);
                    high = Math.max(high, t);
                    last = t;
                }
                return new Span(low, high, ordered);
            }
        } catch (SQLException e) {
            throw refused(identity, e);
        }
    }

    /**
     * What the index needs to know of the files: their columns, rows, time span (by {@code mapping}'s time column
     * and unit) and, for Parquet, the key-value metadata of their footers (the first file's value wins for a key).
     *
     * @throws InvalidInputException when the time column is missing or not a time, or DuckDB cannot read the files
     */
    public FileFacts describe(String identity, FileSet files, FileMapping mapping) {
        Map<String, String> types = columns(identity, files);
        String time = timeExpression(identity, files, mapping, types);
        String sql = "SELECT count(*), min(t), max(t) FROM (SELECT " + time + " AS t FROM " + source(files,
                mapping.timeColumn(), TimeColumn.of(types.get(mapping.timeColumn()))) + ")";
        try (Connection connection = database.duplicate(); Statement statement = connection.createStatement()) {
            long count;
            Long low;
            Long high;
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                count = rows.getLong(1);
                low = rows.getObject(2) == null ? null : rows.getLong(2);
                high = rows.getObject(3) == null ? null : rows.getLong(3);
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            if (files.format() == FileFormat.PARQUET) {
                try (ResultSet rows = statement.executeQuery("SELECT key, value FROM parquet_kv_metadata("
                        + list(files) + ") ORDER BY file_name")) {
                    while (rows.next()) {
                        metadata.putIfAbsent(text(rows.getBytes(1)), text(rows.getBytes(2)));
                    }
                }
            }
            return new FileFacts(types, count, low, high, metadata);
        } catch (SQLException e) {
            throw refused(identity, e);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Streams the rows of {@code [low, high)} (ns) of the mapping's columns to {@code rows}, in time order.
     *
     * @param ordered the files' rows are in time order already ({@link Span#ordered()}): they are not sorted again
     * @throws InvalidInputException when a mapped column is not in the files or DuckDB cannot read them
     */
    public void scan(String identity, FileSet files, FileMapping mapping, long low, long high, boolean ordered,
                     ColumnRows rows) throws IOException {
        Map<String, String> types = columns(identity, files);
        List<String> selected = mapping.selectedColumns();
        for (String column : selected) {
            if (!types.containsKey(column)) {
                throw new InvalidInputException("data identity '" + identity + "' has no column '" + column
                        + "' (mapped to channel " + mapping.columns().stream().filter(c -> c.column().equals(column))
                        .findFirst().orElseThrow().channel() + ")");
            }
        }
        String time = quote(mapping.timeColumn());
        String nanos = timeExpression(identity, files, mapping, types);
        TimeColumn kind = TimeColumn.of(types.get(mapping.timeColumn()));
        StringBuilder sql = new StringBuilder("SELECT t");
        for (int i = 0; i < selected.size(); i++) {
            sql.append(", v").append(i);
        }
        sql.append(" FROM (SELECT ").append(nanos).append(" AS t");
        for (int i = 0; i < selected.size(); i++) {
            sql.append(", TRY_CAST(").append(quote(selected.get(i))).append(" AS DOUBLE) AS v").append(i);
        }
        sql.append(" FROM ").append(source(files, mapping.timeColumn(), kind));
        // the bounds on the column's own values first, so Parquet statistics skip row groups; then exactly on ns
        if (kind == TimeColumn.INTEGER) {
            sql.append(" WHERE ").append(time).append(" >= ? AND ").append(time).append(" < ?");
        } else if (kind == TimeColumn.DECIMAL) {
            sql.append(" WHERE ").append(time).append(" >= ? AND ").append(time).append(" <= ?");
        }
        sql.append(") WHERE t >= ? AND t < ?");
        if (!ordered) {
            // equal times ordered by their values, so every read of them gives the same chunks
            sql.append(" ORDER BY t");
            for (int i = 0; i < selected.size(); i++) {
                sql.append(", v").append(i).append(" NULLS LAST");
            }
        }
        String query = sql.toString();
        FetchAhead.Fetch fetch = (first, exchange) -> {
            try (Connection connection = database.duplicate();
                 PreparedStatement statement = connection.prepareStatement(query)) {
                bind(statement, kind, mapping.unit(), low, high);
                RowBatches.read(statement, first, exchange);
            }
        };
        try {
            fetchAhead.scan(selected.size(), fetch, rows);
        } catch (SQLException e) {
            throw refused(identity, e);
        }
    }

    /** Receives an event scan's rows in time order. */
    public interface EventRows {

        /**
         * One row where at least one source column has a value.
         *
         * @param time     ns
         * @param sources  each source column's value as text (null: none), in the order asked for
         * @param textual  whether each source column holds text (its value is then an event's status text)
         * @param data     each data column's value as a number (NaN: none or not a number)
         */
        void row(long time, String[] sources, boolean[] textual, double[] data) throws IOException;
    }

    /**
     * Streams the rows of {@code [low, high)} (ns) where any of {@code sources} has a value (a number's NaN is none),
     * with those columns as text and {@code data} as numbers (the time column among them: NaN), in time order, then
     * by the sources' and the data's values, so equal times come out the same way each time. Rows are read on the
     * caller's thread (events are meant to be sparse; the chunker bounds what is held).
     *
     * @param timing the time column and unit (its columns are not read)
     * @throws InvalidInputException when a column is not in the files or DuckDB cannot read them
     */
    public void events(String identity, FileSet files, FileMapping timing, List<String> sources, List<String> data,
                       long low, long high, EventRows rows) throws IOException {
        Map<String, String> types = columns(identity, files);
        for (String column : Stream.concat(sources.stream(), data.stream()).toList()) {
            if (!types.containsKey(column)) {
                throw new InvalidInputException("data identity '" + identity + "' has no column '" + column
                        + "' (named by an event mapping)");
            }
        }
        String time = quote(timing.timeColumn());
        String nanos = timeExpression(identity, files, timing, types);
        TimeColumn kind = TimeColumn.of(types.get(timing.timeColumn()));
        boolean[] textual = new boolean[sources.size()];
        StringBuilder sql = new StringBuilder("SELECT t");
        StringBuilder inner = new StringBuilder(" FROM (SELECT ").append(nanos).append(" AS t");
        StringBuilder any = new StringBuilder();
        StringBuilder order = new StringBuilder(" ORDER BY t");
        for (int i = 0; i < sources.size(); i++) {
            String type = types.get(sources.get(i)).strip().toUpperCase(Locale.ROOT);
            textual[i] = type.equals("VARCHAR") || type.startsWith("VARCHAR(");
            sql.append(", s").append(i);
            String column = quote(sources.get(i));
            if (textual[i]) {
                inner.append(", ").append(column).append(" AS s").append(i);
            } else {
                // a number's NaN is no value (as a point without the field in InfluxDB)
                inner.append(", CASE WHEN isnan(TRY_CAST(").append(column).append(" AS DOUBLE)) THEN NULL ELSE CAST(")
                        .append(column).append(" AS VARCHAR) END AS s").append(i);
            }
            any.append(i == 0 ? "" : " OR ").append('s').append(i).append(" IS NOT NULL");
            order.append(", s").append(i).append(" NULLS LAST");
        }
        for (int i = 0; i < data.size(); i++) {
            sql.append(", d").append(i);
            order.append(", d").append(i).append(" NULLS LAST");
            // the time column is no event data (InfluxDB's time is not a field either): NaN
            inner.append(data.get(i).equals(timing.timeColumn()) ? ", NULL::DOUBLE" : ", TRY_CAST("
                    + quote(data.get(i)) + " AS DOUBLE)").append(" AS d").append(i);
        }
        inner.append(" FROM ").append(source(files, timing.timeColumn(), kind));
        if (kind == TimeColumn.INTEGER) {
            inner.append(" WHERE ").append(time).append(" >= ? AND ").append(time).append(" < ?");
        } else if (kind == TimeColumn.DECIMAL) {
            inner.append(" WHERE ").append(time).append(" >= ? AND ").append(time).append(" <= ?");
        }
        sql.append(inner).append(") WHERE t >= ? AND t < ? AND (").append(any).append(')').append(order);
        try (Connection connection = database.duplicate();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            bind(statement, kind, timing.unit(), low, high);
            try (ResultSet result = statement.executeQuery()) {
                String[] texts = new String[sources.size()];
                double[] values = new double[data.size()];
                while (result.next()) {
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = result.getString(2 + i);
                    }
                    for (int i = 0; i < values.length; i++) {
                        double value = result.getDouble(2 + texts.length + i);
                        values[i] = result.wasNull() ? Double.NaN : value;
                    }
                    rows.row(result.getLong(1), texts, textual, values);
                }
            }
        } catch (SQLException e) {
            throw refused(identity, e);
        }
    }

    /** The scan's parameters: the bounds on the time column's own values (if any), then exactly on ns. */
    private static void bind(PreparedStatement statement, TimeColumn kind, TimeUnit unit, long low, long high)
            throws SQLException {
        int parameter = 1;
        if (kind == TimeColumn.INTEGER) {
            statement.setLong(parameter++, unit.ceilOf(low));
            statement.setLong(parameter++, unit.ceilOf(high));
        } else if (kind == TimeColumn.DECIMAL) {
            // a little wider than the bounds (double rounding); the exact test is on t
            double from = (double) low / unit.nanos();
            double to = (double) high / unit.nanos();
            statement.setDouble(parameter++, from - Math.abs(from) * 1e-12 - 1e-9);
            statement.setDouble(parameter++, to + Math.abs(to) * 1e-12 + 1e-9);
        }
        statement.setLong(parameter++, low);
        statement.setLong(parameter, high);
        statement.setFetchSize(FETCH_SIZE);
    }

    /** The files' columns and their DuckDB types, in the files' order. */
    Map<String, String> columns(String identity, FileSet files) {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection connection = database.duplicate(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM " + source(files, null, null))) {
            while (rows.next()) {
                types.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        } catch (SQLException e) {
            throw refused(identity, e);
        }
        return types;
    }

    private static String timeExpression(String identity, FileSet files, FileMapping mapping,
                                         Map<String, String> types) {
        String type = types.get(mapping.timeColumn());
        if (type == null) {
            throw new InvalidInputException("data identity '" + identity + "' has no time column '"
                    + mapping.timeColumn() + "' (properties[\"time_column\"] names it; default time)");
        }
        TimeColumn kind = TimeColumn.of(type);
        if (kind == null) {
            throw new InvalidInputException("data identity '" + identity + "' has a time column '"
                    + mapping.timeColumn() + "' of type " + type + ": it must hold numbers (or timestamps)");
        }
        return kind.nanos(quote(mapping.timeColumn()), mapping.unit());
    }

    /**
     * The table function reading the files. A CSV time column that looks decimal is read as {@code DECIMAL(38,9)},
     * not the sniffed {@code DOUBLE}: seconds since the epoch with nanoseconds need 19 digits, a double keeps 16.
     */
    private static String source(FileSet files, String timeColumn, TimeColumn kind) {
        String list = list(files);
        if (files.format() == FileFormat.PARQUET) {
            return "read_parquet(" + list + ", union_by_name = true)";
        }
        String types = kind == TimeColumn.DECIMAL ? ", types = {" + literal(timeColumn) + ": 'DECIMAL(38,9)'}" : "";
        return "read_csv(" + list + ", header = true, union_by_name = true" + types + ")";
    }

    private static String list(FileSet files) {
        return files.files().stream().map(path -> literal(globEscaped(path.toString())))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * A file's path as DuckDB's readers take it for that one file: they read each path given as a pattern, so
     * {@code *}, {@code ?} and {@code [} in a name are put in brackets ({@code run[1].csv} would read
     * {@code run1.csv}). The files were matched already ({@link io.rta.files.paths.RootPaths}).
     */
    static String globEscaped(String path) {
        if (path.indexOf('\\') >= 0 && (path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0)) {
            // a pattern's backslashes are escapes and separators to DuckDB: such a name cannot be said to it
            throw new InvalidInputException("the file '" + Path.of(path).getFileName() + "' cannot be read: its path "
                    + "holds both a backslash and one of *, ? or [");
        }
        StringBuilder escaped = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                escaped.append('[').append(c).append(']');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private InvalidInputException refused(String identity, SQLException e) {
        String message = String.valueOf(e.getMessage()).replace(root.toString(), "<Root>")
                .replace(spill.toString(), "<temporary directory>");
        return new InvalidInputException("data identity '" + identity + "' could not be read: "
                + message.lines().findFirst().orElse("").strip(), e);
    }

    /**
     * Removes the temporary directories that engines of processes no longer running left in {@code temp} (a killed
     * service cannot remove its own): their names carry their process id. A directory of a live process, or one
     * named otherwise (an older version's, without the id), is left alone.
     */
    static void removeStaleSpills(Path temp) {
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher name = STALE_SPILL.matcher(entry.getFileName().toString());
                if (name.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    LOG.info("Removing DuckDB's temporary directory {}, left by process {} which is no longer running",
                            entry, name.group(1));
                    Directories.deleteRecursively(entry, "DuckDB's temporary files", LOG);
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            LOG.warn("Could not look for DuckDB temporary directories left by stopped processes in {}: {}", temp,
                    e.toString());
        }
    }

    /** This engine's temporary directory. */
    Path spillDirectory() {
        return spill;
    }

    /** Removes the temporary directory and whatever DuckDB left in it. */
    private void removeSpill() {
        Directories.deleteRecursively(spill, "DuckDB's temporary files", LOG);
    }

    /** DuckDB's {@code threads} setting in effect. */
    long threads() throws SQLException {
        try (Connection connection = database.duplicate(); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("SELECT current_setting('threads')")) {
            setting.next();
            return setting.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        fetchers.shutdownNow();
        try {
            database.close();
        } finally {
            removeSpill();
        }
    }
}
