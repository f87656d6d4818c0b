package io.rta.topology.data.codec;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link ChunkStreamReader} on arbitrary input (it reads streams from other instances and clients): valid streams
 * round-trip; any bytes — arbitrary length prefixes, header protobufs with arbitrary fields and claimed lengths,
 * payloads of any size — give chunks or an {@link IOException} naming the chunk, never another exception; a claimed
 * payload or header length is not allocated before the bytes are there.
 */
class ChunkStreamReaderFuzzTest {

    @Property(tries = 300)
    void validStreamsRoundTrip(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int count) throws IOException {
        List<StoredChunk> written = ChunkStreamWriterTest.randomChunks(new Random(seed), count);

        List<StoredChunk> read = ChunkStreamReader.readAll(new ByteArrayInputStream(write(written)));

        assertThat(read).map(ChunkStreamReaderFuzzTest::flat)
                .containsExactlyElementsOf(written.stream().map(ChunkStreamReaderFuzzTest::flat).toList());
    }

    @Property(tries = 3000)
    void arbitraryBytesGiveChunksOrAnIoException(@ForAll @Size(max = 400) byte[] stream) {
        readOrRefuse(stream);
    }

    @Property(tries = 3000)
    void arbitraryHeadersGiveChunksOrAnIoException(@ForAll("frames") List<byte[]> frames) {
        readOrRefuse(concat(frames));
    }

    @Property(tries = 2000)
    void corruptedStreamsGiveChunksOrAnIoException(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int count,
                                                   @ForAll @IntRange(min = 0, max = 100_000) int at,
                                                   @ForAll("claims") int claim, @ForAll boolean truncate) {
        byte[] valid = write(ChunkStreamWriterTest.randomChunks(new Random(seed), count));
        byte[] corrupt = valid.clone();
        if (truncate) {
            corrupt = Arrays.copyOf(valid, at % valid.length);
        } else {
            byte[] varint = varint(claim);
            int position = at % corrupt.length;
            System.arraycopy(varint, 0, corrupt, position, Math.min(varint.length, corrupt.length - position));
        }
        readOrRefuse(corrupt);
    }

    @Property(tries = 100)
    void aClaimedPayloadIsNotAllocatedBeforeItsBytesArrive(@ForAll @IntRange(min = 4 << 20,
            max = ChunkStreamReader.MAX_PAYLOAD_LENGTH) int packedLength) {
        byte[] stream = concat(List.of(frame(header(1, 0, 1, 100, packedLength)), new byte[] {1, 2, 3}));

        // the payload array starts at 1 MiB at most and grows only as bytes arrive
        assertThat(Allocations.of(() -> ChunkStreamReader.readAll(new ByteArrayInputStream(stream))))
                .isLessThan(2 << 20);
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

    /** Frames of a length prefix and a header of arbitrary known and unknown fields, then a few payload bytes. */
    @Provide
    Arbitrary<List<byte[]>> frames() {
        Arbitrary<byte[]> header = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(),
                        CodecArbitraries.claims(), CodecArbitraries.claims(), CodecArbitraries.claims())
                .as((start, duration, compression, unpacked, packed) -> header(start, duration, compression,
                        unpacked, packed));
        Arbitrary<byte[]> framed = Combinators.combine(header, Arbitraries.integers().between(0, 2),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64), CodecArbitraries.claims())
                .as((fields, how, payload, prefix) -> switch (how) {
                    case 0 -> concat(List.of(frame(fields), payload));
                    case 1 -> concat(List.of(littleEndian(prefix), fields, payload));
                    default -> concat(List.of(frame(concat(List.of(fields, new byte[] {(byte) 0x1A},
                            varint(prefix), payload))), payload));
                });
        return framed.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> claims() {
        return CodecArbitraries.claims();
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
