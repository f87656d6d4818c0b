package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Slot bounds at the ends of the 64-bit range: saturated, never wrapped. */
class SlotSplitterTest {

    private static final long MIN = Long.MIN_VALUE;
    private static final long MAX = Long.MAX_VALUE;
    private static final long D = 100 * SlotDurations.SECOND;

    @Test
    void shouldGiveSlotsWithinTheRangeTheirExactBounds() {
        assertThat(SlotSplitter.slotOf(150 * SlotDurations.SECOND, D)).isEqualTo(D);
        assertThat(SlotSplitter.lastOfSlot(150 * SlotDurations.SECOND, D)).isEqualTo(2 * D - 1);
        assertThat(SlotSplitter.slotOf(-1, D)).isEqualTo(-D);
        assertThat(SlotSplitter.lastOfSlot(-1, D)).isEqualTo(-1);
    }

    @Test
    void shouldSaturateTheStartOfTheLowestSlotInsteadOfWrapping() {
        assertThat(SlotSplitter.slotOf(MIN, D)).isEqualTo(MIN);
        assertThat(SlotSplitter.slotOf(MIN + 1, D)).isEqualTo(MIN);
        long second = Math.floorDiv(MIN, D) * D + D; // the first slot that starts inside the range
        assertThat(SlotSplitter.lastOfSlot(MIN, D)).isEqualTo(second - 1);
        assertThat(SlotSplitter.slotOf(second, D)).isEqualTo(second).isGreaterThan(MIN);
    }

    @Test
    void shouldSaturateTheEndOfTheHighestSlotInsteadOfWrapping() {
        assertThat(SlotSplitter.lastOfSlot(MAX, D)).isEqualTo(MAX);
        assertThat(SlotSplitter.slotOf(MAX, D)).isEqualTo(MAX / D * D);
        assertThat(SlotSplitter.lastOfSlot(MAX / D * D - 1, D)).isEqualTo(MAX / D * D - 1);
    }

    @Test
    void shouldHandleSlotsAsLongAsTheRange() {
        assertThat(SlotSplitter.slotOf(MIN, MAX)).isEqualTo(MIN);
        // slots [-2 MAX, -MAX - 1], [-MAX, -1], [0, MAX - 1], [MAX, 2 MAX - 1]: the lowest holds MIN alone
        assertThat(SlotSplitter.lastOfSlot(MIN, MAX)).isEqualTo(MIN);
        assertThat(SlotSplitter.slotOf(MIN + 1, MAX)).isEqualTo(MIN + 1);
        assertThat(SlotSplitter.slotOf(MAX, MAX)).isEqualTo(MAX);
        assertThat(SlotSplitter.lastOfSlot(MAX, MAX)).isEqualTo(MAX);
        assertThat(SlotSplitter.lastOfSlot(0, MAX)).isEqualTo(MAX - 1);
    }

    @Test
    void shouldChooseASlotDurationForTheLongestSpansWithoutOverflow() {
        assertThat(BurstSpans.slotDuration(new io.rta.events.PeriodicBurst(1L, 0L, MAX, 10_000,
                java.nio.ByteBuffer.allocate(10_000)))).isEqualTo(D);
        assertThat(BurstSpans.saturatedProduct(MAX, 2)).isEqualTo(MAX);
        assertThat(BurstSpans.saturatedProduct(3, 4)).isEqualTo(12);
    }

    @Test
    void shouldSaturateTheEndOfAStoredResultInsteadOfWrapping() {
        assertThat(ListEncoding.saturatedEnd(0, MAX, 2)).isEqualTo(MAX);
        assertThat(ListEncoding.saturatedEnd(10, 5, 3)).isEqualTo(25);
        assertThat(ListEncoding.saturatedEnd(10, -5, 3)).isEqualTo(10);
    }
}
