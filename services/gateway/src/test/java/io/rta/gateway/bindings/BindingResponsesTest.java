package io.rta.gateway.bindings;

import static io.rta.gateway.bindings.Wire.bytes;
import static io.rta.gateway.bindings.Wire.event;
import static io.rta.gateway.bindings.Wire.periodic;
import static io.rta.gateway.bindings.Wire.row;
import static io.rta.gateway.bindings.Wire.timestamped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.rta.gateway.bindings.Wire.Chunk;
import io.rta.gateway.bindings.Wire.Decoded;
import io.rta.gateway.bindings.Wire.Sample;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingResponsesTest {

    private static final String SECRET = "file=/secret/data.rta";

    static DataBinding binding(String source, Long start, Long end, long offset, ChannelBinding... channels) {
        return new DataBinding(source, SECRET, 0, start, end, offset, List.of(channels));
    }

    /** Plans the request, answers each read with its stream, and decodes what the client gets. */
    static List<Decoded> run(DataRequest request, List<DataBinding> bindings, List<List<Chunk>> upstream)
            throws IOException {
        return Wire.decode(kind(request), respond(request, bindings, upstream));
    }

    static byte[] respond(DataRequest request, List<DataBinding> bindings, List<List<Chunk>> upstream)
            throws IOException {
        List<UpstreamRead> reads = BindingPlanner.plan(request, bindings);
        List<UpstreamAnswer> answers = new ArrayList<>();
        for (UpstreamRead read : reads) {
            byte[] body = Wire.stream(served(request, read, upstream.get(bindings.indexOf(read.binding()))));
            answers.add(new UpstreamAnswer(read, new ByteArrayInputStream(body)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BindingResponses.write(request, answers, out);
        return out.toByteArray();
    }

    /** The chunks a data service answers the read with: those with a channel the read's expression names. */
    static List<Chunk> served(DataRequest request, UpstreamRead read, List<Chunk> chunks) {
        if (!kind(request).hasChannels()) {
            return chunks;
        }
        String path = read.pathAndQuery();
        int query = path.indexOf('?');
        String expression = path.substring(path.lastIndexOf('/') + 1, query < 0 ? path.length() : query);
        ChannelsExpression channels = ChannelsExpression.parse(expression);
        return chunks.stream().filter(chunk -> channels.matchesAny(chunk.channels())).toList();
    }

    static DataKind kind(DataRequest request) {
        return DataKind.valueOf(request.kind().toUpperCase(java.util.Locale.ROOT));
    }

    static List<Sample> expected(DataRequest request, List<DataBinding> bindings, List<List<Chunk>> upstream)
            throws IOException {
        List<Sample> expected = new ArrayList<>();
        ChannelsExpression requested = request.channels() == null ? null : ChannelsExpression.parse(request.channels());
        for (int i = 0; i < bindings.size(); i++) {
            expected.addAll(Reference.expected(kind(request), bindings.get(i), requested, upstream.get(i)));
        }
        return expected;
    }

    /** Every chunk's header span is its samples' span and its channels are its samples'. */
    static void assertHeadersTrue(List<Decoded> chunks) {
        for (Decoded chunk : chunks) {
            assertThat(chunk.samples()).isNotEmpty();
            assertThat(chunk.start()).isEqualTo(chunk.samples().stream().mapToLong(Sample::time).min().orElseThrow());
            assertThat(chunk.end()).isEqualTo(chunk.samples().stream().mapToLong(Sample::time).max().orElseThrow());
            for (Sample sample : chunk.samples()) {
                if (!sample.channel().equals("event")) {
                    String header = chunk.channels().size() == 1 && !sample.channel().startsWith("[")
                            ? chunk.channels().get(0).toString() : chunk.channels().toString();
                    assertThat(sample.channel()).isEqualTo(header);
                }
            }
        }
    }

    static List<Chunk> periodicChannels() {
        return List.of(
                new Chunk(100, 210, new long[] {1}, PeriodicDataList.newBuilder()
                        .addPeriodicData(periodic(1, 100, 10, bytes(1, 2, 3, 4), 4))
                        .addPeriodicData(periodic(1, 200, 10, bytes(5, 6), 2)).build()),
                new Chunk(100, 110, new long[] {2}, PeriodicDataList.newBuilder()
                        .addPeriodicData(periodic(2, 100, 5, bytes(7, 7, 8, 8, 9, 9), 3)).build()),
                new Chunk(300, 330, new long[] {2}, PeriodicDataList.newBuilder()
                        .addPeriodicData(periodic(2, 300, 10, bytes(1, 1, 2, 2, 3, 3, 4, 4), 4)).build()));
    }

    @Test
    void shouldShiftAndRemapPeriodicData() throws IOException {
        DataRequest request = new DataRequest("periodic", "11-12", null, null);
        List<DataBinding> bindings = List.of(binding("s", null, null, 1000, new ChannelBinding(1, 0x11, 0x12)));
        List<List<Chunk>> upstream = List.of(periodicChannels());

        List<Decoded> chunks = run(request, bindings, upstream);

        assertThat(Wire.flatten(chunks)).containsExactlyElementsOf(expected(request, bindings, upstream));
        assertThat(chunks).extracting(Decoded::start, Decoded::end, Decoded::channels).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1100L, 1210L, List.of(17L)),
                org.assertj.core.groups.Tuple.tuple(1100L, 1110L, List.of(18L)),
                org.assertj.core.groups.Tuple.tuple(1300L, 1330L, List.of(18L)));
        assertThat(Wire.flatten(chunks).get(0)).isEqualTo(new Sample("17", 1100, ByteString.copyFrom(bytes(1))));
        assertHeadersTrue(chunks);
    }

    @Test
    void shouldTransformAnUpstreamThatSendsUncompressedChunksAsItDoesLz4Ones() throws IOException {
        DataRequest request = new DataRequest("periodic", "11-12", null, null);
        List<DataBinding> bindings = List.of(binding("s", null, null, 1000, new ChannelBinding(1, 0x11, 0x12)));
        List<List<Chunk>> upstream = List.of(periodicChannels());
        List<UpstreamAnswer> answers = new ArrayList<>();
        for (UpstreamRead read : BindingPlanner.plan(request, bindings)) {
            byte[] body = Wire.uncompressedStream(served(request, read, upstream.get(0)));
            answers.add(new UpstreamAnswer(read, new ByteArrayInputStream(body)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BindingResponses.write(request, answers, out);

        assertThat(out.toByteArray()).isEqualTo(respond(request, bindings, upstream));
        assertThat(Wire.flatten(Wire.decode(kind(request), out.toByteArray())))
                .containsExactlyElementsOf(expected(request, bindings, upstream));
    }

    @Test
    void shouldSendADataChannelOncePerSessionChannelThatBindsIt() throws IOException {
        DataRequest request = new DataRequest("periodic", "1,11", null, null);
        List<DataBinding> bindings = List.of(binding("s", null, null, 0, new ChannelBinding(0, 0, 3),
                new ChannelBinding(0, 16, 19)));
        List<List<Chunk>> upstream = List.of(periodicChannels());

        List<Decoded> chunks = run(request, bindings, upstream);

        assertThat(chunks).extracting(Decoded::channels).containsExactly(List.of(1L), List.of(17L));
        assertThat(Reference.byChannel(Wire.flatten(chunks)))
                .isEqualTo(Reference.byChannel(expected(request, bindings, upstream)));
        assertHeadersTrue(chunks);
    }

    @Test
    void shouldClipPeriodicDataSampleExactly() throws IOException {
        DataRequest request = new DataRequest("periodic", "1-2", null, null);
        // session window 1125..1305: channel 1 keeps 130, 200, 210 (data); channel 2 keeps 300 (data)
        List<DataBinding> bindings = List.of(binding("s", 1125L, 1305L, 1000));
        List<List<Chunk>> upstream = List.of(periodicChannels());

        List<Decoded> chunks = run(request, bindings, upstream);

        assertThat(Wire.flatten(chunks)).containsExactly(
                new Sample("1", 1130, ByteString.copyFrom(bytes(4))),
                new Sample("1", 1200, ByteString.copyFrom(bytes(5))),
                new Sample("1", 1210, ByteString.copyFrom(bytes(6))),
                new Sample("2", 1300, ByteString.copyFrom(bytes(1, 1))));
        assertThat(chunks).extracting(Decoded::start, Decoded::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1130L, 1210L), org.assertj.core.groups.Tuple.tuple(1300L, 1300L));
        assertHeadersTrue(chunks);
    }

    @Test
    void shouldClipTimestampedDataByTime() throws IOException {
        DataRequest request = new DataRequest("timestamped", "5", null, null);
        List<DataBinding> bindings = List.of(binding("s", 1_000L, 1_060L, -10, new ChannelBinding(9, 5, 5)));
        List<Chunk> chunks = List.of(
                new Chunk(1000, 1080, new long[] {9}, TimestampedDataList.newBuilder()
                        .addTimestampedData(timestamped(9, 1000, 10, new long[] {0, 1, 3, 1, 1, 2},
                                bytes(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6)))
                        .build()),
                new Chunk(2000, 2000, new long[] {9}, TimestampedDataList.newBuilder()
                        .addTimestampedData(timestamped(9, 2000, 1, new long[] {0}, bytes(9, 9))).build()));

        List<Decoded> out = run(request, bindings, List.of(chunks));

        // data times 1000 1010 1040 1050 1060 1080 -> session 990 1000 1030 1040 1050 1070
        assertThat(Wire.flatten(out)).containsExactly(
                new Sample("5", 1000, ByteString.copyFrom(bytes(2, 2))),
                new Sample("5", 1030, ByteString.copyFrom(bytes(3, 3))),
                new Sample("5", 1040, ByteString.copyFrom(bytes(4, 4))),
                new Sample("5", 1050, ByteString.copyFrom(bytes(5, 5))));
        assertThat(out).singleElement().satisfies(chunk -> {
            assertThat(chunk.start()).isEqualTo(1000);
            assertThat(chunk.end()).isEqualTo(1050);
        });
    }

    @Test
    void shouldMapRowChannelsShiftAndDropRowsOutside() throws IOException {
        DataRequest request = new DataRequest("row", "20-21", null, null);
        List<DataBinding> bindings = List.of(binding("s", 0L, 550L, 50, new ChannelBinding(0, 0x20, 0x2F)));
        List<Chunk> chunks = List.of(new Chunk(100, 600, new long[] {0, 1}, RowDataList.newBuilder()
                .addRowData(row(new long[] {0, 1}, 100, bytes(1, 2)))
                .addRowData(row(new long[] {0, 1}, 500, bytes(3, 4)))
                .addRowData(row(new long[] {0, 1}, 600, bytes(5, 6))).build()));

        List<Decoded> out = run(request, bindings, List.of(chunks));

        assertThat(Wire.flatten(out)).containsExactly(
                new Sample("[32, 33]", 150, ByteString.copyFrom(bytes(1, 2))),
                new Sample("[32, 33]", 550, ByteString.copyFrom(bytes(3, 4))));
        assertHeadersTrue(out);
    }

    @Test
    void shouldRefuseRowDataWhoseChannelsTheBindingDoesNotMap() {
        DataRequest request = new DataRequest("row", "20", null, null);
        List<DataBinding> bindings = List.of(binding("influx07", null, null, 0, new ChannelBinding(0, 0x20, 0x20)));
        List<Chunk> chunks = List.of(new Chunk(100, 100, new long[] {0, 1}, RowDataList.newBuilder()
                .addRowData(row(new long[] {0, 1}, 100, bytes(1, 2))).build()));

        assertThatThrownBy(() -> respond(request, bindings, List.of(chunks))).isInstanceOf(IOException.class)
                .hasMessageContaining("data source 'influx07'").hasMessageContaining("data channel 1")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldShiftAndClipEventsKeepingTheirOtherFields() throws IOException {
        DataRequest request = new DataRequest("events", null, null, null);
        List<DataBinding> bindings = List.of(binding("s", null, 3000L, 1000));
        List<Chunk> chunks = List.of(new Chunk(0, 2500, new long[0], EventsList.newBuilder()
                .addEvents(event(7, 0, "zero", 1.5)).addEvents(event(0, 1000, ""))
                .addEvents(event(9, 2500, "late", 2, 3)).build()));

        List<Decoded> out = run(request, bindings, List.of(chunks));

        assertThat(Wire.flatten(out)).containsExactlyElementsOf(expected(request, bindings, List.of(chunks)));
        assertThat(Wire.flatten(out)).extracting(Sample::time).containsExactly(1000L, 2000L);
        assertHeadersTrue(out);
    }

    @Test
    void shouldMergeTwoSourcesIntoOneValidResponse() throws IOException {
        DataRequest request = new DataRequest("periodic", "0-3B", null, null);
        List<DataBinding> bindings = List.of(
                binding("influx01", null, null, 0, new ChannelBinding(0, 0, 49)),
                binding("influx07", null, null, 0, new ChannelBinding(0, 50, 59)));
        List<List<Chunk>> upstream = List.of(periodicChannels(), List.of(
                new Chunk(150, 170, new long[] {1}, PeriodicDataList.newBuilder()
                        .addPeriodicData(periodic(1, 150, 10, bytes(42, 43, 44), 3)).build()),
                new Chunk(400, 400, new long[] {3}, PeriodicDataList.newBuilder()
                        .addPeriodicData(periodic(3, 400, 10, bytes(45), 1)).build())));

        List<Decoded> chunks = run(request, bindings, upstream);

        assertThat(Reference.byChannel(Wire.flatten(chunks)))
                .isEqualTo(Reference.byChannel(expected(request, bindings, upstream)));
        assertThat(chunks).extracting(Decoded::start).isSorted();
        assertThat(chunks).extracting(Decoded::channels).containsExactly(List.of(1L), List.of(2L), List.of(51L),
                List.of(2L), List.of(53L));
        assertHeadersTrue(chunks);
    }

    @Test
    void shouldMergeTheGuidesTimeRangesInTimeOrderPerChannel() throws IOException {
        DataRequest request = new DataRequest("periodic", "1-2", null, null);
        List<DataBinding> bindings = List.of(binding("a", 0L, 199L, 0), binding("a", 300L, 400L, 0));
        List<List<Chunk>> upstream = List.of(periodicChannels(), periodicChannels());

        List<Decoded> chunks = run(request, bindings, upstream);

        assertThat(Reference.byChannel(Wire.flatten(chunks)))
                .isEqualTo(Reference.byChannel(expected(request, bindings, upstream)));
        for (List<Sample> channel : Reference.byChannel(Wire.flatten(chunks)).values()) {
            assertThat(channel).extracting(Sample::time).isSorted();
        }
        assertHeadersTrue(chunks);
    }

    @Test
    void shouldRelayASingleUnchangedAnswerByteForByte() throws IOException {
        DataRequest request = new DataRequest("periodic", "0-", null, null);
        List<UpstreamRead> reads = BindingPlanner.plan(request, List.of(binding("s", null, null, 0)));
        byte[] body = Wire.stream(periodicChannels());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BindingResponses.write(request, List.of(new UpstreamAnswer(reads.get(0), new ByteArrayInputStream(body))),
                out);

        assertThat(reads.get(0).relayUnchanged()).isTrue();
        assertThat(out.toByteArray()).isEqualTo(body);
    }

    @Test
    void shouldPassChunksThatNeedNoChangeWithTheirPayloadsUntouched() throws IOException {
        DataRequest request = new DataRequest("periodic", "1-2", null, null);
        List<DataBinding> bindings = List.of(binding("s", 0L, 1000L, 0));

        byte[] out = respond(request, bindings, List.of(periodicChannels()));

        assertThat(out).isEqualTo(Wire.stream(periodicChannels()));
    }

    @Test
    void shouldAnswerNothingWhenNothingIsLeftAfterClipping() throws IOException {
        DataRequest request = new DataRequest("periodic", "1-2", null, null);
        List<DataBinding> bindings = List.of(binding("s", 215L, 295L, 0));

        assertThat(respond(request, bindings, List.of(periodicChannels()))).isEmpty();
    }

    @Test
    void shouldReportMalformedAnswersNamingTheSourceNotTheIdentity() {
        DataRequest request = new DataRequest("periodic", "1", null, null);
        List<DataBinding> bindings = List.of(binding("influx07", null, null, 5));
        UpstreamRead read = BindingPlanner.plan(request, bindings).get(0);
        byte[] body = Wire.stream(periodicChannels());
        byte[] truncated = Arrays.copyOf(body, body.length - 3);
        byte[] notLz4 = Wire.rawStream(new long[] {1}, 100, bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
        byte[] notAList = Wire.rawStream(new long[] {1}, 2, Wire.lz4(bytes(0x0A, 0x7F)));
        byte[] badHeader = bytes(1, 0, 0, 0, 0x7F);

        for (byte[] bad : List.of(truncated, notLz4, notAList, badHeader)) {
            assertThatThrownBy(() -> BindingResponses.write(request,
                    List.of(new UpstreamAnswer(read, new ByteArrayInputStream(bad))), new ByteArrayOutputStream()))
                    .isInstanceOf(IOException.class).hasMessageContaining("data source 'influx07'")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void shouldRefuseAPeriodicBufferThatDoesNotSplitIntoItsSamplesWhenCutting() {
        DataRequest request = new DataRequest("periodic", "1", null, null);
        List<DataBinding> bindings = List.of(binding("s", 105L, null, 0));
        List<Chunk> chunks = List.of(new Chunk(100, 120, new long[] {1}, PeriodicDataList.newBuilder()
                .addPeriodicData(periodic(1, 100, 10, bytes(1, 2, 3, 4), 3)).build()));

        assertThatThrownBy(() -> respond(request, bindings, List.of(chunks))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not split into 3 samples");
    }
}
