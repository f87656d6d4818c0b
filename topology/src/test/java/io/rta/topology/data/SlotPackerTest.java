package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotPackerTest {

    private static final long MS = 1_000_000L;

    @Test
    void shouldMergeInOrderSegmentsIntoExactlyWhatPackingTheirResultsGives() {
        List<ListEntry> all = new ArrayList<>();
        List<byte[]> segments = new ArrayList<>();
        for (int segment = 0; segment < 4; segment++) {
            List<ListEntry> entries = bursts(segment * 1_000, 10);
            all.addAll(entries);
            segments.addAll(SlotPacker.pack(DataKind.PERIODIC, entries));
        }
        java.util.Collections.reverse(segments);

        assertThat(SlotPacker.merge(DataKind.PERIODIC, segments))
                .usingRecursiveComparison().isEqualTo(SlotPacker.pack(DataKind.PERIODIC, all));
    }

    @Test
    void shouldMergeOverlappingSegmentsByTheirResults() {
        List<ListEntry> first = bursts(0, 10);
        List<ListEntry> second = bursts(500, 10);
        List<ListEntry> all = new ArrayList<>(first);
        all.addAll(second);

        List<byte[]> merged = SlotPacker.merge(DataKind.PERIODIC, List.of(
                SlotPacker.pack(DataKind.PERIODIC, first).get(0), SlotPacker.pack(DataKind.PERIODIC, second).get(0)));

        assertThat(merged).usingRecursiveComparison().isEqualTo(SlotPacker.pack(DataKind.PERIODIC, all));
        assertThat(ListEncoding.entries(DataKind.PERIODIC, ChunkValue.list(merged.get(0))))
                .extracting(ListEntry::start).isSorted();
    }

    @Test
    void shouldCutMergedSlotsLargerThanOnePartByTheirResults() {
        List<ListEntry> all = new ArrayList<>();
        List<byte[]> segments = new ArrayList<>();
        for (int segment = 0; segment < 8; segment++) {
            List<ListEntry> entries = bursts(segment * 100_000, 100, 400);
            all.addAll(entries);
            segments.addAll(SlotPacker.pack(DataKind.PERIODIC, entries));
        }

        List<byte[]> merged = SlotPacker.merge(DataKind.PERIODIC, segments);

        assertThat(merged).hasSizeGreaterThan(1);
        assertThat(merged).usingRecursiveComparison().isEqualTo(SlotPacker.pack(DataKind.PERIODIC, all));
    }

    private static List<ListEntry> bursts(int firstSample, int count) {
        return bursts(firstSample, count, 100);
    }

    /** {@code count} bursts of {@code perBurst} 16-bit samples at 1 kHz, random content. */
    private static List<ListEntry> bursts(int firstSample, int count, int perBurst) {
        Random random = new Random(firstSample);
        List<ListEntry> entries = new ArrayList<>();
        for (int burst = 0; burst < count; burst++) {
            long start = (firstSample + (long) burst * perBurst) * MS;
            byte[] samples = new byte[2 * perBurst];
            random.nextBytes(samples);
            entries.add(new ListEntry(start, start + (perBurst - 1) * MS,
                    ListEncoding.periodic(7, start, MS, perBurst, ByteBuffer.wrap(samples))));
        }
        return entries;
    }
}
