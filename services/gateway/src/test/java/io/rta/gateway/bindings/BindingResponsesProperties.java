package io.rta.gateway.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.rta.gateway.bindings.Wire.Chunk;
import io.rta.gateway.bindings.Wire.Decoded;
import io.rta.gateway.bindings.Wire.Sample;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.DataKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random bindings (channel maps, offsets, windows) over random chunk streams of every kind: what the client decodes
 * is, sample by sample, what the brute-force {@link Reference} says, and every chunk header states its samples' span
 * and channels. Seeded ({@code -Drta.property.seed=<n>} varies it); a failure names the seed and the case.
 */
class BindingResponsesProperties {

    private static final long SEED = Long.getLong("rta.property.seed", 0x5EED_0013L);
    private static final int CASES = 1500;
    private static final Comparator<Sample> ORDER = Comparator.comparing(Sample::channel)
            .thenComparingLong(Sample::time)
            .thenComparing(Sample::value, ByteString.unsignedLexicographicalComparator());

    @Test
    void shouldAnswerWhatTheBruteForceReferenceAnswers() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        long compared = 0;
        long clippedAway = 0;
        for (int n = 0; n < CASES; n++) {
            DataKind kind = DataKind.values()[random.nextInt(DataKind.values().length)];
            List<DataBinding> bindings = new ArrayList<>();
            List<List<Chunk>> upstream = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                DataBinding binding = binding(random, i);
                bindings.add(binding);
                upstream.add(chunks(random, kind, binding));
            }
            DataRequest request = new DataRequest(kind.pathName(), kind.hasChannels() ? channels(random) : null,
                    null, null);
            String label = "seed " + SEED + " case " + n + ": " + request + " over " + bindings;
            List<Decoded> chunks = BindingResponsesTest.run(request, bindings, upstream);
            List<Sample> expected = BindingResponsesTest.expected(request, bindings, upstream);
            List<Sample> actual = Wire.flatten(chunks);
            compared += expected.size();
            for (List<Chunk> answer : upstream) {
                clippedAway += Wire.samples(kind, answer).size();
            }
            if (BindingPlanner.plan(request, bindings).size() == 1) {
                assertThat(Reference.byChannel(actual)).as(label).isEqualTo(Reference.byChannel(expected));
            } else {
                assertThat(actual.stream().sorted(ORDER).toList()).as(label)
                        .isEqualTo(expected.stream().sorted(ORDER).toList());
            }
            try {
                BindingResponsesTest.assertHeadersTrue(chunks);
            } catch (AssertionError e) {
                throw new AssertionError(label + ": " + e.getMessage(), e);
            }
        }
        // not vacuous: many samples came through, and many were clipped or not asked for
        assertThat(compared).isGreaterThan(5L * CASES);
        assertThat(clippedAway - compared).isGreaterThan(5L * CASES);
    }

    private static DataBinding binding(SplittableRandom random, int index) {
        List<ChannelBinding> channels = new ArrayList<>();
        int channelBindings = random.nextInt(3);
        for (int i = 0; i < channelBindings; i++) {
            long firstSession = random.nextInt(30);
            channels.add(new ChannelBinding(random.nextInt(16), firstSession,
                    firstSession + random.nextInt(22) - 1));
        }
        long offset = random.nextInt(3) == 0 ? 0 : random.nextLong(-1000, 1000);
        Long start = random.nextInt(3) == 0 ? null : (Long) random.nextLong(0, 1500);
        Long end = random.nextInt(3) == 0 ? null : (Long) ((start == null ? 0 : start) + random.nextLong(-50, 2500));
        return new DataBinding("source" + index, "identity " + index, index, start, end, offset, channels);
    }

    private static String channels(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return "0-";
        }
        List<String> terms = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int from = random.nextInt(40);
            terms.add(random.nextInt(3) == 0 ? hex(from) : hex(from) + "-" + hex(from + random.nextInt(30)));
        }
        return String.join(",", terms);
    }

    private static String hex(long id) {
        return Long.toHexString(id).toUpperCase(Locale.ROOT);
    }

    private static List<Chunk> chunks(SplittableRandom random, DataKind kind, DataBinding binding)
            throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        int count = random.nextInt(5);
        for (int c = 0; c < count; c++) {
            long channel = random.nextInt(25);
            long[] ids = switch (kind) {
                case PERIODIC, TIMESTAMPED -> new long[] {channel};
                case ROW -> rowChannels(random, binding);
                case EVENTS -> new long[0];
            };
            if (ids == null) {
                continue;
            }
            Message list = list(random, kind, ids, random.nextLong(0, 1500));
            List<Sample> samples = Wire.samples(kind, list.toByteArray());
            if (samples.isEmpty()) {
                continue;
            }
            long start = samples.stream().mapToLong(Sample::time).min().orElseThrow();
            long end = samples.stream().mapToLong(Sample::time).max().orElseThrow();
            chunks.add(new Chunk(start, end, ids, list));
        }
        return chunks;
    }

    /** Channels of a row set that the binding maps (a row the binding cannot map is refused, not tested here). */
    private static long[] rowChannels(SplittableRandom random, DataBinding binding) {
        List<Long> mapped = new ArrayList<>();
        for (long data = 0; data < 30; data++) {
            for (ChannelBinding channels : binding.channelBindings()) {
                long last = channels.firstDataChannel() + channels.lastSessionChannel()
                        - channels.firstSessionChannel();
                if (data >= channels.firstDataChannel() && data <= last && !mapped.contains(data)) {
                    mapped.add(data);
                }
            }
        }
        if (binding.channelBindings().isEmpty()) {
            mapped.addAll(List.of(0L, 1L, 2L, 3L, 4L));
        }
        if (mapped.isEmpty()) {
            return null;
        }
        int size = 1 + random.nextInt(Math.min(3, mapped.size()));
        long[] ids = new long[size];
        int first = random.nextInt(mapped.size() - size + 1);
        for (int i = 0; i < size; i++) {
            ids[i] = mapped.get(first + i);
        }
        return ids;
    }

    private static Message list(SplittableRandom random, DataKind kind, long[] ids, long time) {
        int entries = 1 + random.nextInt(4);
        long t = time;
        switch (kind) {
            case PERIODIC -> {
                PeriodicDataList.Builder list = PeriodicDataList.newBuilder();
                for (int e = 0; e < entries; e++) {
                    int samples = 1 + random.nextInt(12);
                    long interval = 1 + random.nextInt(50);
                    list.addPeriodicData(Wire.periodic(ids[0], t, interval, buffer(random, samples), samples));
                    t += interval * samples + random.nextInt(30);
                }
                return list.build();
            }
            case TIMESTAMPED -> {
                TimestampedDataList.Builder list = TimestampedDataList.newBuilder();
                for (int e = 0; e < entries; e++) {
                    int samples = 1 + random.nextInt(12);
                    long scale = 1 + random.nextInt(20);
                    long[] deltas = new long[samples];
                    for (int i = 1; i < samples; i++) {
                        deltas[i] = random.nextInt(6);
                    }
                    deltas[0] = random.nextInt(8) == 0 ? 1 : 0;
                    list.addTimestampedData(Wire.timestamped(ids[0], t, scale, deltas, buffer(random, samples)));
                    t += scale * java.util.Arrays.stream(deltas).sum() + 1 + random.nextInt(30);
                }
                return list.build();
            }
            case ROW -> {
                RowDataList.Builder list = RowDataList.newBuilder();
                for (int e = 0; e < entries; e++) {
                    byte[] buffer = new byte[1 + random.nextInt(6)];
                    random.nextBytes(buffer);
                    list.addRowData(Wire.row(ids, t, buffer));
                    t += random.nextInt(40);
                }
                return list.build();
            }
            default -> {
                EventsList.Builder list = EventsList.newBuilder();
                for (int e = 0; e < entries; e++) {
                    list.addEvents(Wire.event(random.nextInt(3), t, random.nextBoolean() ? "" : "status " + e,
                            random.nextDouble()));
                    t += random.nextInt(40);
                }
                return list.build();
            }
        }
    }

    private static byte[] buffer(SplittableRandom random, int samples) {
        byte[] buffer = new byte[samples * (1 + random.nextInt(4))];
        random.nextBytes(buffer);
        return buffer;
    }
}
