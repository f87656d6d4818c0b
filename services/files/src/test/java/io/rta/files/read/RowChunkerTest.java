package io.rta.files.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.service.chunks.ChunkLimits;
import io.rta.service.chunks.SampleType;
import io.rta.service.chunks.TimeWindows;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Row data chunks of a row-layout file mapping, against the generated message classes. */
class RowChunkerTest {

    private static final long S = 1_000_000_000L;
    private static final TimeWindows WINDOWS = new TimeWindows(S, 100);

    /** Row set: x (channel 16, double), y (17, uint16), z (18, float): the devguide's worked example. */
    private static final SchemaMapping WORKED_EXAMPLE = SchemaMapping.newBuilder().putProperties("layout", "row")
            .addFieldMappings(field("x", 16, TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64))
            .addFieldMappings(field("y", 17, TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_UINT16))
            .addFieldMappings(field("z", 18, TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_FLOAT32))
            .build();

    private static FieldMapping field(String column, int channel, TargetChannelDataType type) {
        return FieldMapping.newBuilder().setSourceField(column).setTargetChannel(channel)
                .setTargetChannelDataType(type).build();
    }

    private final List<StoredChunk> sent = new ArrayList<>();
    private final ChunkCache cache = new ChunkCache(1 << 30);

    private RowChunker chunker(FileMapping mapping, long from) {
        ChunkCache.RowSet set = ChunkCache.RowSet.of(mapping.columns());
        return new RowChunker("a.csv", WINDOWS, mapping, from, sent::add, cache,
                window -> new ChunkCache.Key("f", "time@ns", set, window));
    }

