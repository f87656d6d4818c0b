package io.rta.gateway.bindings;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.model.net.chunks.ChunkTransferHeader;
import io.rta.topology.data.DataKind;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.ChunkStreamWriter;
import io.rta.topology.data.codec.Lz4Block;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Test side of the wire: chunk streams built with the repository's own writer from generated protobuf lists, and an
 * independent decoder (generated {@code ChunkTransferHeader} parser, the pure-Java LZ4 decoder, generated list
 * parsers) that flattens a response into samples to compare one by one.
 */
final class Wire {

    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.safeInstance().safeDecompressor();

    private Wire() {
    }

    /** One chunk to write: its header span and channels, and its list. */
    record Chunk(long start, long end, long[] channels, Message list) {
    }

    /**
     * One sample as a client sees it: {@code channel} the session channel (periodic, timestamped), the row's channel
     * ids, or "event"; {@code value} the sample's bytes (the row's buffer; the event without its timestamp).
     */
    record Sample(String channel, long time, ByteString value) {
    }

    /** A decoded chunk: its header fields and its samples. */
    record Decoded(long start, long end, List<Long> channels, List<Sample> samples) {
    }

    static byte[] stream(List<Chunk> chunks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChunkStreamWriter writer = new ChunkStreamWriter(bytes);
        try {
            for (Chunk chunk : chunks) {
                byte[] list = chunk.list().toByteArray();
                byte[] block = Lz4Block.compress(list, 0, list.length);
                writer.write(new StoredChunk(chunk.start(), chunk.end(), chunk.channels(), list.length, block, 0,
                        block.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The chunks as a data service that does not compress writes them ({@code compression} 0, which the spec allows):
     * every payload is the list itself.
     */
    static byte[] uncompressedStream(List<Chunk> chunks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long previousStart = 0;
        long previousDuration = 0;
        for (Chunk chunk : chunks) {
            byte[] list = chunk.list().toByteArray();
            ChunkTransferHeader.Builder header = ChunkTransferHeader.newBuilder()
                    .setChunkStartTimeDelta(chunk.start() - previousStart)
                    .setChunkDurationDelta(chunk.end() - chunk.start() - previousDuration)
                    .setUnpackedLength(list.length).setPackedLength(list.length);
            Arrays.stream(chunk.channels()).forEach(id -> header.addChannelIds((int) id));
            byte[] headerBytes = header.build().toByteArray();
            bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(headerBytes.length).array());
            bytes.writeBytes(headerBytes);
            bytes.writeBytes(list);
            previousStart = chunk.start();
            previousDuration = chunk.end() - chunk.start();
        }
        return bytes.toByteArray();
    }

    /** A one-chunk stream with a payload as given (to test malformed answers). */
    static byte[] rawStream(long[] channels, int unpackedLength, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new ChunkStreamWriter(bytes).write(new StoredChunk(100, 100, channels, unpackedLength, payload, 0,
                    payload.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] lz4(byte[] list) {
        return Lz4Block.compress(list, 0, list.length);
    }

    static List<Decoded> decode(DataKind kind, byte[] body) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Decoded> chunks = new ArrayList<>();
        long start = 0;
        long duration = 0;
        int compression = 0;
        while (in.hasRemaining()) {
            byte[] headerBytes = new byte[in.getInt()];
            in.get(headerBytes);
            ChunkTransferHeader header = ChunkTransferHeader.parseFrom(headerBytes);
            start += header.getChunkStartTimeDelta();
            duration += header.getChunkDurationDelta();
            compression += header.getCompressionDelta();
            if (compression != 1) {
                throw new IOException("compression " + compression);
            }
            byte[] packed = new byte[header.getPackedLength()];
            in.get(packed);
            byte[] list = new byte[header.getUnpackedLength()];
            if (LZ4.decompress(packed, 0, packed.length, list, 0) != list.length) {
                throw new IOException("payload length");
            }
            List<Long> channels = header.getChannelIdsList().stream().map(Integer::toUnsignedLong).toList();
            chunks.add(new Decoded(start, start + duration, channels, samples(kind, list)));
        }
        return chunks;
    }

    static List<Sample> samples(DataKind kind, byte[] list) throws IOException {
        List<Sample> samples = new ArrayList<>();
        switch (kind) {
            case PERIODIC -> {
                for (PeriodicData data : PeriodicDataList.parseFrom(list).getPeriodicDataList()) {
                    int width = data.getSamples() == 0 ? 0 : data.getBuffer().size() / data.getSamples();
                    for (int i = 0; i < data.getSamples(); i++) {
                        samples.add(new Sample(Long.toString(Integer.toUnsignedLong(data.getChannelId())),
                                data.getStartTimestamp() + i * data.getInterval(),
                                data.getBuffer().substring(i * width, (i + 1) * width)));
                    }
                }
            }
            case TIMESTAMPED -> {
                for (TimestampedData data : TimestampedDataList.parseFrom(list).getTimestampedDataList()) {
                    int count = data.getTimestampDeltasCount();
                    int width = count == 0 ? 0 : data.getBuffer().size() / count;
                    long sum = 0;
                    for (int i = 0; i < count; i++) {
                        sum += data.getTimestampDeltas(i);
                        samples.add(new Sample(Long.toString(Integer.toUnsignedLong(data.getChannelId())),
                                data.getStartTimestamp() + data.getTimestampDeltasScale() * sum,
                                data.getBuffer().substring(i * width, (i + 1) * width)));
                    }
                }
            }
            case ROW -> {
                for (RowData row : RowDataList.parseFrom(list).getRowDataList()) {
                    samples.add(new Sample(row.getChannelIdsList().stream().map(Integer::toUnsignedLong).toList()
                            .toString(), row.getTimestamp(), row.getBuffer()));
                }
            }
            case EVENTS -> {
                for (Event event : EventsList.parseFrom(list).getEventsList()) {
                    samples.add(new Sample("event", event.getTimestamp(),
                            event.toBuilder().clearTimestamp().build().toByteString()));
                }
            }
        }
        return samples;
    }

    static List<Sample> samples(DataKind kind, List<Chunk> chunks) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (Chunk chunk : chunks) {
            samples.addAll(samples(kind, chunk.list().toByteArray()));
        }
        return samples;
    }

    static List<Sample> flatten(List<Decoded> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.samples().stream()).toList();
    }

    static PeriodicData periodic(long channel, long start, long interval, byte[] buffer, int samples) {
        return PeriodicData.newBuilder().setChannelId((int) channel).setStartTimestamp(start).setInterval(interval)
                .setSamples(samples).setBuffer(ByteString.copyFrom(buffer)).build();
    }

    static TimestampedData timestamped(long channel, long start, long scale, long[] deltas, byte[] buffer) {
        TimestampedData.Builder data = TimestampedData.newBuilder().setChannelId((int) channel)
                .setStartTimestamp(start).setTimestampDeltasScale(scale).setBuffer(ByteString.copyFrom(buffer));
        Arrays.stream(deltas).forEach(data::addTimestampDeltas);
        return data.build();
    }

    static RowData row(long[] channels, long time, byte[] buffer) {
        RowData.Builder row = RowData.newBuilder().setTimestamp(time).setBuffer(ByteString.copyFrom(buffer));
        Arrays.stream(channels).forEach(id -> row.addChannelIds((int) id));
        return row.build();
    }

    static Event event(int definition, long time, String status, double... raw) {
        Event.Builder event = Event.newBuilder().setEventDefinitionId(definition).setAppName("app")
                .setTimestamp(time).setStatusText(status);
        Arrays.stream(raw).forEach(event::addRawData);
        return event.build();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
