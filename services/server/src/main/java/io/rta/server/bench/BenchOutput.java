package io.rta.server.bench;

import io.rta.service.config.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark's report goes ({@link BenchOptions#JSON}): the table to stdout; with {@code --Json} alone, the
 * JSON to stdout and the table to stderr (so stdout is one JSON document for a pipe); with {@code --Json <file>},
 * the table to stdout and the JSON to the file.
 */
final class BenchOutput {

    /** What {@code --Json} without a value reads as (a bare option is "true"). */
    private static final String TO_STDOUT = "true";
    private static final String OFF = "false";

    private final String json;

    private BenchOutput(String json) {
        this.json = json;
    }

    /** The destination {@code options} name; checked before the run, so a bad path costs no run. */
    static BenchOutput of(Options options) {
        String json = options.getString(BenchOptions.JSON).trim();
        if (!json.isEmpty() && !json.equalsIgnoreCase(TO_STDOUT) && !json.equalsIgnoreCase(OFF)) {
            Path parent = Path.of(json).toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("Option " + BenchOptions.JSON.name() + " = '" + json
                        + "': directory " + parent + " does not exist");
            }
        }
        return new BenchOutput(json.equalsIgnoreCase(OFF) ? "" : json);
    }

    /**
     * Prints the report, last, and returns the process exit code ({@link BenchReport#exitCode}).
     *
     * @throws IOException when the JSON file cannot be written (the table is printed first)
     */
    int publish(BenchReport report, PrintStream out, PrintStream err) throws IOException {
        if (json.equalsIgnoreCase(TO_STDOUT)) {
            err.print(report.render());
            err.flush();
            out.print(report.toJson());
            out.flush();
            return report.exitCode();
        }
        out.print(report.render());
        out.flush();
        if (!json.isEmpty()) {
            Files.writeString(Path.of(json), report.toJson(), StandardCharsets.UTF_8);
            err.println("bench: results written to " + Path.of(json).toAbsolutePath());
        }
        return report.exitCode();
    }
}
