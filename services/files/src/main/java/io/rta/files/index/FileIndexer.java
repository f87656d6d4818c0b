package io.rta.files.index;

import io.grpc.StatusRuntimeException;
import io.rta.files.paths.FileFormat;
import io.rta.files.paths.FileSet;
import io.rta.files.paths.RootPaths;
import io.rta.files.read.FileMapping;
import io.rta.files.read.TimeUnit;
import io.rta.files.store.DuckDbFiles;
import io.rta.files.store.FileFacts;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Indexes the Parquet and CSV files under a root, one at a time in path order: reads each file's columns, rows, time
 * span and metadata with DuckDB ({@link IndexPlan}), then publishes the config, the schema mappings and the session
 * of each file, or with {@code --GroupBy directory} of each directory's files ({@link SessionPlan}).
 * A file that cannot be indexed (unreadable, no time column, no numeric column, no rows, a name the data identity
 * cannot carry, a link out of the root) is reported by name and skipped; a file a service refuses is reported and
 * the run goes on. One line per file on {@code out}, then a summary.
 */
public final class FileIndexer {

    /** Characters that make a data identity a glob: a file named with them cannot be served by its path. */
    private static final Pattern GLOB = Pattern.compile("[*?\\[\\]{}]");

    private final Path root;
    private final RootPaths paths;
    private final DuckDbFiles files;
    private final IndexClients clients;
    private final IndexPlan.Settings settings;
    private final boolean groupByDirectory;
    private final SessionPruner.Mode prune;
    private final TimeUnit unit;
    private final PrintStream out;

    /** What a run did. */
    public record Outcome(int found, int indexed, List<String> skipped, int configsStored) {
        public boolean failed() {
            return !skipped.isEmpty();
        }
    }

    /**
     * @param groupByDirectory one session per directory holding data files, instead of one per file
     * @param prune whether to delete the sessions made by this command whose files are gone ({@link SessionPruner})
     */
    FileIndexer(Path root, DuckDbFiles files, IndexClients clients, IndexPlan.Settings settings,
                boolean groupByDirectory, SessionPruner.Mode prune, PrintStream out) {
        this.root = root;
        this.paths = new RootPaths(root, 1);
        this.files = files;
        this.clients = clients;
        this.settings = settings;
        this.groupByDirectory = groupByDirectory;
        this.prune = prune;
        this.unit = TimeUnit.valueOf(settings.timeUnit().toUpperCase(Locale.ROOT));
        this.out = out;
    }

    /** Indexes every file found: a session per file, or per directory when grouping. */
    public Outcome run() throws IOException {
        List<String> found = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        scan(found, skipped);
        boolean walked = skipped.isEmpty();
        // what stands to be pruned is decided from the sessions as they are before this run publishes any
        SessionPruner pruner = new SessionPruner(clients, settings.dataSource(), out);
        SessionPruner.Survey before = prune != SessionPruner.Mode.OFF && walked ? pruner.survey(Set.copyOf(found))
                : null;
        int total = found.size() + skipped.size();
        Set<String> republished = new java.util.HashSet<>();
        Map<String, List<String>> sessions = new TreeMap<>();
        for (String identity : found) {
            sessions.computeIfAbsent(groupByDirectory ? directory(identity) : identity, k -> new ArrayList<>())
                    .add(identity);
        }
        out.println("indexing " + found.size() + " file(s) under " + root + " into " + clients.describe()
                + (groupByDirectory ? ", one session per directory (" + sessions.size() + ")" : ""));
        int indexed = 0;
        int published = 0;
        int stored = 0;
        int number = 0;
        for (Map.Entry<String, List<String>> session : sessions.entrySet()) {
            number++;
            String prefix = "[" + number + "/" + sessions.size() + "] " + session.getKey()
                    + (groupByDirectory ? "/" : "") + ": ";
            List<IndexPlan> plans = new ArrayList<>();
            int failed = 0;
            for (String identity : session.getValue()) {
                try {
                    plans.add(plan(identity));
                } catch (Skip e) {
                    failed++;
                    skipped.add(identity + ": " + e.getMessage());
                    out.println(prefix + (groupByDirectory ? identity + ": " : "") + "SKIPPED: " + e.getMessage());
                }
            }
            if (groupByDirectory && failed > 0 && !plans.isEmpty()) {
                // without them the other files' channels would be numbered anew: the session stays as it was
                for (IndexPlan file : plans) {
                    skipped.add(file.identity() + ": its directory was not indexed");
                }
                out.println(prefix + "SKIPPED: " + failed + " of its " + session.getValue().size() + " file(s) could "
                        + "not be indexed (above), so neither are the others: their channels would be numbered "
                        + "anew; the session, if any, is left as it was");
                continue;
            }
            if (plans.isEmpty()) {
                continue;
            }
            SessionPlan plan = groupByDirectory ? SessionPlan.ofDirectory(session.getKey(), plans, settings)
                    : plans.get(0).sessionPlan();
            try {
                boolean newConfig = publish(plan);
                republished.add(plan.sessionIdentity());
                stored += newConfig ? 1 : 0;
                indexed += plans.size();
                published++;
                out.println(prefix + (groupByDirectory ? plans.size() + " file(s), " : "") + plan.rows() + " rows, "
                        + plan.channels().size() + " channels, " + instant(plan.start()) + " .. "
                        + instant(plan.end()) + " -> session " + plan.sessionIdentity() + ", config "
                        + plan.configIdentifier() + (newConfig ? " (new)" : ""));
            } catch (Skip e) {
                for (IndexPlan file : plans) {
                    skipped.add(file.identity() + ": " + e.getMessage());
                }
                out.println(prefix + "SKIPPED: " + e.getMessage());
            }
        }
        out.println("indexed " + indexed + " of " + total + " file(s)"
                + (groupByDirectory ? " into " + published + " session(s)" : "")
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped or failed")
                + "; " + stored + " new config(s)");
        if (before != null) {
            int pruned = pruner.prune(before.withoutStale(republished), prune, skipped);
            out.println("pruned " + pruned + " session(s) whose files are gone");
        } else if (prune != SessionPruner.Mode.OFF) {
            out.println("nothing pruned: part of the root could not be read, so files that are there may look gone");
        }
        return new Outcome(found.size(), indexed, List.copyOf(skipped), stored);
    }

