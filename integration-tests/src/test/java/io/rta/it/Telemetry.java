package io.rta.it;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Deterministic telemetry for the data tests, as a client writes it: burst {@code k} covers the half second
 * {@code [T0 + k·500 ms, T0 + (k+1)·500 ms)} of every series, each series at a steady rate (so the chunk slot size a
 * series gets does not depend on how the writer packed its first record).
 */
final class Telemetry {

    /** A whole multiple of every slot duration (100 s), so slot boundaries fall on burst boundaries. */
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long BURST = 500_000_000L;

    static final int PERIODIC_FAST = 0x10;
    static final int PERIODIC_SLOW = 0x11;
    static final int TIMESTAMPED = 0x20;
    /** Above 2^31: a negative int on the wire, an unsigned id everywhere else. */
    static final int TIMESTAMPED_HIGH = 0x8000_0001;
    static final List<Integer> ROW_SET = List.of(0x30, 0x31, 0x32);
    static final List<Integer> ROW_SINGLE = List.of(0x40);

    private static final Comparator<RowData> ROW_ORDER = Comparator
            .comparing((RowData row) -> row.getChannelIdsList().toString()).thenComparingLong(RowData::getTimestamp);

    private Telemetry() {
    }

    /** Bursts {@code from} (inclusive) to {@code to} (exclusive). */
    static List<WriteDataStreamMessage> bursts(int from, int to) {
        List<WriteDataStreamMessage> messages = new ArrayList<>();
        IntStream.range(from, to).forEach(k -> messages.addAll(burst(k)));
        return messages;
    }

    /** Every series of burst {@code k}: periodic, timestamped, row data and events. */
    static List<WriteDataStreamMessage> burst(int k) {
        List<WriteDataStreamMessage> messages = new ArrayList<>(sampledBurst(k));
        messages.add(event(k, 0, 1));
        messages.add(event(k, 250_000_000L, 2));
        return messages;
    }

    /** Burst {@code k} without events (sampled results only: a rewritten duplicate of those is dropped). */
    static List<WriteDataStreamMessage> sampledBurst(int k) {
        long start = T0 + k * BURST;
        List<WriteDataStreamMessage> messages = new ArrayList<>();
        messages.add(periodic(PERIODIC_FAST, start, 1_000_000L, 500, 8, k));
        messages.add(periodic(PERIODIC_SLOW, start, 2_000_000L, 250, 4, k));
        messages.add(timestamped(TIMESTAMPED, start, 1_000L, 450, 2, k, i -> i % 2 == 0 ? 1_000 : 1_200));
        messages.add(timestamped(TIMESTAMPED_HIGH, start + 3, 10_000_000L, 50, 8, k, i -> 1));
        for (int row = 0; row < 5; row++) {
            messages.add(row(ROW_SET, start + row * 100_000_000L, 4, k * 5 + row));
        }
        messages.add(row(ROW_SINGLE, start + 7, 4, k));
        return messages;
    }

    static WriteDataStreamMessage identity(String identity) {
        return WriteDataStreamMessage.newBuilder().setDataIdentity(identity).build();
    }

    static WriteDataStreamMessage periodic(int channel, long start, long interval, int samples, int width, int seed) {
        return WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder().setChannelId(channel)
                .setStartTimestamp(start).setInterval(interval).setSamples(samples)
                .setBuffer(buffer(samples * width, channel, seed))).build();
    }

    interface Delta {
        long after(int sample);
    }

    static WriteDataStreamMessage timestamped(int channel, long start, long scale, int samples, int width, int seed,
                                              Delta delta) {
        TimestampedData.Builder data = TimestampedData.newBuilder().setChannelId(channel).setStartTimestamp(start)
                .setTimestampDeltasScale(scale).addTimestampDeltas(0);
        for (int i = 1; i < samples; i++) {
            data.addTimestampDeltas(delta.after(i));
        }
        return WriteDataStreamMessage.newBuilder()
                .setTimestampedData(data.setBuffer(buffer(samples * width, channel, seed))).build();
    }

    static WriteDataStreamMessage row(List<Integer> channels, long timestamp, int widthPerChannel, int seed) {
        return WriteDataStreamMessage.newBuilder().setRowData(RowData.newBuilder().addAllChannelIds(channels)
                .setTimestamp(timestamp).setBuffer(buffer(channels.size() * widthPerChannel, channels.get(0), seed)))
                .build();
    }

    static WriteDataStreamMessage event(int k, long offset, int definition) {
        return WriteDataStreamMessage.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(definition)
                .setAppName("it").setTimestamp(T0 + k * BURST + offset).setStatusText("event " + k + "/" + definition)
                .addRawData(k).addRawData(definition / 2.0)).build();
    }

    /** Reproducible bytes that differ per channel and burst, random enough not to compress away. */
    private static ByteString buffer(int length, int channel, int seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(channel * 1_000_003L + seed).nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    static List<PeriodicData> periodic(List<WriteDataStreamMessage> messages) {
        return messages.stream().filter(WriteDataStreamMessage::hasPeriodicData)
                .map(WriteDataStreamMessage::getPeriodicData).toList();
    }

    static List<TimestampedData> timestamped(List<WriteDataStreamMessage> messages) {
        return messages.stream().filter(WriteDataStreamMessage::hasTimestampedData)
                .map(WriteDataStreamMessage::getTimestampedData).toList();
    }

    /** Rows by channel set, then time. */
    static List<RowData> rows(List<WriteDataStreamMessage> messages) {
        return messages.stream().filter(WriteDataStreamMessage::hasRowData).map(WriteDataStreamMessage::getRowData)
                .sorted(ROW_ORDER).toList();
    }

    static List<RowData> sortedRows(List<RowData> rows) {
        return rows.stream().sorted(ROW_ORDER).toList();
    }

    /** Events in time order. */
    static List<Event> events(List<WriteDataStreamMessage> messages) {
        return messages.stream().filter(WriteDataStreamMessage::hasEvent).map(WriteDataStreamMessage::getEvent)
                .sorted(Comparator.comparingLong(Event::getTimestamp)).toList();
    }
}
