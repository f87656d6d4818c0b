package io.rta.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.StatusRuntimeException;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.Options;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The benchmark's result: facts about the run, then one row per figure with its target and verdict (PASS, MISS), or
 * FAILED with the error when the server under test failed that step. Printed last, as a table under a header line
 * ({@link #render}), or as JSON ({@link #toJson}).
 */
final class BenchReport {

    static final String PASS = "PASS";
    static final String MISS = "MISS";
    static final String FAILED = "FAILED";
    /** The process exit code of a run with a FAILED row; a MISS is a result, not a failure. */
    static final int EXIT_FAILED = 1;

    /** A bound a figure should meet: at least or at most {@code limit}. */
    record Target(boolean atLeast, double limit, String unit) {
        static Target atLeast(double limit, String unit) {
            return new Target(true, limit, unit);
        }

        static Target atMost(double limit, String unit) {
            return new Target(false, limit, unit);
        }

        boolean isMet(double value) {
            return atLeast ? value >= limit : value <= limit;
        }

        @Override
        public String toString() {
            return (atLeast ? ">= " : "<= ") + number(limit, unit) + " " + unit;
        }
    }

    /**
     * One figure; {@code target} is null for figures shown only for context (e.g. p50); {@code error} is set (and
     * {@code value} NaN) when the step that measures it failed.
     */
    record Row(String name, double value, String unit, Target target, String error) {
        Row(String name, double value, String unit, Target target) {
            this(name, value, unit, target, null);
        }

        String verdict() {
            if (error != null) {
                return FAILED;
            }
            return target == null ? "" : target.isMet(value) ? PASS : MISS;
        }
    }

    /** A step of a benchmark that talks to the server under test. */
    interface Step {
        void run() throws Exception;
    }

    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    /** @param command what ran, e.g. {@code bench sessions}: the header names it */
    BenchReport(String command) {
        this.command = command;
    }

    BenchReport() {
        this("bench");
    }

    /** The options the run was given (secrets masked): in the JSON only, the table would drown in them. */
    BenchReport options(Options given) {
        options.putAll(EffectiveOptions.values(given));
        return this;
    }

    BenchReport fact(String name, String value) {
        facts.put(name, value);
        return this;
    }

    BenchReport row(String name, double value, String unit, Target target) {
        rows.add(new Row(name, value, unit, target));
        return this;
    }

    /** A FAILED row: the step that measures {@code name} failed with {@code error}. */
    BenchReport failed(String name, Throwable error) {
        rows.add(new Row(name, Double.NaN, "", null, message(error)));
        return this;
    }

    /** Adds the p50 and max (context) and the p99 (against the target) of a query scenario. */
    BenchReport latencies(String scenario, Latencies latencies, Target p99Target) {
        row(scenario + " p50", latencies.percentileMillis(50), "ms", null);
        row(scenario + " p99", latencies.percentileMillis(99), "ms", p99Target);
        return row(scenario + " max", latencies.maxMillis(), "ms", null);
    }

    /**
     * Runs {@code step}; when the server under test fails it (a refused or timed-out call, a wrong answer), records
     * a FAILED row named {@code name} and returns false, so the run goes on with its other steps and still prints
     * its figures. Bad options ({@link IllegalArgumentException}) and interrupts are not results: they propagate.
     */
    boolean attempt(String name, Step step) throws InterruptedException {
        try {
            step.run();
            return true;
        } catch (IllegalArgumentException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failed(name, e);
            return false;
        }
    }

    /** As {@link #attempt(String, Step)} for a step with a result; null when it failed. */
    <T> T attemptResult(String name, Callable<T> step) throws InterruptedException {
        List<T> result = new ArrayList<>(1);
        return attempt(name, () -> result.add(step.call())) ? result.get(0) : null;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** True when every figure with a target meets it and no step failed. */
    boolean allPass() {
        return rows.stream().allMatch(row -> row.verdict().isEmpty() || row.verdict().equals(PASS));
    }

    boolean anyFailed() {
        return rows.stream().anyMatch(row -> row.error() != null);
    }

    /** 0, or {@link #EXIT_FAILED} when a step failed. */
    int exitCode() {
        return anyFailed() ? EXIT_FAILED : 0;
    }

    /**
     * The report as aligned plain text: a header line, one line per fact, one per figure (a FAILED figure's error
     * indented on the next line), and a summary line.
     */
    String render() {
        String newline = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("==== rta ").append(command).append(": results ====").append(newline);
        int factWidth = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
        facts.forEach((name, value) -> text.append(String.format(Locale.ROOT, "%-" + factWidth + "s  %s%n",
                name, value)));
        text.append(newline);
        int nameWidth = Math.max("figure".length(), rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %18s  %-22s  %s";
        text.append(String.format(Locale.ROOT, format, "figure", "result", "target", "verdict").stripTrailing())
                .append(newline);
        for (Row row : rows) {
            String result = row.error() != null ? "-" : number(row.value(), row.unit()) + " " + row.unit();
            String target = row.target() == null ? "" : row.target().toString();
            text.append(String.format(Locale.ROOT, format, row.name(), result, target, row.verdict()).stripTrailing())
                    .append(newline);
            if (row.error() != null) {
                text.append("    ").append(row.error()).append(newline);
            }
        }
        text.append(String.format(Locale.ROOT, "==== %d %s, %d %s, %d %s ====%n", count(PASS), PASS, count(MISS),
                MISS, count(FAILED), FAILED));
        return text.toString();
    }

    /**
     * The report as one JSON object: {@code command}, {@code startedAt}, {@code finishedAt}, {@code machine}
     * (cores, os, arch, jvm, maxHeapBytes, loadAverage), {@code facts} (as in the table), {@code options} (every
     * option's value, secrets masked), {@code rows} (label,
     * value, unit, target {bound, limit, unit}, verdict, error), {@code summary} (pass, miss, failed) and
     * {@code exitCode}.
     */
    String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("command", command);
        json.put("startedAt", started.toString());
        json.put("finishedAt", Instant.now().toString());
        json.set("machine", Machine.json(mapper));
        ObjectNode factsJson = json.putObject("facts");
        facts.forEach(factsJson::put);
        ObjectNode optionsJson = json.putObject("options");
        options.forEach(optionsJson::put);
        ArrayNode rowsJson = json.putArray("rows");
        for (Row row : rows) {
            ObjectNode rowJson = rowsJson.addObject();
            rowJson.put("label", row.name());
            if (Double.isFinite(row.value())) {
                rowJson.put("value", row.value());
            } else {
                rowJson.putNull("value");
            }
            rowJson.put("unit", row.unit());
            if (row.target() == null) {
                rowJson.putNull("target");
            } else {
                rowJson.putObject("target").put("bound", row.target().atLeast() ? "atLeast" : "atMost")
                        .put("limit", row.target().limit()).put("unit", row.target().unit());
            }
            if (row.verdict().isEmpty()) {
                rowJson.putNull("verdict");
            } else {
                rowJson.put("verdict", row.verdict());
            }
            if (row.error() != null) {
                rowJson.put("error", row.error());
            }
        }
        json.putObject("summary").put("pass", count(PASS)).put("miss", count(MISS)).put("failed", count(FAILED));
        json.put("exitCode", exitCode());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private long count(String verdict) {
        return rows.stream().filter(row -> row.verdict().equals(verdict)).count();
    }

    /**
     * What failed, on one line: a gRPC status with its description, else the message of the first exception
     * in the chain that has one (wrappers such as ExecutionException add nothing); control characters escaped.
     */
    static String message(Throwable error) {
        Throwable shown = error;
        while ((shown instanceof ExecutionException || shown instanceof CompletionException)
                && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String text;
        if (shown instanceof StatusRuntimeException status) {
            text = status.getStatus().getCode() + (status.getStatus().getDescription() == null ? ""
                    : ": " + status.getStatus().getDescription());
        } else {
            text = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        }
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                escaped.append(' ');
            } else if (c < 0x20 || c == 0x7f) {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                escaped.append((char) c);
            }
        });
        return escaped.toString().strip();
    }

    /** Milliseconds with two decimals; other whole numbers with thousands separators, the rest with two decimals. */
    static String number(double value, String unit) {
        if (!unit.equals("ms") && value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
