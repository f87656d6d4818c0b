package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.stream.live.LiveData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveRetentionTest {

    private static final Duration BACK_SCAN = Duration.ofSeconds(30);
    private final AtomicLong now = new AtomicLong(1_000_000);
    /** Room for two 400-byte items, not three. */
    private static final long CAP = 2 * LiveRetention.heapBytes(item(0, 400)) + 100;
    private final LiveRetention retention = new LiveRetention(BACK_SCAN, CAP, now::get);

    @Test
    void shouldKeepWhatTheStreamsApplicationHasNotCommittedHoweverOld() {
        retention.add(0, 10, "s", List.of(item(1, 100)));
        now.addAndGet(BACK_SCAN.toMillis() * 10);
        retention.committed(0, 10);

        retention.evict();

        assertThat(retention.snapshot("s")).extracting(TelemetryItem::startTime).containsExactly(1L);
    }

    @Test
    void shouldKeepCommittedItemsForTheBackScan() {
        retention.add(0, 10, "s", List.of(item(1, 100)));
        retention.committed(0, 11);
        now.addAndGet(BACK_SCAN.toMillis() - 1);

        retention.evict();
        assertThat(retention.snapshot("s")).hasSize(1);

        now.addAndGet(1);
        retention.evict();
        assertThat(retention.snapshot("s")).isEmpty();
        assertThat(retention.bytes()).isZero();
        assertThat(retention.items()).isZero();
    }

    @Test
    void shouldKeepAnOldItemForTheBackScanFromWhenItsCommitWasSeen() {
        retention.add(0, 10, "s", List.of(item(1, 100)));
        now.addAndGet(BACK_SCAN.toMillis() * 10);
        retention.committed(0, 11);

        retention.evict();
        assertThat(retention.snapshot("s")).as("readable only just now: the margin starts now").hasSize(1);

        now.addAndGet(BACK_SCAN.toMillis() - 1);
        retention.committed(0, 12);
        retention.evict();
        assertThat(retention.snapshot("s")).hasSize(1);

        now.addAndGet(1);
        retention.evict();
        assertThat(retention.snapshot("s")).isEmpty();
    }

    @Test
    void shouldEvictByTheNewestCommitOlderThanTheBackScan() {
        retention.add(0, 10, "s", List.of(item(1, 100)));
        retention.add(0, 20, "s", List.of(item(2, 100)));
        retention.committed(0, 11);
        now.addAndGet(5);
        retention.committed(0, 21);
        now.addAndGet(BACK_SCAN.toMillis());

        retention.evict();
        assertThat(retention.snapshot("s")).as("both commits are past the margin").isEmpty();
    }

    @Test
    void shouldCountWhatAnItemHoldsOnTheHeapNotOnlyItsElement() {
        retention.add(0, 1, "a", List.of(item(1, 10)));

        assertThat(retention.bytes()).isEqualTo(10 + 4 + LiveRetention.ITEM_OVERHEAD_BYTES);
    }

    @Test
    void shouldFollowACommittedOffsetThatWentBackAfterAReset() {
        retention.committed(0, 100);
        now.addAndGet(BACK_SCAN.toMillis());
        retention.committed(0, 5);
        retention.add(0, 10, "s", List.of(item(1, 100)));
        now.addAndGet(BACK_SCAN.toMillis());

        retention.evict();

        assertThat(retention.snapshot("s")).as("offset 10 is not below the reset commit 5").hasSize(1);
    }

    @Test
    void shouldKeepEverythingUntilTheFirstCommitIsKnown() {
        retention.add(0, 10, "s", List.of(item(1, 100)));
        now.addAndGet(BACK_SCAN.toMillis() * 10);

        retention.evict();

        assertThat(retention.snapshot("s")).hasSize(1);
    }

    @Test
    void shouldEvictEachPartitionByItsOwnCommittedOffset() {
        retention.add(0, 5, "a", List.of(item(1, 100)));
        retention.add(1, 5, "b", List.of(item(2, 100)));
        retention.committed(0, 6);
        retention.committed(1, 5);
        now.addAndGet(BACK_SCAN.toMillis());

        retention.evict();

        assertThat(retention.snapshot("a")).isEmpty();
        assertThat(retention.snapshot("b")).hasSize(1);
    }

    @Test
    void shouldSnapshotOneSessionInOffsetOrderAsACopy() {
        retention.add(0, 1, "a", List.of(item(1, 10), item(2, 10)));
        retention.add(0, 2, "b", List.of(item(3, 10)));
        retention.add(0, 3, "a", List.of(item(4, 10)));

        List<TelemetryItem> snapshot = retention.snapshot("a");
        retention.add(0, 4, "a", List.of(item(5, 10)));

        assertThat(snapshot).extracting(TelemetryItem::startTime).containsExactly(1L, 2L, 4L);
        assertThat(retention.snapshot("a")).hasSize(4);
        assertThat(retention.snapshot("nobody")).isEmpty();
    }

    @Test
    void shouldDropTheOldestItemsRegardlessAboveTheByteCapAndCountThem() {
        retention.add(0, 1, "a", List.of(item(1, 400)));
        now.addAndGet(1);
        retention.add(1, 1, "b", List.of(item(2, 400)));
        now.addAndGet(1);
        retention.add(0, 2, "a", List.of(item(3, 400)));

        assertThat(retention.snapshot("a")).extracting(TelemetryItem::startTime).containsExactly(3L);
        assertThat(retention.snapshot("b")).extracting(TelemetryItem::startTime).containsExactly(2L);
        assertThat(retention.bytes()).isEqualTo(2 * LiveRetention.heapBytes(item(0, 400)));
        assertThat(retention.cappedItems()).isEqualTo(1);
    }

    @Test
    void shouldKeepPartitionAndSessionViewsInStepAcrossEvictions() {
        retention.add(0, 1, "a", List.of(item(1, 10)));
        retention.add(0, 2, "b", List.of(item(2, 10)));
        retention.add(0, 3, "a", List.of(item(3, 10)));
        retention.committed(0, 3);
        now.addAndGet(BACK_SCAN.toMillis());

        retention.evict();

        assertThat(retention.snapshot("a")).extracting(TelemetryItem::startTime).containsExactly(3L);
        assertThat(retention.snapshot("b")).isEmpty();
        assertThat(retention.items()).isEqualTo(1);
    }

    @Test
    void shouldCountAnUndecodedRecordByItsBytesAndByItsItemsOnceASnapshotDecodesIt() {
        AtomicLong decodes = new AtomicLong();
        RecordItems record = RecordItems.undecoded(new byte[1000], bytes -> {
            decodes.incrementAndGet();
            return List.of(item(7, 10), item(8, 10));
        });
        retention.add(0, 1, "s", record);
        assertThat(retention.bytes()).isEqualTo(1000 + RecordItems.RECORD_OVERHEAD_BYTES);
        assertThat(decodes).as("nobody asked for the items yet").hasValue(0);

        assertThat(retention.snapshot("s")).extracting(TelemetryItem::startTime).containsExactly(7L, 8L);
        assertThat(retention.snapshot("s")).hasSize(2);

        assertThat(decodes).as("decoded once").hasValue(1);
        assertThat(retention.bytes()).isEqualTo(2 * LiveRetention.heapBytes(item(0, 10)));
        retention.committed(0, 2);
        now.addAndGet(BACK_SCAN.toMillis());
        retention.evict();
        assertThat(retention.bytes()).isZero();
    }

    @Test
    void shouldNotCountARecordDecodedAfterItWasDropped() {
        RecordItems record = RecordItems.undecoded(new byte[100], bytes -> List.of(item(1, 5000)));
        retention.add(0, 1, "s", record);
        retention.committed(0, 2);
        now.addAndGet(BACK_SCAN.toMillis());
        retention.evict();

        assertThat(record.items()).hasSize(1);

        assertThat(retention.bytes()).isZero();
    }

    /** An item whose element occupies {@code size} bytes. */
    private static TelemetryItem item(long startTime, int size) {
        return new TelemetryItem(startTime, new LiveData(false, new int[] {1}, startTime, new byte[size]));
    }
}
