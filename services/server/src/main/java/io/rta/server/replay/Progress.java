package io.rta.server.replay;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a replay is, measured by its committed offsets against the end offsets captured when it started: with
 * exactly-once processing an input offset is committed together with everything its record produced, so a committed
 * record is a replayed one.
 */
final class Progress {

    private final Map<TopicPartition, Long> starts;
    private final Map<TopicPartition, Long> targets;
    private final long total;

    /**
     * @param starts where each input partition is replayed from
     * @param targets just past each input partition's last record when the replay started
     */
    Progress(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> targets) {
        this.starts = Map.copyOf(starts);
        this.targets = Map.copyOf(targets);
        this.total = targets.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - starts.get(e.getKey())))
                .sum();
    }

    /** Offsets to replay (records, and the odd transaction marker among them). */
    long total() {
        return total;
    }

    int partitions() {
        return targets.size();
    }

    /** Offsets replayed so far, given the group's committed offsets (a partition without one is at its start). */
    long replayed(Map<TopicPartition, Long> committed) {
        long replayed = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            long start = starts.get(target.getKey());
            long at = committed.getOrDefault(target.getKey(), start);
            replayed += Math.max(0, Math.min(at, target.getValue()) - start);
        }
        return replayed;
    }

    /** Whether every input partition is committed up to its target. */
    boolean done(Map<TopicPartition, Long> committed) {
        return targets.entrySet().stream().allMatch(t -> committed.getOrDefault(t.getKey(),
                starts.get(t.getKey())) >= t.getValue());
    }

    /** One progress line: replayed of total, percentage, average rate and the time left at that rate. */
    String line(long replayed, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = replayed / seconds;
        double percent = total == 0 ? 100.0 : 100.0 * replayed / total;
        String eta = rate <= 0 ? "unknown" : clock(Math.round((total - replayed) / rate));
        return String.format(Locale.ROOT, "replay: %,d of %,d records (%.1f%%), %,.0f records/s, elapsed %s, ETA %s",
                replayed, total, percent, rate, clock(Math.round(seconds)), eta);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