    /** A file's directory relative to the root, {@code .} for the root itself. */
    static String directory(String identity) {
        int slash = identity.lastIndexOf('/');
        return slash < 0 ? "." : identity.substring(0, slash);
    }

    /** A file left out, and why. */
    private static final class Skip extends Exception {
        Skip(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The data files under the root (as identities, sorted); what cannot be walked goes to {@code skipped}. */
    private void scan(List<String> found, List<String> skipped) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!hidden(file) && !attributes.isDirectory()
                        && FileFormat.of(file.getFileName().toString()) != null) {
                    found.add(identity(file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                String identity = identity(file);
                skipped.add(identity + ": cannot be read (" + e.getClass().getSimpleName() + ")");
                out.println(identity + ": SKIPPED: cannot be read (" + e.getClass().getSimpleName() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private String identity(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** Reads the file and derives what to publish. */
    IndexPlan plan(String identity) throws Skip {
        if (GLOB.matcher(identity).find()) {
            throw new Skip("its path holds a glob character (* ? [ ] { }), so no data identity can name it alone",
                    null);
        }
        FileSet set;
        FileFacts facts;
        try {
            set = paths.resolve(identity);
            facts = files.describe(identity, set, new FileMapping(settings.timeColumn(), unit, List.of()));
        } catch (InvalidInputException | NotFoundException | UncheckedIOException e) {
            throw new Skip(e.getMessage(), e);
        }
        List<IndexedColumn> columns = ColumnChannels.of(facts.columns(), settings.timeColumn(), facts.metadata());
        if (columns.isEmpty()) {
            throw new Skip("no numeric column besides the time column '" + settings.timeColumn() + "' (columns: "
                    + String.join(", ", facts.columns().keySet()) + ")", null);
        }
        if (facts.minTime() == null) {
            throw new Skip("no row has a time in column '" + settings.timeColumn() + "'", null);
        }
        return new IndexPlan(identity, set.format().name().toLowerCase(Locale.ROOT), columns, facts.rows(),
                facts.minTime(), facts.maxTime(), facts.metadata(), settings);
    }

    /**
     * Config first, then the files' mappings, then the session, so nothing a session names is missing when it
     * appears.
     */
    private boolean publish(SessionPlan plan) throws Skip {
        String step = "config";
        try {
            boolean stored = clients.putConfig(plan.configIdentifier(), plan.configJson());
            for (IndexPlan file : plan.files()) {
                step = "schema mapping of " + file.identity();
                clients.mappings().putSchemaMapping(file.mapping());
            }
            step = "session";
            clients.sessions().createOrUpdateSession(plan.session());
            return stored;
        } catch (StatusRuntimeException e) {
            throw new Skip("the " + step + " was not stored: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()), e);
        }
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }
}
