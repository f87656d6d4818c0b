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

    @Test
    void shouldMergeStoredChunksWithNewResultsExactlyAsCompactingThemAsASegmentWould() {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            DataKind kind = random.nextInt(4) == 0 ? DataKind.EVENTS : DataKind.PERIODIC;
            List<ListEntry> all = new ArrayList<>();
            List<byte[]> stored = new ArrayList<>();
            int next = 0;
            for (int segment = 0; segment < 1 + random.nextInt(4); segment++) {
                List<ListEntry> entries = randomEntries(random, kind, next);
                next += 50 * (1 + random.nextInt(3));
                all.addAll(entries);
                stored.addAll(SlotPacker.pack(kind, entries));
            }
            // in order after the stored ones, overlapping them, or before them (back-fill); sometimes a retry
            int first = switch (random.nextInt(3)) {
                case 0 -> next;
                case 1 -> random.nextInt(Math.max(1, next));
                default -> -500;
            };
            List<ListEntry> added = randomEntries(random, kind, first);
            if (random.nextBoolean()) {
                added.addAll(randomEntries(new Random(seed), kind, first));
            }
            all.addAll(added);
            List<byte[]> asSegment = new ArrayList<>(stored);
            asSegment.addAll(SlotPacker.pack(kind, added));

            List<byte[]> merged = SlotPacker.merge(kind, stored, added);

            assertThat(merged).as("seed %d", seed).usingRecursiveComparison()
                    .isEqualTo(SlotPacker.merge(kind, asSegment));
            assertThat(merged).as("seed %d", seed).usingRecursiveComparison().isEqualTo(SlotPacker.pack(kind, all));
        }
    }

    /** Up to 40 results from sample {@code first} on: periodic bursts, or events (some at the same instant). */
    private static List<ListEntry> randomEntries(Random random, DataKind kind, int first) {
        List<ListEntry> entries = new ArrayList<>();
        int count = 1 + random.nextInt(40);
        for (int i = 0; i < count; i++) {
            long start = (first + (long) i * 10) * MS;
            if (kind == DataKind.EVENTS) {
                long time = random.nextInt(5) == 0 && i > 0 ? entries.get(i - 1).start() : start;
                entries.add(new ListEntry(time, time, ListEncoding.event(random.nextInt(3), "app", time, "",
                        List.of((double) random.nextInt(4)))));
            } else {
                int samples = 1 + random.nextInt(10);
                byte[] buffer = new byte[2 * samples];
                random.nextBytes(buffer);
                entries.add(new ListEntry(start, start + (samples - 1) * MS,
                        ListEncoding.periodic(7, start, MS, samples, ByteBuffer.wrap(buffer))));
            }
        }
        return entries;
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
