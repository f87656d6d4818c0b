package io.rta.topology.data.codec;

import static io.rta.topology.data.WorkedExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.model.net.chunks.ChunkTransferHeader;
import io.rta.topology.data.StoredChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkStreamWriterTest {

    /** 11:50:55Z to 11:51:04Z, channel 16, a 5-byte payload unpacking to 48 bytes. */
    static final StoredChunk FIRST = new StoredChunk(1_620_129_055_000_000_000L, 1_620_129_064_000_000_000L,
            new long[] {16}, 48, hex("0102030405"), 0, 5);
    /** 15 s later, 5 s shorter (a negative duration delta), channels 16 and 300, a 3-byte payload. */
    static final StoredChunk SECOND = new StoredChunk(1_620_129_070_000_000_000L, 1_620_129_074_000_000_000L,
            new long[] {16, 300}, 70, hex("FFAABBCCFF"), 1, 3);

    /** {@link #FIRST} then {@link #SECOND}, encoded by hand. */
    static final String TWO_CHUNKS = ""
            + "19000000"                       // header length 25, 4 bytes little-endian
            + "08 80D883D9D5B2EDFB2C"          // chunk_start_time_delta (1, varint): zigzag(1620129055e9) = 2n
            + "10 80E8888743"                  // chunk_duration_delta (2): zigzag(9e9) = 18e9
            + "1A 01 10"                       // channel_ids (3, length 1): packed 16
            + "20 01"                          // compression_delta (4) = 1: LZ4 from the first chunk
            + "28 30"                          // unpacked_length (5) = 48
            + "30 05"                          // packed_length (6) = 5
            + "0102030405"                     // payload
            + "15000000"                       // header length 21
            + "08 80D88EE16F"                  // chunk_start_time_delta: zigzag(15e9) = 30e9
            + "10 FFC7AFA025"                  // chunk_duration_delta: zigzag(4e9 - 9e9 = -5e9) = 2 x 5e9 - 1
            + "1A 03 10 AC02"                  // channel_ids (length 3): 16, 300 (0x12C = AC 02)
            //                                    compression_delta 0 is omitted (proto3 default)
            + "28 46"                          // unpacked_length = 70
            + "30 03"                          // packed_length = 3
            + "AABBCC";

    @Test
    void shouldWriteATwoChunkStreamByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkStreamWriter writer = new ChunkStreamWriter(out);

        writer.write(FIRST);
        writer.write(SECOND);

        assertThat(out.toByteArray()).isEqualTo(hex(TWO_CHUNKS));
        assertThat(writer.bytesWritten()).isEqualTo(hex(TWO_CHUNKS).length);
    }

    @Test
    void shouldWriteHeadersIdenticalToTheGeneratedClass() throws IOException {
        Random random = new Random(3);
        List<StoredChunk> chunks = randomChunks(random, 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkStreamWriter writer = new ChunkStreamWriter(out);
        for (StoredChunk chunk : chunks) {
            writer.write(chunk);
        }

        assertThat(out.toByteArray()).isEqualTo(generatedStream(chunks));
    }

    @Test
    void shouldOmitChannelIdsForEvents() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChunkStreamWriter(out).write(new StoredChunk(10, 10, new long[0], 1, hex("00"), 0, 1));

        // start delta zigzag(10) = 20 (0x14); duration 0 omitted; no channel_ids; compression 1; lengths 1 and 1
        assertThat(out.toByteArray()).isEqualTo(hex("08000000 0814 2001 2801 3001 00"));
    }

    @Test
    void shouldWriteAnEmptyChunkWithOnlyItsCompression() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChunkStreamWriter(out).write(new StoredChunk(0, 0, null, 0, new byte[0], 0, 0));

        assertThat(out.toByteArray()).isEqualTo(hex("02000000 2001"));
    }

    @Test
    void shouldRejectAChunkEndingBeforeItStarts() {
        StoredChunk backwards = new StoredChunk(10, 9, new long[] {1}, 1, hex("00"), 0, 1);

        assertThatThrownBy(() -> new ChunkStreamWriter(new ByteArrayOutputStream()).write(backwards))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk ends at 9, before its start 10");
    }

    @Test
    void shouldRejectChannelIdsOutsideUint32() {
        StoredChunk chunk = new StoredChunk(0, 1, new long[] {1L << 32}, 1, hex("00"), 0, 1);

        assertThatThrownBy(() -> new ChunkStreamWriter(new ByteArrayOutputStream()).write(chunk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk channel id 4294967296 is outside 0..4294967295");
    }

    @Test
    void shouldRejectPayloadBoundsOutsideTheArray() {
        StoredChunk chunk = new StoredChunk(0, 1, new long[] {1}, 1, hex("00"), 1, 1);

        assertThatThrownBy(() -> new ChunkStreamWriter(new ByteArrayOutputStream()).write(chunk))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Chunks with random starts (some going back in time), durations (some shrinking) and channel sets. */
    static List<StoredChunk> randomChunks(Random random, int count) {
        List<StoredChunk> chunks = new ArrayList<>();
        long start = 1_620_129_055_000_000_000L;
        for (int i = 0; i < count; i++) {
            start += random.nextInt(10) == 0 ? -random.nextInt(1_000_000_000) : random.nextLong() >>> 34;
            long duration = random.nextInt(5) == 0 ? 0 : random.nextLong() >>> 30;
            long[] channels = new long[random.nextInt(4) == 0 ? random.nextInt(40) : 1];
            for (int c = 0; c < channels.length; c++) {
                channels[c] = random.nextBoolean() ? random.nextInt(1000) : random.nextLong() >>> 32;
            }
            byte[] payload = new byte[random.nextInt(200) + 2];
            random.nextBytes(payload);
            int offset = random.nextInt(2);
            chunks.add(new StoredChunk(start, start + duration, channels, random.nextInt(100_000), payload, offset,
                    payload.length - offset - random.nextInt(2)));
        }
        return chunks;
    }

    /** The same stream through the generated {@link ChunkTransferHeader}. */
    static byte[] generatedStream(List<StoredChunk> chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long previousStart = 0;
        long previousDuration = 0;
        for (int i = 0; i < chunks.size(); i++) {
            StoredChunk chunk = chunks.get(i);
            long duration = chunk.endTime() - chunk.startTime();
            ChunkTransferHeader.Builder header = ChunkTransferHeader.newBuilder()
                    .setChunkStartTimeDelta(chunk.startTime() - previousStart)
                    .setChunkDurationDelta(duration - previousDuration)
                    .setCompressionDelta(i == 0 ? 1 : 0)
                    .setUnpackedLength(chunk.unpackedLength())
                    .setPackedLength(chunk.payloadLength());
            Arrays.stream(chunk.channelIds()).forEach(id -> header.addChannelIds((int) id));
            byte[] headerBytes = header.build().toByteArray();
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(headerBytes.length).array());
            out.write(headerBytes);
            out.write(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength());
            previousStart = chunk.startTime();
            previousDuration = duration;
        }
        return out.toByteArray();
    }
}
