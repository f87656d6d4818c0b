package io.rta.it.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder against streams built by hand from the spec and the devguide worked examples (channel 16,
 * 2021-05-04T11:50:55Z), with no compressor involved: each payload is an LZ4 block of literals only (token F0 =
 * 15 + more literals, one extra length byte, then the bytes).
 */
class ChunkedWireDecoderTest {

    private static final long START = 1_620_129_055_000_000_000L;

    /** PeriodicDataList holding the first burst of the periodic worked example (39 bytes). */
    private static final String PERIODIC_LIST_1 = "0A25"
            + "0810 11007690ADCADA7B16 1880E497D012 2002 2A10 6666666666662940CDCCCCCCCCCC2D40";
    /** PeriodicDataList holding the second burst, after the skipped sample (31 bytes). */
    private static final String PERIODIC_LIST_2 = "0A1D"
            + "0810 11004CA22BCEDA7B16 1880E497D012 2001 2A08 3333333333333540";

    private static final String PERIODIC_STREAM = ""
            + "19000000"                  // header length 25
            + "08 80D883D9D5B2EDFB2C"     // chunk_start_time_delta: zigzag(1620129055000000000)
            + "10 80C8AFA025"             // chunk_duration_delta: zigzag(5e9), last sample at 11:51:00
            + "1A 01 10"                  // channel_ids [16]
            + "20 01"                     // compression_delta 1 (LZ4)
            + "28 27"                     // unpacked_length 39
            + "30 29"                     // packed_length 41
            + "F0 18" + PERIODIC_LIST_1   // 15 + 24 literals
            + "13000000"                  // header length 19
            + "08 80D88EE16F"             // chunk_start_time_delta: zigzag(15e9), 11:51:10
            + "10 FFC7AFA025"             // chunk_duration_delta: zigzag(0 - 5e9)
            + "1A 01 10"                  // channel_ids [16]; compression_delta 0 omitted
            + "28 1F"                     // unpacked_length 31
            + "30 21"                     // packed_length 33
            + "F0 10" + PERIODIC_LIST_2;  // 15 + 16 literals

    /** TimestampedDataList of the timestamped worked example (50 bytes) as one chunk. */
    private static final String TIMESTAMPED_STREAM = ""
            + "19000000"
            + "08 80D883D9D5B2EDFB2C"     // start
            + "10 80E8888743"             // duration 9e9 (deltas 0, 4, 5 s): zigzag 18e9
            + "1A 01 10 20 01 28 32 30 34" // [16], LZ4, unpacked 50, packed 52
            + "F0 23" + "0A30"
            + "0810 11007690ADCADA7B16 188094EBDC03 2203000405"
            + "2A18 6666666666662940CDCCCCCCCCCC2D403333333333333540";

    @Test
    void shouldDecodePeriodicChunksAccumulatingDeltas() throws IOException {
        List<DecodedChunk<PeriodicDataList>> chunks = ChunkedWireDecoder.periodic(hex(PERIODIC_STREAM));

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).startTime()).isEqualTo(START);
        assertThat(chunks.get(0).endTime()).isEqualTo(START + 5_000_000_000L);
        assertThat(chunks.get(1).startTime()).isEqualTo(START + 15_000_000_000L);
        assertThat(chunks.get(1).endTime()).isEqualTo(START + 15_000_000_000L);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.channelIds()).containsExactly(16L);
            assertThat(chunk.compression()).isEqualTo(1);
        });
        assertThat(chunks.get(0).list().getPeriodicData(0).getSamples()).isEqualTo(2);
        PeriodicData second = chunks.get(1).list().getPeriodicData(0);
        assertThat(second.getStartTimestamp()).isEqualTo(1_620_129_070_000_000_000L);
        assertThat(second.getBuffer()).isEqualTo(ByteString.copyFrom(hex("3333333333333540")));
    }

    @Test
    void shouldDecodeTimestampedChunk() throws IOException {
        List<DecodedChunk<TimestampedDataList>> chunks = ChunkedWireDecoder.timestamped(hex(TIMESTAMPED_STREAM));

        TimestampedData data = chunks.get(0).list().getTimestampedData(0);
        assertThat(chunks.get(0).endTime()).isEqualTo(START + 9_000_000_000L);
        assertThat(data.getTimestampDeltasList()).containsExactly(0L, 4L, 5L);
        assertThat(data.getTimestampDeltasScale()).isEqualTo(1_000_000_000L);
        assertThat(data.getStartTimestamp()).isEqualTo(START);
    }

    @Test
    void shouldDecodeAnUncompressedChunk() throws IOException {
        // start zigzag(1) = 2, no compression, unpacked = packed = 2: an empty list item (field 1, length 0)
        List<DecodedChunk<PeriodicDataList>> chunks = ChunkedWireDecoder.periodic(hex("06000000 0802 2802 3002 0A00"));

        assertThat(chunks.get(0).compression()).isZero();
        assertThat(chunks.get(0).list().getPeriodicDataCount()).isEqualTo(1);
    }

    @Test
    void shouldDecodeAnEmptyBodyAsNoChunks() throws IOException {
        assertThat(ChunkedWireDecoder.periodic(new byte[0])).isEmpty();
    }

    @Test
    void shouldReportATruncatedPayload() {
        byte[] body = Arrays.copyOf(hex(PERIODIC_STREAM), 4 + 25 + 10);

        assertThatThrownBy(() -> ChunkedWireDecoder.periodic(body))
                .isInstanceOf(EOFException.class)
                .hasMessage("chunk 0: stream ends inside the payload");
    }

    @Test
    void shouldReportAPayloadOfTheWrongLength() {
        String wrongLength = PERIODIC_STREAM.replace("28 27", "28 28");

        assertThatThrownBy(() -> ChunkedWireDecoder.periodic(hex(wrongLength)))
                .isInstanceOf(IOException.class)
                .hasMessage("chunk 0: payload unpacks to 39 bytes, header says 40");
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s", ""));
    }
}
