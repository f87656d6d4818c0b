package io.rta.service.kafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Which active state store partitions are being restored from their changelogs (after a restart, a lost state
 * directory or a rebalance), with progress: reads of such a partition cannot be answered yet, so readiness reports it.
 */
public final class RestoreTracker implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreTracker.class);

    private record Progress(String store, long restored, long total) {
    }

    private final Map<TopicPartition, Progress> restoring = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restoring.put(partition, new Progress(store, 0, Math.max(0, endingOffset - startingOffset)));
        // an empty partition (every one, on a fresh start) is not worth a line per store and partition
        LOG.atLevel(endingOffset > startingOffset ? Level.INFO : Level.DEBUG)
                .log("Restoring {} from {} ({} records)", store, partition, endingOffset - startingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoring.computeIfPresent(partition, (key, progress) ->
                new Progress(store, progress.restored() + numRestored, progress.total()));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
        LOG.atLevel(totalRestored > 0 ? Level.INFO : Level.DEBUG)
                .log("Restored {} from {} ({} records)", store, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
    }

    public boolean isRestoring() {
        return !restoring.isEmpty();
    }

    /** e.g. {@code "data-chunks from rta.rta-server-data-chunks-changelog-3: 1200/5000"}; empty when none. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(Map.copyOf(restoring).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                entry -> entry.getKey().toString(), Map.Entry::getValue))).forEach((partition, progress) -> {
                    text.append(text.length() == 0 ? "" : ", ").append(progress.store()).append(" from ")
                            .append(partition).append(": ").append(progress.restored()).append('/')
                            .append(progress.total());
                });
        return text.toString();
    }
}
