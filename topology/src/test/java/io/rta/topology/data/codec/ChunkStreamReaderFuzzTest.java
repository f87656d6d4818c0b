package io.rta.topology.data.codec;

import static io.rta.schemas.PropertyCheck.anyLong;
import static io.rta.schemas.PropertyCheck.bytes;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.listOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.rta.topology.data.StoredChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkStreamReader} on arbitrary input (it reads streams from other instances and clients): valid streams
 * round-trip; any bytes — arbitrary length prefixes, header protobufs with arbitrary fields and claimed lengths,
 * payloads of any size — give chunks or an {@link IOException} naming the chunk, never another exception; a claimed
 * payload or header length is not allocated before the bytes are there.
 */
class ChunkStreamReaderFuzzTest {

    record Chunks(long seed, int count) {
    }

    record Corruption(long seed, int count, int at, int claim, boolean truncate) {
    }

    @Test
    void validStreamsRoundTrip() {
        forAll(300, random -> new Chunks(anyLong(random), intBetween(random, 0, 40)), input -> {
            List<StoredChunk> written = ChunkStreamWriterTest.randomChunks(new Random(input.seed()), input.count());

            List<StoredChunk> read = ChunkStreamReader.readAll(new ByteArrayInputStream(write(written)));

            assertThat(read).map(ChunkStreamReaderFuzzTest::flat)
                    .containsExactlyElementsOf(written.stream().map(ChunkStreamReaderFuzzTest::flat).toList());
        });
    }

    @Test
    void arbitraryBytesGiveChunksOrAnIoException() {
        forAll(3000, random -> bytes(random, 400), ChunkStreamReaderFuzzTest::readOrRefuse);
    }

    @Test
    void arbitraryHeadersGiveChunksOrAnIoException() {
        forAll(3000, ChunkStreamReaderFuzzTest::frames, frames -> readOrRefuse(concat(frames)));
    }

    @Test
    void corruptedStreamsGiveChunksOrAnIoException() {
        forAll(2000, random -> new Corruption(anyLong(random), intBetween(random, 1, 8),
                intBetween(random, 0, 100_000), CodecGenerators.claim(random), random.nextBoolean()), input -> {
            byte[] valid = write(ChunkStreamWriterTest.randomChunks(new Random(input.seed()), input.count()));
            byte[] corrupt = valid.clone();
            int at = input.at();
            if (input.truncate()) {
                corrupt = Arrays.copyOf(valid, at % valid.length);
            } else {
                byte[] varint = varint(input.claim());
                int position = at % corrupt.length;
                System.arraycopy(varint, 0, corrupt, position, Math.min(varint.length, corrupt.length - position));
            }
            readOrRefuse(corrupt);
        });
    }

    @Test
    void aClaimedPayloadIsNotAllocatedBeforeItsBytesArrive() {
        forAll(100, random -> intBetween(random, 4 << 20, ChunkStreamReader.MAX_PAYLOAD_LENGTH), packedLength -> {
            byte[] stream = concat(List.of(frame(header(1, 0, 1, 100, packedLength)), new byte[] {1, 2, 3}));

            // the payload array starts at 1 MiB at most and grows only as bytes arrive
            assertThat(Allocations.of(() -> ChunkStreamReader.readAll(new ByteArrayInputStream(stream))))
                    .isLessThan(2 << 20);
        });
    }

    private static void readOrRefuse(byte[] stream) {
        for (boolean headersOnly : new boolean[] {false, true}) {
            ChunkStreamReader reader = new ChunkStreamReader(new ByteArrayInputStream(stream));
            try {
                while ((headersOnly ? reader.readHeader() : reader.read()) != null) {
                    assertThat(reader.bytesRead()).isLessThanOrEqualTo(stream.length);
                }
            } catch (IOException refused) {
                assertThat(refused.getMessage()).startsWith("chunk " + reader.chunksRead() + ": ");
            }
        }
    }

    /** 1 to 4 frames of a length prefix and a header of arbitrary known and unknown fields, then payload bytes. */
    private static List<byte[]> frames(SplittableRandom random) {
        return listOf(random, 1, 4, ChunkStreamReaderFuzzTest::framed);
    }

    private static byte[] framed(SplittableRandom random) {
        byte[] fields = header(anyLong(random), anyLong(random), CodecGenerators.claim(random),
                CodecGenerators.claim(random), CodecGenerators.claim(random));
        int how = intBetween(random, 0, 2);
        byte[] payload = bytes(random, 64);
        int prefix = CodecGenerators.claim(random);
        return switch (how) {
            case 0 -> concat(List.of(frame(fields), payload));
            case 1 -> concat(List.of(littleEndian(prefix), fields, payload));
            default -> concat(List.of(frame(concat(List.of(fields, new byte[] {(byte) 0x1A}, varint(prefix),
                    payload))), payload));
        };
    }

    private static byte[] header(long start, long duration, int compression, int unpacked, int packed) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeSInt64(1, start);
            out.writeSInt64(2, duration);
            out.writeInt32(4, compression);
            out.writeInt32(5, unpacked);
            out.writeInt32(6, packed);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] frame(byte[] header) {
        return concat(List.of(littleEndian(header.length), header));
    }

    private static byte[] littleEndian(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return out.toByteArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] write(List<StoredChunk> chunks) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChunkStreamWriter writer = new ChunkStreamWriter(out);
            for (StoredChunk chunk : chunks) {
                writer.write(chunk);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String flat(StoredChunk chunk) {
        return chunk.startTime() + ".." + chunk.endTime() + " " + Arrays.toString(chunk.channelIds()) + " "
                + chunk.unpackedLength() + " " + Arrays.toString(Arrays.copyOfRange(chunk.payload(),
                chunk.payloadOffset(), chunk.payloadOffset() + chunk.payloadLength()));
    }
}
