package io.rta.server.replay;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a verification found: per area, how many keys it compared and differences (all counted, the first kept). */
final class Differences {

    private final int maxKept;
    private final Map<String, long[]> areas = new LinkedHashMap<>();
    private final List<String> kept = new ArrayList<>();
    private long count;

    Differences(int maxKept) {
        this.maxKept = maxKept;
    }

    void compared(String area, long keys) {
        areas.computeIfAbsent(area, a -> new long[2])[0] += keys;
    }

    void add(String area, String key, String what) {
        areas.computeIfAbsent(area, a -> new long[2])[1]++;
        count++;
        if (kept.size() < maxKept) {
            kept.add(area + " " + key + ": " + what);
        }
    }

    long count() {
        return count;
    }

    List<String> kept() {
        return List.copyOf(kept);
    }

    void print(PrintStream out) {
        StringBuilder summary = new StringBuilder();
        areas.forEach((area, figures) -> summary.append(summary.isEmpty() ? "" : ", ").append(String.format(
                Locale.ROOT, "%s %,d compared, %,d different", area, figures[0], figures[1])));
        if (count == 0) {
            out.println("verify: identical: " + summary);
            return;
        }
        out.println(String.format(Locale.ROOT, "verify: %,d difference(s): %s", count, summary));
        kept.forEach(line -> out.println("  " + line));
        if (count > kept.size()) {
            out.println(String.format(Locale.ROOT, "  ... and %,d more (MaxDifferences %d)", count - kept.size(),
                    maxKept));
        }
    }
}
