package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreTrackerTest {

    private final RestoreTracker tracker = new RestoreTracker();
    private final TopicPartition changelog = new TopicPartition("rta.rta-server-data-chunks-changelog", 3);

    @Test
    void shouldReportAPartitionWithItsProgressUntilItsRestoreEnds() {
        tracker.onRestoreStart(changelog, "data-chunks", 100, 600);
        tracker.onBatchRestored(changelog, "data-chunks", 300, 200);

        assertThat(tracker.isRestoring()).isTrue();
        assertThat(tracker.describe()).isEqualTo("data-chunks from rta.rta-server-data-chunks-changelog-3: 200/500");

        tracker.onRestoreEnd(changelog, "data-chunks", 500);

        assertThat(tracker.isRestoring()).isFalse();
        assertThat(tracker.describe()).isEmpty();
    }

    @Test
    void shouldForgetARestoreSuspendedByAMigration() {
        tracker.onRestoreStart(changelog, "data-chunks", 0, 10);
        tracker.onRestoreSuspended(changelog, "data-chunks", 4);

        assertThat(tracker.isRestoring()).isFalse();
    }
}
