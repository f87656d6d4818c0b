package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkTopologyTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_620_129_000L * S;
    private static final String SESSION = "session-1";

    private final Topics topics = TestDrivers.topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryBatch> telemetry;

    @BeforeEach
    void start() {
        driver = TestDrivers.driver(topics, ChunkTopology::buildTopology, Instant.parse("2026-01-01T00:00:00Z"));
        telemetry = TestDrivers.input(driver, topics.telemetry());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldCutPeriodicBurstsAtStableSlotBoundaries() throws IOException {
        writePeriodic(7, T0, MS, 25_000, 100);

        List<StoredChunk> chunks = read(DataKind.PERIODIC, "7", Long.MIN_VALUE, Long.MAX_VALUE);

        // 1 kHz of 2-byte samples is ~2.2 KB/s: a 20 s slot holds ~44 KB, the largest step under 64 KiB
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).startTime()).isEqualTo(T0);
        assertThat(chunks.get(0).endTime()).isEqualTo(T0 + 20 * S - MS);
        assertThat(chunks.get(1).startTime()).isEqualTo(T0 + 20 * S);
        assertThat(chunks.get(1).endTime()).isEqualTo(T0 + 25 * S - MS);
        assertThat(chunks.get(0).channelIds()).containsExactly(7L);
        assertThat(samples(chunks)).isEqualTo(series(T0, MS, 25_000));
    }

    @Test
    void shouldSplitABurstThatCrossesASlotBoundary() throws IOException {
        // 20 s slots (see above); this burst starts 50 ms before the boundary at T0 + 20 s
        writePeriodic(7, T0, MS, 19_950, 100);
        writePeriodic(7, T0 + 19_950 * MS, MS, 100, 100);

        List<StoredChunk> chunks = read(DataKind.PERIODIC, "7", Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(chunks).hasSize(2);
        List<PeriodicData> second = periodic(chunks.get(1)).getPeriodicDataList();
        assertThat(second.get(0).getStartTimestamp()).isEqualTo(T0 + 20 * S);
        assertThat(second.get(0).getSamples()).isEqualTo(50);
        assertThat(samples(chunks)).isEqualTo(series(T0, MS, 20_050));
    }

    @Test
    void shouldMergeBackfillIntoTheRightChunkInTimeOrder() throws IOException {
        writePeriodic(7, T0 + 10 * S, MS, 30_000, 100);
        writePeriodic(7, T0, MS, 10_000, 100);
        writePeriodic(7, T0 + 40 * S, MS, 1_000, 100);

        List<StoredChunk> chunks = read(DataKind.PERIODIC, "7", Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(samples(chunks)).isEqualTo(series(T0, MS, 41_000));
        assertThat(chunks).extracting(StoredChunk::startTime).isSorted();
        assertNoOverlaps(chunks);
    }

    @Test
    void shouldAnswerTheSameBytesBeforeAndAfterCompaction() throws IOException {
        for (int i = 0; i < 5; i++) {
            writePeriodic(7, T0 + i * S, MS, 1_000, 100);
        }
        byte[] before = wire(DataKind.PERIODIC, "7");
        assertThat(countSegments()).isGreaterThan(1);

        driver.advanceWallClockTime(ChunkProcessor.IDLE_COMPACTION.plus(Duration.ofSeconds(1)));

        assertThat(countSegments()).isZero();
        assertThat(wire(DataKind.PERIODIC, "7")).isEqualTo(before);
    }

    @Test
    void shouldWriteTheSlotsARecordMovesPastInTheirFinalFormAndLeaveOnlyTheNewestPending() throws IOException {
        // 1 kHz uint16: 20 s slots; each record holds 30 s, so it completes one slot and starts the next
        for (int i = 0; i < 4; i++) {
            writePeriodic(7, T0 + i * 30 * S, MS, 30_000, 100);
        }

        // every slot holds one source (served as stored, never compacted); only the newest is pending
        Map<Long, java.util.Set<Long>> sourcesBySlot = new TreeMap<>();
        storeContents().keySet().stream().filter(key -> key.get()[0] == ChunkKeys.CHUNKS)
                .map(key -> ChunkKeys.parse(key.get()))
                .forEach(key -> sourcesBySlot.computeIfAbsent(key.slot(), slot -> new java.util.HashSet<>())
                        .add(key.source()));
        assertThat(sourcesBySlot).hasSize(6).allSatisfy((slot, sources) -> assertThat(sources).hasSize(1));
        ChannelMeta meta = ChannelMeta.decode(driver.<Bytes, byte[]>getKeyValueStore(ChunkTopology.CHUNK_STORE)
                .get(ChunkKeys.meta(ChunkKeys.identityBytes(SESSION), ChannelRef.channel(DataKind.PERIODIC, 7))));
        assertThat(meta.pendingSlots()).containsExactly(T0 + 100 * S);
        // the open slot's segment is stored uncompressed (it is merged before it is served), all else compressed
        storeContents().forEach((key, value) -> {
            if (key.get()[0] == ChunkKeys.CHUNKS) {
                assertThat(ChunkValue.isRaw(value)).isEqualTo(ChunkKeys.parse(key.get()).slot() == T0 + 100 * S);
            }
        });
        assertThat(samples(read(DataKind.PERIODIC, "7", Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(series(T0, MS, 120_000));
    }

    @Test
    void shouldAnswerTheSameBytesWhateverRecordsTheBurstsCameIn() throws IOException {
        // the same 100 s of bursts as one record, as records of 30 s, and one burst per record, plus back-fill
        TelemetryBatch all = periodicBatch(7, T0, MS, 100_000, 100);
        telemetry.pipeInput(SESSION, all);
        byte[] oneRecord = wire(DataKind.PERIODIC, "7");

        for (String layout : List.of("30 s records", "one burst per record", "back-fill")) {
            driver.close();
            start();
            List<Object> bursts = new ArrayList<>(all.getBursts());
            if (layout.equals("back-fill")) {
                java.util.Collections.reverse(bursts);
            }
            int perRecord = layout.equals("30 s records") ? 300 : 1;
            for (int first = 0; first < bursts.size(); first += perRecord) {
                telemetry.pipeInput(SESSION, new TelemetryBatch(
                        bursts.subList(first, Math.min(bursts.size(), first + perRecord))));
            }
            assertThat(wire(DataKind.PERIODIC, "7")).as(layout).isEqualTo(oneRecord);
            driver.advanceWallClockTime(ChunkProcessor.IDLE_COMPACTION.plus(Duration.ofSeconds(1)));
            assertThat(wire(DataKind.PERIODIC, "7")).as(layout + ", compacted").isEqualTo(oneRecord);
        }
    }

    @Test
    void shouldCutSlotsOfUnexpectedlyFastDataIntoPartsUnderTheListLimit() throws IOException {
        // a single first sample gives no rate: the slot defaults to 10 s; then 100 kHz of 8-byte samples arrives
        writePeriodic(9, T0, 10_000, 1, 8);
        writePeriodic(9, T0 + 10_000, 10_000, 200_000, 8, 10_000);

        List<StoredChunk> chunks = read(DataKind.PERIODIC, "9", Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.unpackedLength())
                .isLessThanOrEqualTo(SlotPacker.PART_LIST_BYTES));
        assertThat(chunks.size()).isGreaterThan(6);
        assertNoOverlaps(chunks);
        assertThat(samples(chunks)).hasSize(200_001);
    }

    @Test
    void shouldRoundTimeBoundsOutwardsToWholeChunks() throws IOException {
        writePeriodic(7, T0, MS, 60_000, 100);

        List<StoredChunk> chunks = read(DataKind.PERIODIC, "7", T0 + 25 * S, T0 + 30 * S);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).startTime()).isEqualTo(T0 + 20 * S);
        assertThat(chunks.get(0).endTime()).isEqualTo(T0 + 40 * S - MS);
    }

    @Test
    void shouldSelectChannelsByExpressionInAscendingOrder() throws IOException {
        for (long channel : new long[] {0x14, 0x3, 0xC, 0x7, 0x20}) {
            writePeriodic(channel, T0, MS, 100, 100);
        }

        assertThat(read(DataKind.PERIODIC, "-5,7,B-D,14-", Long.MIN_VALUE, Long.MAX_VALUE))
                .extracting(chunk -> chunk.channelIds()[0]).containsExactly(0x3L, 0x7L, 0xCL, 0x14L, 0x20L);
        assertThat(read(DataKind.PERIODIC, "8-B", Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(read(DataKind.TIMESTAMPED, "0-", Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void shouldCutTimestampedBurstsAtSlotBoundariesKeepingTheirDeltas() throws IOException {
        long[] times = new long[20_000];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i * 7 * MS + (i % 3) * MS;
        }
        writeTimestamped(5, times);

        List<StoredChunk> chunks = read(DataKind.TIMESTAMPED, "5", Long.MIN_VALUE, Long.MAX_VALUE);

        List<Long> decoded = new ArrayList<>();
        for (StoredChunk chunk : chunks) {
            for (TimestampedData data : timestamped(chunk).getTimestampedDataList()) {
                assertThat(data.getTimestampDeltas(0)).isZero();
                long time = data.getStartTimestamp();
                for (int i = 0; i < data.getTimestampDeltasCount(); i++) {
                    time += data.getTimestampDeltas(i) * data.getTimestampDeltasScale();
                    assertThat(time).isBetween(chunk.startTime(), chunk.endTime());
                    decoded.add(time);
                }
            }
        }
        assertThat(chunks.size()).isGreaterThan(1);
        assertThat(decoded).containsExactlyElementsOf(java.util.Arrays.stream(times).boxed().toList());
    }

    @Test
    void shouldReturnRowDataWhenAnyChannelOfItsSetIsRequested() throws IOException {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new RowBurst(List.of(16L, 17L, 18L), T0 + i * S, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6})));
        }
        telemetry.pipeInput(SESSION, new TelemetryBatch(rows));

        List<StoredChunk> chunks = read(DataKind.ROW, "11", Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).channelIds()).containsExactly(16L, 17L, 18L);
        RowDataList list = RowDataList.parseFrom(unpack(chunks.get(0)));
        assertThat(list.getRowDataCount()).isEqualTo(10);
        assertThat(list.getRowData(0).getChannelIdsList()).containsExactly(16, 17, 18);
        assertThat(read(DataKind.ROW, "1-F,13-", Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void shouldKeepEventsOfTheSameInstantInWriteOrder() throws IOException {
        telemetry.pipeInput(SESSION, new TelemetryBatch(List.of(
                new EventBurst(2, "app", T0 + S, "second", List.of()),
                new EventBurst(1, "app", T0, "first", List.of(1.5)),
                new EventBurst(1, "app", T0, "first", List.of(1.5)))));

        List<StoredChunk> chunks = read(DataKind.EVENTS, "0-", Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).channelIds()).isEmpty();
        EventsList events = EventsList.parseFrom(unpack(chunks.get(0)));
        assertThat(events.getEventsList()).extracting(e -> e.getStatusText())
                .containsExactly("first", "first", "second");
        assertThat(events.getEvents(0).getRawDataList()).containsExactly(1.5);
    }

    @Test
    void shouldDropExactDuplicatesOfRetriedWrites() throws IOException {
        writePeriodic(7, T0, MS, 1_000, 100);
        writePeriodic(7, T0, MS, 1_000, 100);

        assertThat(samples(read(DataKind.PERIODIC, "7", Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(series(T0, MS, 1_000));
    }

    @Test
    void shouldApplyTheValidBurstsOfARecordThatHoldsInvalidOnes() throws IOException {
        telemetry.pipeInput(SESSION, new TelemetryBatch(List.of(
                new PeriodicBurst(7L, T0, -1L, 2, ByteBuffer.wrap(new byte[4])),
                new PeriodicBurst(7L, T0, MS, 3, ByteBuffer.wrap(new byte[4])),
                new PeriodicBurst(7L, T0, MS, 2, ByteBuffer.wrap(new byte[] {1, 0, 2, 0})))));

        assertThat(samples(read(DataKind.PERIODIC, "7", Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly(T0, T0 + MS);
    }

    @Test
    void shouldBuildTheSameStoreWhenTheTopicIsReplayed() {
        List<TelemetryBatch> batches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batches.add(periodicBatch(i % 3, T0 + (i * 7 % 30) * S, MS, 1_000, 100));
        }
        batches.forEach(batch -> telemetry.pipeInput(SESSION, batch));
        Map<Bytes, byte[]> first = storeContents();

        driver.close();
        start();
        batches.forEach(batch -> telemetry.pipeInput(SESSION, batch));

        assertThat(storeContents()).usingRecursiveComparison().isEqualTo(first);
    }

    // --- helpers

    private void writePeriodic(long channel, long start, long interval, int samples, int perBurst) {
        writePeriodic(channel, start, interval, samples, 2, perBurst);
    }

    private void writePeriodic(long channel, long start, long interval, int samples, int width, int perBurst) {
        telemetry.pipeInput(SESSION, periodicBatch(channel, start, interval, samples, width, perBurst));
    }

    private static TelemetryBatch periodicBatch(long channel, long start, long interval, int samples, int perBurst) {
        return periodicBatch(channel, start, interval, samples, 2, perBurst);
    }

    /** Samples carry their own index (from the series start) so tests can check order and completeness. */
    private static TelemetryBatch periodicBatch(long channel, long start, long interval, int samples, int width,
                                                int perBurst) {
        List<Object> bursts = new ArrayList<>();
        for (int first = 0; first < samples; first += perBurst) {
            int count = Math.min(perBurst, samples - first);
            ByteBuffer buffer = ByteBuffer.allocate(count * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                long time = start + (first + i) * interval;
                if (width == 2) {
                    buffer.putShort((short) (time / interval));
                } else {
                    buffer.putLong(time);
                }
            }
            bursts.add(new PeriodicBurst(channel, start + first * interval, interval, count, buffer.flip()));
        }
        return new TelemetryBatch(bursts);
    }

    private void writeTimestamped(long channel, long[] times) {
        List<Long> deltas = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(times.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < times.length; i++) {
            deltas.add(i == 0 ? 0 : (times[i] - times[i - 1]) / MS);
            buffer.putLong(times[i]);
        }
        telemetry.pipeInput(SESSION, new TelemetryBatch(List.of(
                new TimestampedBurst(channel, times[0], MS, Bursts.packDeltas(deltas.subList(0, 2_000)),
                        ByteBuffer.wrap(buffer.array(), 0, 2_000 * 8).slice()))));
        List<Long> rest = new ArrayList<>(deltas.subList(2_000, times.length));
        rest.set(0, 0L);
        telemetry.pipeInput(SESSION, new TelemetryBatch(List.of(
                new TimestampedBurst(channel, times[2_000], MS, Bursts.packDeltas(rest.subList(0, 10_000)),
                        ByteBuffer.wrap(buffer.array(), 2_000 * 8, 10_000 * 8).slice()))));
        List<Long> last = new ArrayList<>(deltas.subList(12_000, times.length));
        last.set(0, 0L);
        telemetry.pipeInput(SESSION, new TelemetryBatch(List.of(
                new TimestampedBurst(channel, times[12_000], MS, Bursts.packDeltas(last),
                        ByteBuffer.wrap(buffer.array(), 12_000 * 8, (times.length - 12_000) * 8).slice()))));
    }

    private List<StoredChunk> read(DataKind kind, String channels, long start, long end) throws IOException {
        List<StoredChunk> chunks = new ArrayList<>();
        view().read(new ChunkRead(SESSION, kind, ChannelsExpression.parse(channels), start, end), chunk ->
                chunks.add(new StoredChunk(chunk.startTime(), chunk.endTime(), chunk.channelIds(),
                        chunk.unpackedLength(), java.util.Arrays.copyOfRange(chunk.payload(), chunk.payloadOffset(),
                        chunk.payloadOffset() + chunk.payloadLength()), 0, chunk.payloadLength())));
        return chunks;
    }

    private byte[] wire(DataKind kind, String channels) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (StoredChunk chunk : read(kind, channels, Long.MIN_VALUE, Long.MAX_VALUE)) {
            ByteBuffer header = ByteBuffer.allocate(24).putLong(chunk.startTime()).putLong(chunk.endTime())
                    .putInt(chunk.unpackedLength()).putInt(chunk.payloadLength());
            out.write(header.array());
            out.write(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength());
        }
        return out.toByteArray();
    }

    private ChunkStoreView view() {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(ChunkTopology.CHUNK_STORE);
        return new ChunkStoreView(store);
    }

    private Map<Bytes, byte[]> storeContents() {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(ChunkTopology.CHUNK_STORE);
        Map<Bytes, byte[]> contents = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    private long countSegments() {
        return storeContents().keySet().stream()
                .filter(key -> key.get()[0] == ChunkKeys.CHUNKS)
                .filter(key -> ChunkKeys.parse(key.get()).source() != ChunkKeys.COMPACTED).count();
    }

    private static byte[] unpack(StoredChunk chunk) {
        return Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(),
                chunk.unpackedLength());
    }

    private static PeriodicDataList periodic(StoredChunk chunk) throws InvalidProtocolBufferException {
        return PeriodicDataList.parseFrom(unpack(chunk));
    }

    private static TimestampedDataList timestamped(StoredChunk chunk) throws InvalidProtocolBufferException {
        return TimestampedDataList.parseFrom(unpack(chunk));
    }

    /** Every sample time of the chunks, checking each result lies inside its chunk. */
    private static List<Long> samples(List<StoredChunk> chunks) throws IOException {
        List<Long> times = new ArrayList<>();
        for (StoredChunk chunk : chunks) {
            for (PeriodicData data : periodic(chunk).getPeriodicDataList()) {
                for (int i = 0; i < data.getSamples(); i++) {
                    long time = data.getStartTimestamp() + i * data.getInterval();
                    assertThat(time).isBetween(chunk.startTime(), chunk.endTime());
                    times.add(time);
                }
            }
        }
        return times;
    }

    private static List<Long> series(long start, long interval, int samples) {
        List<Long> times = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            times.add(start + i * interval);
        }
        return times;
    }

    private static void assertNoOverlaps(List<StoredChunk> chunks) {
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startTime()).isGreaterThan(chunks.get(i - 1).endTime());
        }
    }
}
