package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.DeadLetter;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.TestDrivers;
import io.rta.topology.Topics;
import io.rta.topology.data.codec.Lz4Block;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Telemetry a pipeline may produce straight to Kafka that once stopped the chunk topology or filled the heap: each
 * record is applied or set aside (dead-lettered), never fatal, and the records around it are applied. The timeouts
 * only guard against a hang (the issue's burst looped forever); they assert no timing.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkPoisonRecordsTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_620_129_000L * S;
    private static final String GOOD = "good";

    private final Topics topics = TestDrivers.topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryBatch> telemetry;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private void start(InputLimits limits) {
        driver = TestDrivers.driver(topics, t -> ChunkTopology.addTo(new Topology(), t, limits),
                Instant.parse("2026-01-01T00:00:00Z"));
        telemetry = TestDrivers.input(driver, topics.telemetry());
        deadLetters = TestDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldApplyTheIssuesBurstOfOneSampleWithTheLargestIntervalWithoutHanging() throws IOException {
        start(InputLimits.defaults());
        // WriteDataStream data_identity + periodic_data {samples: 1, interval: 9223372036854775807}
        telemetry.pipeInput("issue", batch(new PeriodicBurst(0L, 0L, Long.MAX_VALUE, 1, samples(1, 8))));
        writeGood(T0);

        List<Long> times = times("issue", DataKind.PERIODIC);
        assertThat(times).containsExactly(0L);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(times(GOOD, DataKind.PERIODIC)).hasSize(10);
    }

    static Stream<Arguments> extremeBursts() {
        long max = Long.MAX_VALUE;
        long min = Long.MIN_VALUE;
        return Stream.of(
                Arguments.of("two samples at 0 and the end of time",
                        new PeriodicBurst(1L, 0L, max, 2, samples(2, 4)), List.of(0L, max)),
                Arguments.of("periodic from the start of time",
                        new PeriodicBurst(1L, min, S, 3, samples(3, 2)), List.of(min, min + S, min + 2 * S)),
                Arguments.of("periodic up to the end of time",
                        new PeriodicBurst(1L, max - 2, 1L, 3, samples(3, 2)), List.of(max - 2, max - 1, max)),
                Arguments.of("periodic across the lower half of the range",
                        new PeriodicBurst(1L, min, max, 2, samples(2, 2)), List.of(min, -1L)),
                Arguments.of("periodic across the upper half of the range",
                        new PeriodicBurst(1L, -1L, max, 2, samples(2, 2)), List.of(-1L, max - 1)),
                Arguments.of("timestamped across the lower half of the range",
                        timestamped(min, 1L, List.of(0L, max)), List.of(min, -1L)),
                Arguments.of("timestamped up to the end of time",
                        timestamped(max - 10, 5L, List.of(0L, 1L, 1L)), List.of(max - 10, max - 5, max)),
                Arguments.of("timestamped at one instant with a zero scale",
                        timestamped(min, 0L, List.of(0L)), List.of(min)),
                Arguments.of("row at the start of time",
                        new RowBurst(List.of(1L, 2L), min, samples(1, 4)), List.of(min)),
                Arguments.of("row at the end of time",
                        new RowBurst(List.of(1L, 2L), max, samples(1, 4)), List.of(max)),
                Arguments.of("event at the start of time", event(min), List.of(min)),
                Arguments.of("event at the end of time", event(max), List.of(max)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremeBursts")
    void shouldChunkAndServeBurstsAtTheEndsOfTime(String name, Object burst, List<Long> expected)
            throws IOException {
        start(InputLimits.defaults());
        telemetry.pipeInput("extreme", batch(burst));
        writeGood(T0);

        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(times("extreme", kindOf(burst))).containsExactlyElementsOf(expected);
        // reads bounded at the ends of time find the same samples
        assertThat(times("extreme", kindOf(burst), Long.MIN_VALUE, Long.MIN_VALUE + 1))
                .containsExactlyElementsOf(expected.stream().filter(t -> t <= Long.MIN_VALUE + 1).toList());
        assertThat(times("extreme", kindOf(burst), Long.MAX_VALUE - 1, Long.MAX_VALUE))
                .containsExactlyElementsOf(expected.stream().filter(t -> t >= Long.MAX_VALUE - 1).toList());
        assertThat(times(GOOD, DataKind.PERIODIC)).hasSize(10);
    }

    @Test
    void shouldSetAsideABurstWhoseLastSampleIsPastTheEndOfTime() throws IOException {
        start(InputLimits.defaults());
        telemetry.pipeInput("late", batch(new PeriodicBurst(1L, 1L, Long.MAX_VALUE, 2, samples(2, 4))));

        DeadLetter letter = onlyDeadLetter(topics.telemetry().name() + "/0/0");
        assertThat(letter.getReason()).isEqualTo("all 1 burst(s) set aside: bursts[0]: "
                + "periodic_data: the last sample's timestamp overflows 64 bits");
        assertThat(times("late", DataKind.PERIODIC)).isEmpty();
    }

    @Test
    void shouldSetAsideABurstWhoseDeltasSumPast64Bits() throws IOException {
        start(InputLimits.defaults());
        telemetry.pipeInput("wide", batch(timestamped(Long.MIN_VALUE, 1L, List.of(0L, Long.MAX_VALUE, 1L))));

        assertThat(onlyDeadLetter(topics.telemetry().name() + "/0/0").getReason()).endsWith(
                "bursts[0]: timestamped_data.timestamp_deltas: the sum of the deltas overflows 64 bits");
        assertThat(times("wide", DataKind.TIMESTAMPED)).isEmpty();
    }

    static Stream<Arguments> keysThatAreNoIdentity() {
        return Stream.of(
                Arguments.of("d".repeat(70_000), "the identity is 70000 bytes long; at most 1024 bytes are allowed "
                        + "(MaxIdentityLength)"),
                Arguments.of("d\u0000", "the identity holds the control character U+0000 at position 1"),
                Arguments.of("\u001B[2J", "the identity holds the control character U+001B at position 0"),
                Arguments.of("cr\rlf\n", "the identity holds the control character U+000D at position 2"),
                Arguments.of(null, "an identity must not be empty"));
    }

    @ParameterizedTest
    @MethodSource("keysThatAreNoIdentity")
    void shouldSetAsideARecordWhoseKeyIsNoDataIdentityAndLeaveTheStoreAsItWas(String key, String rule)
            throws IOException {
        start(InputLimits.defaults());
        writeGood(T0);
        Map<Bytes, Bytes> before = storeContents();
        telemetry.pipeInput(key, batch(new PeriodicBurst(1L, T0, S, 2, samples(2, 8))));
        Map<Bytes, Bytes> after = storeContents();
        writeGood(T0 + 10 * S);

        DeadLetter letter = onlyDeadLetter(topics.telemetry().name() + "/0/1");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getReason()).startsWith("record key (data identity): " + rule);
        assertThat(decode(letter)).isEqualTo(batch(new PeriodicBurst(1L, T0, S, 2, samples(2, 8))));
        assertThat(after).isEqualTo(before);
        assertThat(times(GOOD, DataKind.PERIODIC)).hasSize(20);
    }

    @Test
    void shouldSetAsideATombstone() throws IOException {
        start(InputLimits.defaults());
        telemetry.pipeInput(GOOD, (TelemetryBatch) null);
        writeGood(T0);

        assertThat(onlyDeadLetter(topics.telemetry().name() + "/0/0").getReason()).startsWith("value: ");
        assertThat(times(GOOD, DataKind.PERIODIC)).hasSize(10);
    }

    @Test
    void shouldSetAsideAnUndecodableRecordWithItsBytesAndApplyTheRecordsAroundIt() throws IOException {
        start(InputLimits.defaults());
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.telemetry().name(),
                Serdes.String().serializer(), new ByteArraySerializer());
        writeGood(T0);
        raw.pipeInput(GOOD, "not a TelemetryBatch".getBytes(StandardCharsets.UTF_8));
        writeGood(T0 + 10 * S);

        DeadLetter letter = onlyDeadLetter(topics.telemetry().name() + "/0/1");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.DESERIALIZATION);
        assertThat(array(letter.getValue())).isEqualTo("not a TelemetryBatch".getBytes(StandardCharsets.UTF_8));
        assertThat(times(GOOD, DataKind.PERIODIC)).hasSize(20);
    }

    @Test
    void shouldApplyTheValidBurstsAndSetAsideTheInvalidOnesAsOneBatch() throws IOException {
        start(InputLimits.defaults().withMaxRowChannels(3));
        PeriodicBurst first = new PeriodicBurst(1L, T0, S, 2, samples(2, 8));
        PeriodicBurst noSamples = new PeriodicBurst(1L, T0, S, 0, samples(1, 8));
        PeriodicBurst second = new PeriodicBurst(1L, T0 + 2 * S, S, 2, samples(2, 8));
        RowBurst wideRow = new RowBurst(List.of(1L, 2L, 3L, 4L), T0, samples(1, 16));
        TimestampedBurst tooManyDeltas = new TimestampedBurst(2L, T0, 1L, ByteBuffer.wrap(new byte[100_001]),
                samples(1, 8));
        telemetry.pipeInput("mixed", new TelemetryBatch(List.of(first, noSamples, second, wideRow, tooManyDeltas)));

        assertThat(times("mixed", DataKind.PERIODIC)).containsExactly(T0, T0 + S, T0 + 2 * S, T0 + 3 * S);
        assertThat(times("mixed", DataKind.ROW)).isEmpty();
        DeadLetter letter = onlyDeadLetter(topics.telemetry().name() + "/0/0");
        assertThat(letter.getStage()).isEqualTo(DeadLetters.VALIDATION);
        assertThat(letter.getReason()).isEqualTo("3 of 5 burst(s) set aside (the others were applied): "
                + "bursts[1]: periodic_data.samples is 0: a result needs at least one sample; "
                + "bursts[3]: row_data.channel_ids count is 4; at most 3 allowed (MaxRowChannels); "
                + "bursts[4]: timestamped_data.timestamp_deltas is 100001 bytes: more than a result's 10000 samples");
        assertThat(decode(letter).getBursts()).containsExactly(noSamples, wideRow, tooManyDeltas);
    }

    @Test
    void shouldListTheFirstProblemsOfARecordWithManyInvalidBursts() {
        start(InputLimits.defaults());
        List<Object> bursts = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            bursts.add(new RowBurst(List.of(), T0, samples(1, 4)));
        }
        telemetry.pipeInput("rows", new TelemetryBatch(bursts));

        String reason = onlyDeadLetter(topics.telemetry().name() + "/0/0").getReason();
        assertThat(reason).startsWith("all 15 burst(s) set aside: bursts[0]: row_data.channel_ids is empty")
                .contains("bursts[9]: ").doesNotContain("bursts[10]").endsWith("; and 5 more");
    }

    @Test
    void shouldKeepARecordSpreadOverManySlotsReadableWithBoundedSeriesMetadata() throws IOException {
        start(InputLimits.defaults());
        int samples = 3_000;
        // one sample every 1000 s: each in a slot of its own (slots are at most 100 s)
        telemetry.pipeInput("sparse", batch(new PeriodicBurst(1L, T0, 1000 * S, samples, samples(samples, 2))));

        List<Long> times = times("sparse", DataKind.PERIODIC);
        assertThat(times).hasSize(samples);
        assertThat(times.get(samples - 1)).isEqualTo(T0 + (samples - 1) * 1000 * S);
        ChannelMeta meta = ChannelMeta.decode(store().get(ChunkKeys.meta(ChunkKeys.identityBytes("sparse"),
                ChannelRef.channel(DataKind.PERIODIC, 1L))));
        // only the newest slot is left pending: the record moved past every other slot, written final at once
        assertThat(meta.pendingSlots()).containsExactly(T0 + (samples - 1) * 1000 * S);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    // --- helpers ---

    private void writeGood(long start) {
        telemetry.pipeInput(GOOD, batch(new PeriodicBurst(1L, start, S, 10, samples(10, 8))));
    }

    private static TelemetryBatch batch(Object burst) {
        return new TelemetryBatch(List.of(burst));
    }

    private static ByteBuffer samples(int samples, int width) {
        byte[] bytes = new byte[samples * width];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return ByteBuffer.wrap(bytes);
    }

    private static TimestampedBurst timestamped(long start, long scale, List<Long> deltas) {
        return new TimestampedBurst(1L, start, scale, Bursts.packDeltas(deltas), samples(deltas.size(), 4));
    }

    private static EventBurst event(long time) {
        return new EventBurst(3, "app", time, "status", List.of(1.5));
    }

    private static DataKind kindOf(Object burst) {
        if (burst instanceof PeriodicBurst) {
            return DataKind.PERIODIC;
        }
        if (burst instanceof TimestampedBurst) {
            return DataKind.TIMESTAMPED;
        }
        return burst instanceof RowBurst ? DataKind.ROW : DataKind.EVENTS;
    }

    private DeadLetter onlyDeadLetter(String key) {
        List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly(key);
        return letters.get(0).value();
    }

    private TelemetryBatch decode(DeadLetter letter) {
        return topics.telemetry().valueSerde().deserializer().deserialize(topics.telemetry().name(),
                array(letter.getValue()));
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private List<Long> times(String identity, DataKind kind) throws IOException {
        return times(identity, kind, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Every sample or event time the view serves for the read, checking each lies inside its chunk. */
    private List<Long> times(String identity, DataKind kind, long from, long to) throws IOException {
        List<Long> times = new ArrayList<>();
        new ChunkStoreView(store()).read(new ChunkRead(identity, kind, ChannelsExpression.parse("0-"),
                from, to), chunk -> {
                    byte[] list = Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(),
                            chunk.unpackedLength());
                    for (long time : timesIn(kind, list)) {
                        assertThat(time).isBetween(chunk.startTime(), chunk.endTime());
                        if (time >= from && time <= to) {
                            times.add(time);
                        }
                    }
                });
        return times;
    }

    private static List<Long> timesIn(DataKind kind, byte[] list) throws IOException {
        List<Long> times = new ArrayList<>();
        switch (kind) {
            case PERIODIC -> {
                for (PeriodicData data : PeriodicDataList.parseFrom(list).getPeriodicDataList()) {
                    for (int i = 0; i < data.getSamples(); i++) {
                        times.add(data.getStartTimestamp() + i * data.getInterval());
                    }
                }
            }
            case TIMESTAMPED -> {
                for (TimestampedData data : TimestampedDataList.parseFrom(list).getTimestampedDataList()) {
                    long time = data.getStartTimestamp();
                    for (long delta : data.getTimestampDeltasList()) {
                        time += delta * data.getTimestampDeltasScale();
                        times.add(time);
                    }
                }
            }
            case ROW -> {
                for (RowData data : RowDataList.parseFrom(list).getRowDataList()) {
                    times.add(data.getTimestamp());
                }
            }
            case EVENTS -> {
                for (Event event : EventsList.parseFrom(list).getEventsList()) {
                    times.add(event.getTimestamp());
                }
            }
        }
        return times;
    }

    private KeyValueStore<Bytes, byte[]> store() {
        return driver.getKeyValueStore(ChunkTopology.CHUNK_STORE);
    }

    private Map<Bytes, Bytes> storeContents() {
        Map<Bytes, Bytes> contents = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store().all()) {
            it.forEachRemaining(entry -> contents.put(entry.key, Bytes.wrap(entry.value)));
        }
        return contents;
    }
}
