package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Telemetry.PERIODIC_FAST;
import static io.rta.it.Telemetry.PERIODIC_SLOW;
import static io.rta.it.Telemetry.TIMESTAMPED;
import static io.rta.it.Telemetry.TIMESTAMPED_HIGH;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.grpc.Status;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.it.data.Samples.Sample;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.toolkit.data.ReadDataStreamRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Telemetry written through {@code DataWriter.WriteDataStream} (every kind, flush markers, an identity switch) reads
 * back exactly over the Data REST API and {@code DataReader}: the samples written, cut into chunks whose headers match
 * their data, selected by channels expression and time window, with the spec's errors for bad reads.
 */
class DataWriteReadIT {

    private static final String MAIN = "dwr-main";
    private static final String SWITCHED = "dwr-switched";
    private static final String EMPTY = "dwr-empty";
    private static final List<WriteDataStreamMessage> MAIN_DATA = Telemetry.bursts(0, 30);
    private static final List<WriteDataStreamMessage> SWITCHED_DATA = Telemetry.bursts(0, 5);

    private final TestServer server = TestServer.shared();
    private final DataApi data = DataApi.of(server);

    @BeforeAll
    static void writeTelemetry() {
        TestServer server = TestServer.shared();
        for (String identity : List.of(MAIN, SWITCHED, EMPTY)) {
            server.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
        }
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity(MAIN).send(MAIN_DATA.subList(0, MAIN_DATA.size() / 2)).flush("half")
                    .identity(SWITCHED).send(SWITCHED_DATA)
                    .identity(MAIN).send(MAIN_DATA.subList(MAIN_DATA.size() / 2, MAIN_DATA.size())).flush("all");
            assertThat(stream.echoed()).containsExactly("half", "all");
            stream.complete();
        }
    }

    @Test
    void shouldReadExactlyTheWrittenPeriodicSamplesOverRestAndGrpcOnceTheFlushIsEchoed() {
        List<DecodedChunk<PeriodicDataList>> chunks = data.periodic(MAIN, DataApi.ALL, null, null);

        assertThat(Samples.ofPeriodicChunks(chunks))
                .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofPeriodic(Telemetry.periodic(MAIN_DATA))));
        assertThat(data.grpcPeriodic(MAIN, DataApi.ALL, null, null)).containsExactlyElementsOf(lists(chunks));
    }

    @Test
    void shouldReadExactlyTheWrittenTimestampedSamplesIncludingChannelIdsAboveTwoToThe31() {
        List<DecodedChunk<TimestampedDataList>> chunks = data.timestamped(MAIN, DataApi.ALL, null, null);

        assertThat(Samples.ofTimestampedChunks(chunks)).containsExactlyElementsOf(
                Samples.inReadOrder(Samples.ofTimestamped(Telemetry.timestamped(MAIN_DATA))));
        assertThat(chunks).extracting(chunk -> chunk.channelIds().get(0))
                .contains((long) TIMESTAMPED, Integer.toUnsignedLong(TIMESTAMPED_HIGH));
        assertThat(data.grpcTimestamped(MAIN, DataApi.ALL, null, null)).containsExactlyElementsOf(lists(chunks));
    }

    @Test
    void shouldReadExactlyTheWrittenRowsEachChunkHeadedByItsChannelSet() {
        List<DecodedChunk<RowDataList>> chunks = data.row(MAIN, DataApi.ALL, null, null);

        assertThat(Telemetry.sortedRows(rows(chunks))).containsExactlyElementsOf(Telemetry.rows(MAIN_DATA));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.list().getRowDataList()).allSatisfy(row ->
                assertThat(unsigned(row.getChannelIdsList())).isEqualTo(chunk.channelIds())));
        assertThat(data.grpcRow(MAIN, DataApi.ALL, null, null)).containsExactlyElementsOf(lists(chunks));
    }

    @Test
    void shouldReadExactlyTheWrittenEventsInTimeOrderWithoutChannelIds() {
        List<DecodedChunk<EventsList>> chunks = data.events(MAIN, null, null);

        assertThat(events(chunks)).containsExactlyElementsOf(Telemetry.events(MAIN_DATA));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.header().getChannelIdsList()).isEmpty());
        assertThat(data.grpcEvents(MAIN, null, null)).containsExactlyElementsOf(lists(chunks));
    }

    @Test
    void shouldSendChunksInTimeOrderPerSeriesWithHeadersMatchingTheirData() {
        List<DecodedChunk<PeriodicDataList>> periodic = data.periodic(MAIN, DataApi.ALL, null, null);
        assertThat(periodic.stream().filter(chunk -> chunk.channelIds().equals(List.of((long) PERIODIC_FAST))))
                .as("15 s of 8 kB/s data spans several chunks").hasSizeGreaterThanOrEqualTo(3);

        assertChunkHeaders(periodic, list -> Samples.ofPeriodic(list.getPeriodicDataList()).stream()
                .map(Sample::time).toList());
        assertChunkHeaders(data.timestamped(MAIN, DataApi.ALL, null, null),
                list -> Samples.ofTimestamped(list.getTimestampedDataList()).stream().map(Sample::time).toList());
        assertChunkHeaders(data.row(MAIN, DataApi.ALL, null, null),
                list -> list.getRowDataList().stream().map(RowData::getTimestamp).toList());
        assertChunkHeaders(data.events(MAIN, null, null),
                list -> list.getEventsList().stream().map(Event::getTimestamp).toList());
    }

    @Test
    void shouldWriteUnderTheNewDataIdentityAfterASwitchMidStream() {
        assertThat(Samples.ofPeriodicChunks(data.periodic(SWITCHED, DataApi.ALL, null, null)))
                .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofPeriodic(Telemetry.periodic(SWITCHED_DATA))));
        assertThat(events(data.events(SWITCHED, null, null))).containsExactlyElementsOf(
                Telemetry.events(SWITCHED_DATA));
        assertThat(Telemetry.sortedRows(rows(data.row(SWITCHED, DataApi.ALL, null, null))))
                .containsExactlyElementsOf(Telemetry.rows(SWITCHED_DATA));
    }

    @ParameterizedTest(name = "periodic {0}")
    @CsvSource(delimiter = '|', textBlock = """
            11            | 11
            -10           | 10
            11-           | 11
            0-            | 10,11
            -5,7,B-D,14-  | ''
            f,10          | 10
            12-FFFFFFFF   | ''
            """)
    void shouldSelectPeriodicChannelsByExpression(String channels, String expected) {
        List<Long> ids = ids(expected);

        List<DecodedChunk<PeriodicDataList>> chunks = data.periodic(MAIN, channels, null, null);

        assertThat(chunks).extracting(chunk -> chunk.channelIds().get(0)).containsOnlyElementsOf(ids);
        assertThat(Samples.ofPeriodicChunks(chunks)).containsExactlyElementsOf(Samples.inReadOrder(
                Samples.ofPeriodic(Telemetry.periodic(MAIN_DATA))).stream()
                .filter(sample -> ids.contains(sample.channelId())).toList());
        assertThat(data.grpcPeriodic(MAIN, channels, null, null)).containsExactlyElementsOf(lists(chunks));
    }

    @ParameterizedTest(name = "timestamped {0}")
    @CsvSource(delimiter = '|', textBlock = """
            -5,7,B-D,14-  | 20,80000001
            21-           | 80000001
            -20           | 20
            80000001      | 80000001
            """)
    void shouldSelectTimestampedChannelsByExpressionIncludingOpenRanges(String channels, String expected) {
        List<Long> ids = ids(expected);

        List<DecodedChunk<TimestampedDataList>> chunks = data.timestamped(MAIN, channels, null, null);

        assertThat(Samples.ofTimestampedChunks(chunks)).containsExactlyElementsOf(Samples.inReadOrder(
                Samples.ofTimestamped(Telemetry.timestamped(MAIN_DATA))).stream()
                .filter(sample -> ids.contains(sample.channelId())).toList());
    }

    @ParameterizedTest(name = "row {0}")
    @CsvSource(delimiter = '|', textBlock = """
            31           | 30,31,32
            32-35        | 30,31,32
            -30          | 30,31,32
            40           | 40
            3F-          | 40
            0-           | 30,31,32;40
            33-3F        | ''
            """)
    void shouldReturnRowsWhenAnyChannelOfTheirSetMatches(String channels, String expectedSets) {
        List<List<Long>> sets = expectedSets.isEmpty() ? List.of()
                : Arrays.stream(expectedSets.split(";")).map(DataWriteReadIT::ids).toList();

        List<RowData> rows = rows(data.row(MAIN, channels, null, null));

        assertThat(Telemetry.sortedRows(rows)).containsExactlyElementsOf(Telemetry.rows(MAIN_DATA).stream()
                .filter(row -> sets.contains(unsigned(row.getChannelIdsList()))).toList());
        assertThat(data.grpcRow(MAIN, channels, null, null).stream()
                .flatMap(list -> list.getRowDataList().stream()).toList()).isEqualTo(rows);
    }

    @Test
    void shouldRoundAWindowOutwardsToWholeChunks() {
        String fast = Integer.toHexString(PERIODIC_FAST);
        List<DecodedChunk<PeriodicDataList>> all = data.periodic(MAIN, fast, null, null);
        DecodedChunk<PeriodicDataList> first = all.get(0);
        DecodedChunk<PeriodicDataList> middle = all.get(1);
        DecodedChunk<PeriodicDataList> last = all.get(all.size() - 1);

        assertThat(lists(data.periodic(MAIN, fast, middle.startTime() + 1, middle.startTime() + 2)))
                .as("a window inside a chunk").containsExactly(middle.list());
        assertThat(lists(data.periodic(MAIN, fast, first.endTime(), middle.startTime())))
                .as("a window touching two chunks").containsExactly(first.list(), middle.list());
        assertThat(lists(data.periodic(MAIN, fast, last.startTime(), null))).as("an open end")
                .containsExactly(last.list());
        assertThat(lists(data.periodic(MAIN, fast, null, first.endTime()))).as("an open start")
                .containsExactly(first.list());
        assertThat(data.grpcPeriodic(MAIN, fast, middle.startTime() + 1, middle.startTime() + 2))
                .containsExactly(middle.list());
        assertThat(lists(data.periodic(MAIN, fast, Telemetry.T0 - 10_000_000_000L, Telemetry.T0 - 1)))
                .as("a window before all data").isEmpty();
    }

    @Test
    void shouldRoundAnEventWindowOutwardsToWholeChunks() {
        List<DecodedChunk<EventsList>> all = data.events(MAIN, null, null);
        DecodedChunk<EventsList> chunk = all.get(all.size() - 1);
        long inside = chunk.startTime() + (chunk.endTime() - chunk.startTime()) / 2;

        assertThat(lists(data.events(MAIN, inside, inside))).containsExactly(chunk.list());
        assertThat(data.grpcEvents(MAIN, inside, inside)).containsExactly(chunk.list());
    }

    @Test
    void shouldHeadTheChunkWithStartAndEndOfItsDataWhenAlone() {
        DecodedChunk<PeriodicDataList> middle = data.periodic(MAIN, "10", null, null).get(1);

        DecodedChunk<PeriodicDataList> alone = data.periodic(MAIN, "10", middle.startTime(), middle.startTime())
                .get(0);

        assertThat(alone.header().getChunkStartTimeDelta()).isEqualTo(middle.startTime());
        assertThat(alone.header().getChunkDurationDelta()).isEqualTo(middle.endTime() - middle.startTime());
        assertThat(alone.header().getCompressionDelta()).isEqualTo(1);
        assertThat(alone.list()).isEqualTo(middle.list());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timestamped/0-", "periodic/0-", "row/0-", "events"})
    void shouldAnswerAnEmptyStreamForAKnownSessionWithoutData(String kindAndChannels) {
        HttpResponse<byte[]> response = server.http().get("/rta/v2/sessions/" + EMPTY + "/data/" + kindAndChannels);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(DataApi.CHUNKED);
        assertThat(response.body()).isEmpty();
        assertThat(data.grpcPeriodic(EMPTY, DataApi.ALL, null, null)).isEmpty();
        assertThat(data.grpcEvents(EMPTY, null, null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timestamped/0-", "periodic/0-", "row/0-", "events"})
    void shouldAnswerEveryKindWithTheChunkedMediaType(String kindAndChannels) {
        HttpResponse<byte[]> response = server.http().get("/rta/v2/sessions/" + MAIN + "/data/" + kindAndChannels);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(DataApi.CHUNKED);
        assertThat(response.body()).isNotEmpty();
    }

    @Test
    void shouldStreamALargeResponseWithoutAContentLength() {
        HttpResponse<byte[]> response = server.http().get(DataApi.path(MAIN, "periodic", DataApi.ALL, null, null));

        assertThat(response.body().length).isGreaterThan(64 * 1024);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownSession() {
        for (String kind : List.of("timestamped/0-", "periodic/0-", "row/0-", "events")) {
            Expect.restError(server.http().get("/rta/v2/sessions/dwr-no-such-session/data/" + kind), 404,
                    "dwr-no-such-session");
        }
        Expect.status(() -> data.grpcPeriodic("dwr-no-such-session", DataApi.ALL, null, null),
                Status.Code.NOT_FOUND, "dwr-no-such-session");
        Expect.status(() -> data.grpcEvents("dwr-no-such-session", null, null), Status.Code.NOT_FOUND,
                "dwr-no-such-session");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            G          | 'G' is not a hexadecimal channel id
            5-3        | whose start is after its end
            1,,2       | empty term
            -          | malformed range '-'
            1-2-3      | malformed range '1-2-3'
            123456789  | '123456789' is not a hexadecimal channel id
            """)
    void shouldRefuseAMalformedChannelsExpression(String channels, String problem) {
        Expect.restError(data.get(MAIN, "periodic", channels, null, null), 400, problem);
        Expect.restError(data.get(MAIN, "row", channels, null, null), 400, problem);
        Expect.status(() -> data.grpcTimestamped(MAIN, channels, null, null), Status.Code.INVALID_ARGUMENT,
                problem);
    }

    @Test
    void shouldRefuseBadTimes() {
        Expect.restError(server.http().get("/rta/v2/sessions/" + MAIN + "/data/periodic/0-?start=abc"), 400,
                "start 'abc' is not an integer");
        Expect.restError(server.http().get("/rta/v2/sessions/" + MAIN + "/data/events?end=1.5"), 400,
                "end '1.5' is not an integer");
        Expect.restError(data.get(MAIN, "periodic", DataApi.ALL, -1L, null), 400, "start is -1");
        Expect.restError(data.get(MAIN, "events", null, 20L, 10L), 400, "start 20 is after end 10");
        Expect.status(() -> data.grpcPeriodic(MAIN, DataApi.ALL, 20L, 10L), Status.Code.INVALID_ARGUMENT,
                "start 20 is after end 10");
        Expect.status(() -> data.grpcEvents(MAIN, -5L, null), Status.Code.INVALID_ARGUMENT, "start is -5");
        Expect.status(() -> data.reader().readEventsStream(ReadDataStreamRequest.getDefaultInstance()).next(),
                Status.Code.INVALID_ARGUMENT, "data identity is empty");
    }

    /**
     * The response's chunks: the first header sets LZ4 (compression delta 1) and the rest keep it (0); each chunk's
     * start and end (from the header deltas) are its first and last sample; a series' chunks follow each other in
     * time without overlap, and series come in ascending channel order.
     */
    private static <T extends Message> void assertChunkHeaders(List<DecodedChunk<T>> chunks,
                                                               Function<T, List<Long>> times) {
        assertThat(chunks).isNotEmpty();
        assertThat(chunks).extracting(chunk -> chunk.header().getCompressionDelta())
                .containsExactlyElementsOf(compressionDeltas(chunks.size()));
        DecodedChunk<T> previous = null;
        for (DecodedChunk<T> chunk : chunks) {
            List<Long> sampleTimes = times.apply(chunk.list());
            assertThat(chunk.compression()).isEqualTo(1);
            assertThat(chunk.startTime()).as("start of %s", chunk.header()).isEqualTo(sampleTimes.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertThat(chunk.endTime()).as("end of %s", chunk.header()).isEqualTo(sampleTimes.stream().mapToLong(Long::longValue).max().orElseThrow());
            if (previous != null && previous.channelIds().equals(chunk.channelIds())) {
                assertThat(chunk.startTime()).as("chunks of one series in time order").isGreaterThan(
                        previous.endTime());
            } else if (previous != null && chunk.channelIds().size() == 1 && previous.channelIds().size() == 1) {
                assertThat(chunk.channelIds().get(0)).as("series in channel order")
                        .isGreaterThan(previous.channelIds().get(0));
            }
            previous = chunk;
        }
    }

    private static List<Integer> compressionDeltas(int chunks) {
        List<Integer> deltas = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            deltas.add(i == 0 ? 1 : 0);
        }
        return deltas;
    }

    static <T extends Message> List<T> lists(List<DecodedChunk<T>> chunks) {
        return chunks.stream().map(DecodedChunk::list).toList();
    }

    static List<RowData> rows(List<DecodedChunk<RowDataList>> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.list().getRowDataList().stream()).toList();
    }

    static List<Event> events(List<DecodedChunk<EventsList>> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.list().getEventsList().stream()).toList();
    }

    private static List<Long> unsigned(List<Integer> ids) {
        return ids.stream().map(Integer::toUnsignedLong).toList();
    }

    /** Comma-separated hexadecimal ids ('' for none). */
    private static List<Long> ids(String hex) {
        return hex.isEmpty() ? List.of() : Arrays.stream(hex.split(",")).map(id -> Long.parseLong(id, 16)).toList();
    }
}
