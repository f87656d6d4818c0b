package io.rta.server.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's printed result: facts about the run, then one row per figure with its target and verdict. */
final class BenchReport {

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

    /** One figure; {@code target} is null for figures shown only for context (e.g. p50). */
    record Row(String name, double value, String unit, Target target) {
        String verdict() {
            return target == null ? "" : target.isMet(value) ? "PASS" : "MISS";
        }
    }

    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    BenchReport fact(String name, String value) {
        facts.put(name, value);
        return this;
    }

    BenchReport row(String name, double value, String unit, Target target) {
        rows.add(new Row(name, value, unit, target));
        return this;
    }

    /** Adds the p50 (context) and p99 (against the target) of a query scenario. */
    BenchReport latencies(String scenario, Latencies latencies, Target p99Target) {
        row(scenario + " p50", latencies.percentileMillis(50), "ms", null);
        return row(scenario + " p99", latencies.percentileMillis(99), "ms", p99Target);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** True when every figure with a target meets it. */
    boolean allPass() {
        return rows.stream().allMatch(row -> row.target() == null || row.target().isMet(row.value()));
    }

    /** The report as aligned plain text, one line per fact and per figure. */
    String render() {
        StringBuilder text = new StringBuilder();
        int factWidth = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
        facts.forEach((name, value) -> text.append(String.format(Locale.ROOT, "%-" + factWidth + "s  %s%n",
                name, value)));
        text.append(System.lineSeparator());
        int nameWidth = Math.max("figure".length(), rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %18s  %-22s  %s";
        text.append(String.format(Locale.ROOT, format, "figure", "result", "target", "verdict").stripTrailing())
                .append(System.lineSeparator());
        for (Row row : rows) {
            String result = number(row.value(), row.unit()) + " " + row.unit();
            String target = row.target() == null ? "" : row.target().toString();
            text.append(String.format(Locale.ROOT, format, row.name(), result, target, row.verdict()).stripTrailing())
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    /** Milliseconds with two decimals; other whole numbers with thousands separators, the rest with two decimals. */
    static String number(double value, String unit) {
        if (!unit.equals("ms") && value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
