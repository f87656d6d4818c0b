package io.rta.files.index;

import io.rta.files.FileOptions;
import io.rta.files.store.DuckDbFiles;
import io.rta.service.config.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code ./rta index files}: the "index in place" step of the data adapter tutorial for the file data service.
 * Exit code {@link #OK} when every file was indexed, {@link #FAILED} when any was skipped or refused.
 */
public final class FileIndex {

    public static final int OK = 0;
    public static final int FAILED = 1;
    private static final Set<String> UNITS = Set.of("ns", "us", "ms", "s");
    private static final Pattern APP = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FileIndex() {
    }

    /** @throws IllegalArgumentException naming the option that is missing or wrong */
    public static int run(String[] args, PrintStream out) throws IOException, SQLException {
        return run(IndexOptions.load(args), out);
    }

    /** @throws IllegalArgumentException naming the option that is missing or wrong */
    public static int run(Options options, PrintStream out) throws IOException, SQLException {
        Path root = root(options);
        IndexPlan.Settings settings = settings(options);
        boolean groupByDirectory = groupByDirectory(options);
        SessionPruner.Mode prune = SessionPruner.Mode.of(options.getString(IndexOptions.PRUNE));
        try (IndexClients clients = new IndexClients(options);
             DuckDbFiles files = new DuckDbFiles(root, options.getString(FileOptions.ENGINE_MEMORY))) {
            FileIndexer.Outcome outcome = new FileIndexer(root, files, clients, settings, groupByDirectory, prune,
                    out).run();
            out.flush();
            return outcome.failed() ? FAILED : OK;
        }
    }

    private static Path root(Options options) throws IOException {
        String root = options.getString(IndexOptions.ROOT).strip();
        if (root.isEmpty()) {
            throw new IllegalArgumentException("option Root is required: the directory to index");
        }
        Path path = Path.of(root);
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("option Root '" + root + "' is not a directory");
        }
        return path.toRealPath();
    }

    /** {@code GroupBy}: {@code file} (a session per file) or {@code directory} (per directory). */
    static boolean groupByDirectory(Options options) {
        String group = options.getString(IndexOptions.GROUP_BY).strip().toLowerCase(Locale.ROOT);
        if (!group.equals("file") && !group.equals("directory")) {
            throw new IllegalArgumentException("option GroupBy '" + options.getString(IndexOptions.GROUP_BY)
                    + "': use file or directory");
        }
        return group.equals("directory");
    }

    static IndexPlan.Settings settings(Options options) {
        String source = options.getString(IndexOptions.DATA_SOURCE).strip();
        if (source.isEmpty()) {
            throw new IllegalArgumentException("option DataSource must not be empty");
        }
        String time = options.getString(IndexOptions.TIME_COLUMN).strip();
        if (time.isEmpty()) {
            throw new IllegalArgumentException("option TimeColumn must not be empty");
        }
        String unit = options.getString(IndexOptions.TIME_UNIT).strip().toLowerCase(Locale.ROOT);
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("option TimeUnit '" + options.getString(IndexOptions.TIME_UNIT)
                    + "': use ns, us, ms or s");
        }
        String app = options.getString(IndexOptions.APP).strip();
        if (!APP.matcher(app).matches()) {
            throw new IllegalArgumentException("option App '" + app + "': use letters, digits and _, not starting "
                    + "with a digit");
        }
        String layout = options.getString(IndexOptions.LAYOUT).strip().toLowerCase(Locale.ROOT);
        if (!layout.equals("columns") && !layout.equals("row")) {
            throw new IllegalArgumentException("option Layout '" + options.getString(IndexOptions.LAYOUT)
                    + "': use columns or row");
        }
        return new IndexPlan.Settings(source, time, unit, app, layout.equals("row"));
    }
}
