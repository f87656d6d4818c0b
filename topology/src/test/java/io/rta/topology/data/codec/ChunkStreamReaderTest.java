package io.rta.topology.data.codec;

import static io.rta.topology.data.WorkedExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.net.chunks.ChunkTransferHeader;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.WorkedExamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkStreamReaderTest {

    @Test
    void shouldReadTheHandComputedStreamAsAbsoluteChunks() throws IOException {
        List<StoredChunk> chunks = ChunkStreamReader.readAll(stream(hex(ChunkStreamWriterTest.TWO_CHUNKS)));

        assertThat(chunks).map(ChunkStreamReaderTest::flat).containsExactly(
                flat(ChunkStreamWriterTest.FIRST), flat(ChunkStreamWriterTest.SECOND));
        assertThat(chunks.get(1).payloadOffset()).isZero();
        assertThat(chunks.get(1).payload()).hasSize(3);
    }

    @Test
    void shouldRoundTripManyChunksIncludingNegativeDeltas() throws IOException {
        List<StoredChunk> written = ChunkStreamWriterTest.randomChunks(new Random(11), 500);
        byte[] bytes = write(written);

        ChunkStreamReader reader = new ChunkStreamReader(stream(bytes));
        List<String> read = new ArrayList<>();
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            read.add(flat(chunk));
        }

        assertThat(read).containsExactlyElementsOf(written.stream().map(ChunkStreamReaderTest::flat).toList());
        assertThat(reader.chunksRead()).isEqualTo(500);
        assertThat(reader.bytesRead()).isEqualTo(bytes.length);
    }

    @Test
    void shouldReadChannelIdsAsUnsigned() throws IOException {
        StoredChunk chunk = new StoredChunk(5, 6, new long[] {0xFFFF_FFFFL, 0x8000_0000L}, 1, hex("00"), 0, 1);

        assertThat(ChunkStreamReader.readAll(stream(write(List.of(chunk)))).get(0).channelIds())
                .containsExactly(0xFFFF_FFFFL, 0x8000_0000L);
    }

    @Test
    void shouldReadHeadersOnlySkippingPayloads() throws IOException {
        byte[] bytes = hex(ChunkStreamWriterTest.TWO_CHUNKS);
        ChunkStreamReader reader = new ChunkStreamReader(new NoSkipInputStream(stream(bytes)));

        ChunkHeader first = reader.readHeader();
        ChunkHeader second = reader.readHeader();

        assertThat(first.startTime()).isEqualTo(1_620_129_055_000_000_000L);
        assertThat(first.endTime()).isEqualTo(1_620_129_064_000_000_000L);
        assertThat(first.channelIds()).containsExactly(16);
        assertThat(first.compression()).isEqualTo(ChunkStreamWriter.COMPRESSION_LZ4);
        assertThat(first.unpackedLength()).isEqualTo(48);
        assertThat(first.packedLength()).isEqualTo(5);
        assertThat(second.startTime()).isEqualTo(1_620_129_070_000_000_000L);
        assertThat(second.endTime()).isEqualTo(1_620_129_074_000_000_000L);
        assertThat(second.channelIds()).containsExactly(16, 300);
        assertThat(second.compression()).isEqualTo(ChunkStreamWriter.COMPRESSION_LZ4);
        assertThat(second.packedLength()).isEqualTo(3);
        assertThat(reader.readHeader()).isNull();
        assertThat(reader.bytesRead()).isEqualTo(bytes.length);
    }

    @Test
    void shouldMixHeadersAndFullChunksOnOneStream() throws IOException {
        ChunkStreamReader reader = new ChunkStreamReader(stream(hex(ChunkStreamWriterTest.TWO_CHUNKS)));

        reader.readHeader();

        assertThat(flat(reader.read())).isEqualTo(flat(ChunkStreamWriterTest.SECOND));
        assertThat(reader.read()).isNull();
    }

    @Test
    void shouldCarryAWorkedExampleListEndToEnd() throws IOException {
        byte[] list = WorkedExamples.periodicList().toByteArray();
        byte[] block = Lz4Block.compress(list, 0, list.length);
        StoredChunk chunk = new StoredChunk(WorkedExamples.START, WorkedExamples.SECOND_PERIODIC_START,
                new long[] {16}, list.length, block, 0, block.length);

        StoredChunk read = ChunkStreamReader.readAll(stream(write(List.of(chunk)))).get(0);
        byte[] unpacked = Lz4Block.decompress(read.payload(), read.payloadOffset(), read.payloadLength(),
                read.unpackedLength());

        assertThat(PeriodicDataList.parseFrom(unpacked)).isEqualTo(WorkedExamples.periodicList());
    }

    @Test
    void shouldReadAnEmptyStreamAsNoChunks() throws IOException {
        assertThat(ChunkStreamReader.readAll(stream(new byte[0]))).isEmpty();
    }

    @Test
    void shouldAcceptUnpackedChannelIdsAndSkipUnknownFields() throws IOException {
        // channel_ids unpacked (tag 18 twice), then unknown field 9 (varint 7), compression 1, lengths 1
        byte[] bytes = hex("0D000000 1810 18AC02 4807 2001 2801 3001 00");

        ChunkHeader header = new ChunkStreamReader(stream(bytes)).readHeader();

        assertThat(header.channelIds()).containsExactly(16, 300);
        assertThat(header.compression()).isEqualTo(1);
    }

    @Test
    void shouldReportTruncationInsideTheLengthPrefix() {
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(hex("1900"))))
                .isInstanceOf(EOFException.class)
                .hasMessage("chunk 0: stream ends after 2 of the 4 header length bytes");
    }

    @Test
    void shouldReportTruncationInsideAHeader() {
        byte[] bytes = Arrays.copyOf(hex(ChunkStreamWriterTest.TWO_CHUNKS), 10);

        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(bytes)))
                .isInstanceOf(EOFException.class)
                .hasMessage("chunk 0: stream ends after 6 of the 25 header bytes");
    }

    @Test
    void shouldReportTruncationInsideAPayloadNamingTheChunk() {
        byte[] all = hex(ChunkStreamWriterTest.TWO_CHUNKS);
        byte[] bytes = Arrays.copyOf(all, all.length - 2);

        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(bytes)))
                .isInstanceOf(EOFException.class)
                .hasMessage("chunk 1: stream ends after 1 of the 3 payload bytes");
        assertThatThrownBy(() -> readAllHeaders(new NoSkipInputStream(stream(bytes))))
                .isInstanceOf(EOFException.class)
                .hasMessage("chunk 1: stream ends after 1 of the 3 payload bytes");
    }

    @Test
    void shouldRejectANegativeHeaderLength() throws IOException {
        List<StoredChunk> three = ChunkStreamWriterTest.randomChunks(new Random(5), 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(write(three));
        bytes.write(hex("FBFFFFFF"));

        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(bytes.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 3: header length -5 is negative");
    }

    @Test
    void shouldRejectAnImplausiblyLongHeader() {
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(hex("00000001"))))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: header length 16777216 exceeds the limit of 1048576 bytes");
    }

    @Test
    void shouldRejectAHeaderThatIsNotProtobuf() {
        // field 1 varint whose continuation bit runs off the end of the header
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(hex("02000000 0880"))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("chunk 0: header is not a ChunkTransferHeader: ");
    }

    @Test
    void shouldRejectNegativeLengths() {
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(frame(header().setPackedLength(-1)))))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: packed_length -1 is negative");
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(frame(header().setUnpackedLength(-7)))))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: unpacked_length -7 is negative");
    }

    @Test
    void shouldRejectAPayloadBeyondTheLimit() {
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(frame(header().setPackedLength(ChunkStreamReader.MAX_PAYLOAD_LENGTH + 1)))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exceeds the limit of 67108864 bytes");
    }

    @Test
    void shouldRejectAnUnpackedLengthBeyondTheLimit() {
        // whoever decodes the chunk allocates its unpacked length: 2 GiB claimed by 3 bytes is refused here
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(frame(header()
                .setUnpackedLength(ChunkStreamReader.MAX_PAYLOAD_LENGTH + 1)))))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: unpacked_length 67108865 exceeds the limit of 67108864 bytes");
    }

    @Test
    void shouldRejectANegativeDuration() {
        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(frame(header().setChunkDurationDelta(-3)))))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: chunk_duration_delta -3 gives a negative duration -3");
    }

    @Test
    void shouldReadUncompressedChunksAsLz4BlocksOfTheirPayload() throws IOException {
        // LZ4, then none (delta -1, whatever unpacked_length says), then LZ4 again (delta +1): the spec allows both
        byte[] list = "an uncompressed list".getBytes(StandardCharsets.UTF_8);
        byte[] block = Lz4Block.compress(list, 0, list.length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(frameWith(header().setCompressionDelta(1).setUnpackedLength(list.length)
                .setPackedLength(block.length), block));
        bytes.write(frameWith(header().setCompressionDelta(-1).setUnpackedLength(7).setPackedLength(list.length),
                list));
        bytes.write(frameWith(header().setCompressionDelta(1).setUnpackedLength(list.length)
                .setPackedLength(block.length), block));

        List<StoredChunk> chunks = ChunkStreamReader.readAll(stream(bytes.toByteArray()));

        assertThat(chunks).hasSize(3);
        for (StoredChunk chunk : chunks) {
            assertThat(chunk.unpackedLength()).isEqualTo(list.length);
            assertThat(Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(),
                    chunk.unpackedLength())).isEqualTo(list);
        }
        assertThat(chunks).extracting(StoredChunk::startTime).containsExactly(100L, 200L, 300L);
    }

    @Test
    void shouldRefuseAnUncompressedPayloadWhoseLz4BlockCouldExceedThePayloadLimit() {
        int largest = ChunkStreamReader.MAX_UNCOMPRESSED_PAYLOAD_LENGTH;
        assertThat(Lz4Block.maxCompressedLength(largest)).isLessThanOrEqualTo(ChunkStreamReader.MAX_PAYLOAD_LENGTH);
        byte[] bytes = frame(header().setCompressionDelta(0).setPackedLength(largest + 1));

        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: uncompressed packed_length " + (largest + 1) + " exceeds the limit of " + largest
                        + " bytes");
    }

    @Test
    void shouldRefuseACompressionThatIsNeitherLz4NorNone() {
        byte[] bytes = frame(header().setCompressionDelta(2).setPackedLength(1));

        assertThatThrownBy(() -> ChunkStreamReader.readAll(stream(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: compression 2 is neither LZ4 (1) nor none (0)");
    }

    /** One chunk: the header and the given payload. */
    private static byte[] frameWith(ChunkTransferHeader.Builder header, byte[] payload) {
        byte[] headerBytes = header.build().toByteArray();
        return ByteBuffer.allocate(4 + headerBytes.length + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(headerBytes.length).put(headerBytes).put(payload).array();
    }

    private static ChunkTransferHeader.Builder header() {
        return ChunkTransferHeader.newBuilder().setChunkStartTimeDelta(100).setCompressionDelta(1)
                .setUnpackedLength(1).setPackedLength(1);
    }

    /** One chunk: the header and up to 16 zero payload bytes (enough for the headers these tests build). */
    private static byte[] frame(ChunkTransferHeader.Builder header) {
        byte[] headerBytes = header.build().toByteArray();
        int payload = Math.max(0, Math.min(header.getPackedLength(), 16));
        return ByteBuffer.allocate(4 + headerBytes.length + payload).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(headerBytes.length).put(headerBytes).array();
    }

    private static void readAllHeaders(InputStream in) throws IOException {
        ChunkStreamReader reader = new ChunkStreamReader(in);
        while (reader.readHeader() != null) {
            // headers only
        }
    }

    private static byte[] write(List<StoredChunk> chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkStreamWriter writer = new ChunkStreamWriter(out);
        for (StoredChunk chunk : chunks) {
            writer.write(chunk);
        }
        return out.toByteArray();
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** A chunk's content, payload slice included, as one comparable string. */
    static String flat(StoredChunk chunk) {
        return chunk.startTime() + ".." + chunk.endTime() + " " + Arrays.toString(chunk.channelIds()) + " "
                + chunk.unpackedLength() + " " + HexFormat.of().formatHex(chunk.payload(), chunk.payloadOffset(),
                chunk.payloadOffset() + chunk.payloadLength());
    }

    /** A stream whose {@code skip} never skips, as some network streams do. */
    private static final class NoSkipInputStream extends FilterInputStream {
        NoSkipInputStream(InputStream in) {
            super(in);
        }

        @Override
        public long skip(long n) {
            return 0;
        }
    }
}