    private static RowDataList list(StoredChunk chunk) throws IOException {
        return RowDataList.parseFrom(Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(),
                chunk.payloadLength(), chunk.unpackedLength()));
    }

    private static byte[] unpacked(StoredChunk chunk) {
        return Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(),
                chunk.unpackedLength());
    }

    @Test
    void shouldEncodeTheDevguidesWorkedExampleByteForByte() throws IOException {
        FileMapping mapping = FileMapping.of(WORKED_EXAMPLE, "a.csv", ChannelsExpression.parse("11"));
        RowChunker chunker = chunker(mapping, 1620129055L * S);

        chunker.rows(1, new long[] {1620129055000000000L}, new double[][] {{12.7}, {234}, {0.7}},
                new boolean[3][]);
        chunker.finish(1620129056L * S);

        assertThat(sent).hasSize(1);
        RowData expected = RowData.newBuilder().addChannelIds(16).addChannelIds(17).addChannelIds(18)
                .setTimestamp(1620129055000000000L)
                .setBuffer(ByteString.fromHex("6666666666662940" + "ea00" + "3333333f")).build();
        assertThat(unpacked(sent.get(0))).isEqualTo(RowDataList.newBuilder().addRowData(expected).build()
                .toByteArray());
        assertThat(sent.get(0).channelIds()).containsExactly(16, 17, 18);
        assertThat(sent.get(0).startTime()).isEqualTo(1620129055000000000L);
        assertThat(sent.get(0).endTime()).isEqualTo(1620129055000000000L);
    }

    @Test
    void shouldServeTheWholeRowSetWhenAnyOfItsChannelsIsRequestedAndNothingOtherwise() {
        assertThat(FileMapping.of(WORKED_EXAMPLE, "a.csv", ChannelsExpression.parse("12")).columns())
                .extracting(ColumnMapping::channel).containsExactly(16L, 17L, 18L);
        assertThat(FileMapping.of(WORKED_EXAMPLE, "a.csv", ChannelsExpression.parse("0-F,13-")).columns())
                .isEmpty();
        assertThat(FileMapping.of(WORKED_EXAMPLE, "a.csv", ChannelsExpression.ALL).layout())
                .isEqualTo(FileMapping.Layout.ROW);
        assertThat(FileMapping.of(SchemaMapping.newBuilder(WORKED_EXAMPLE).putProperties("layout", " Columns ")
                .build(), "a.csv", ChannelsExpression.parse("11")).layout()).isEqualTo(FileMapping.Layout.COLUMNS);
        assertThatThrownBy(() -> FileMapping.of(SchemaMapping.newBuilder(WORKED_EXAMPLE)
                .putProperties("layout", "wide").build(), "a.csv", ChannelsExpression.ALL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the schema mapping of identity 'a.csv' has properties[\"layout\"] 'wide': use columns "
                        + "(the default: each column timestamped data of its channel) or row");
    }

    @Test
    void shouldLeaveOutRowsMissingAValueAndCutChunksAtWindowsAndAt64KiB() throws IOException {
        FileMapping mapping = FileMapping.of(WORKED_EXAMPLE, "a.csv", ChannelsExpression.ALL);
        RowChunker chunker = chunker(mapping, 0);
        // 3 windows of 1 s; 10,000 rows a second in the first two, none in the third, 3 in the fourth
        int count = 20_000;
        long[] times = new long[count];
        double[][] values = new double[3][count];
        boolean[][] present = {null, new boolean[count], null};
        List<RowData> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times[i] = i * 100_000L;
            values[0][i] = i * 0.25;
            values[1][i] = i % 70_000;
            values[2][i] = -i;
            present[1][i] = i % 7 != 3;
            if (present[1][i]) {
                expected.add(row(times[i], i * 0.25, i % 70_000, -i));
            }
        }
        chunker.rows(count, times, values, present);
        chunker.rows(3, new long[] {3 * S, 3 * S, 3 * S + 5}, new double[][] {{1, 2, 3}, {1e9, -5, Double.NaN},
            {1, 2, 3}}, new boolean[3][]);
        expected.add(row(3 * S, 1, 65_535, 1));
        expected.add(row(3 * S, 2, 0, 2));
        expected.add(row(3 * S + 5, 3, 0, 3));
        chunker.finish(4 * S);

        List<RowData> served = new ArrayList<>();
        for (StoredChunk chunk : sent) {
            RowDataList list = list(chunk);
            assertThat(chunk.unpackedLength()).isLessThanOrEqualTo(RowChunker.CHUNK_BYTES);
            assertThat(list.getRowDataCount()).isLessThanOrEqualTo(ChunkLimits.MAX_CHUNK_SAMPLES);
            assertThat(unpacked(chunk)).isEqualTo(list.toByteArray());
            assertThat(chunk.startTime()).isEqualTo(list.getRowData(0).getTimestamp());
            assertThat(chunk.endTime()).isEqualTo(list.getRowData(list.getRowDataCount() - 1).getTimestamp());
            assertThat(chunk.startTime() / S).isEqualTo(chunk.endTime() / S);
            served.addAll(list.getRowDataList());
        }
        assertThat(served).isEqualTo(expected);
        // 8,571 rows a window of 32 bytes each (30 for the RowData, with its timestamp): 2,048 rows fill 64 KiB, so
        // five chunks a window; one for the last window
        assertThat(sent).hasSize(11);
        assertThat(sent.get(1).unpackedLength()).isEqualTo(RowChunker.CHUNK_BYTES);
        for (long window = 0; window < 4; window++) {
            assertThat(cache.get(new ChunkCache.Key("f", "time@ns", ChunkCache.RowSet.of(mapping.columns()),
                    window * S))).as("window %d", window).hasSize(window == 2 ? 0 : window == 3 ? 1 : 5);
        }
    }

    @Test
    void shouldNeverCutBetweenRowsOfOneTime() throws IOException {
        RowChunker chunker = chunker(FileMapping.of(WORKED_EXAMPLE, "a.csv", ChannelsExpression.ALL), 0);
        // 5,000 rows in runs of 100 at one time (as a coarse time unit gives): cuts fall between runs only
        int count = 5_000;
        double[][] values = new double[3][count];
        Arrays.setAll(values[0], i -> i);
        chunker.rows(count, LongStream.range(0, count).map(i -> 1 + i / 100).toArray(), values, new boolean[3][]);
        chunker.finish(S);

        assertThat(sent).hasSizeGreaterThan(1);
        for (int c = 1; c < sent.size(); c++) {
            assertThat(sent.get(c).startTime()).as("chunk %d", c).isGreaterThan(sent.get(c - 1).endTime());
            assertThat(sent.get(c - 1).unpackedLength()).isLessThan(RowChunker.CHUNK_BYTES + 100 * 32);
        }
        assertThat(sent.stream().mapToInt(chunk -> {
            try {
                return list(chunk).getRowDataCount();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).sum()).isEqualTo(count);
    }

    @Test
    void shouldRefuseARowSetWhoseRowWouldNotFitInAChunk() {
        SchemaMapping.Builder wide = SchemaMapping.newBuilder().putProperties("layout", "row");
        for (int c = 0; c < 400_000; c++) {
            wide.addFieldMappings(field("c" + c, c, TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64));
        }
        FileMapping mapping = FileMapping.of(wide.build(), "wide.parquet", ChannelsExpression.ALL);

        assertThatThrownBy(() -> chunker(mapping, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the schema mapping of identity 'a.csv' maps 400000 columns to one row of ")
                .hasMessageContaining("a row data chunk holds at most 3145728");
    }

    private static RowData row(long time, double x, int y, float z) {
        ByteBuffer buffer = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN).putDouble(x).putShort((short) y)
                .putFloat(z);
        return RowData.newBuilder().addChannelIds(16).addChannelIds(17).addChannelIds(18).setTimestamp(time)
                .setBuffer(ByteString.copyFrom(buffer.array())).build();
    }

    @Test
    void shouldPutEachTypeAsWriteDoes() {
        for (SampleType type : SampleType.values()) {
            for (double value : new double[] {0, 1.5, -2.5, 300, 70_000, -1e12, 1e12, Double.NaN, 0.1}) {
                byte[] put = new byte[type.bytes()];
                assertThat(type.put(put, 0, value)).isEqualTo(type.bytes());
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                CodedOutputStream out = CodedOutputStream.newInstance(written);
                try {
                    type.write(out, value);
                    out.flush();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                assertThat(put).as("%s %s", type, value).isEqualTo(written.toByteArray());
            }
        }
    }
}
