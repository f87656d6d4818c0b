package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.rta.it.data.Samples;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad {@code WriteDataStream} message fails the call with INVALID_ARGUMENT naming the field, and nothing after it
 * is written: {@code rta.telemetry} does not move, later flush markers are never echoed and the data stays exactly
 * what was flushed before.
 */
class DataBadInputIT {

    private static final List<String> TELEMETRY = List.of(TopicEnds.TOPICS.telemetry().name());
    private static final long START = Telemetry.T0 + 60_000_000_000L;

    private static TopicEnds topics;

    private final TestServer server = TestServer.shared();
    private final DataApi data = DataApi.of(server);

    @BeforeAll
    static void connect() {
        topics = new TopicEnds(TestServer.shared().bootstrapServers());
    }

    @AfterAll
    static void closeTopics() {
        topics.close();
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("periodic result over 10,000 samples",
                        periodic(1_000_000L, 10_001, ByteString.copyFrom(new byte[10_001])),
                        List.of("periodic_data.samples is 10001", "at most 10000")),
                Arguments.of("timestamped result over 10,000 samples",
                        timestamped(LongStream.range(0, 10_001).map(i -> i == 0 ? 0 : 1).toArray(), 10_001),
                        List.of("timestamped_data.timestamp_deltas has 10001 samples", "at most 10000")),
                Arguments.of("periodic buffer not dividing by its sample count",
                        periodic(1_000_000L, 3, ByteString.copyFrom(new byte[10])),
                        List.of("periodic_data.buffer has 10 bytes", "3 samples")),
                Arguments.of("timestamp deltas not matching the buffer",
                        timestamped(new long[] {0, 1, 1}, 10),
                        List.of("timestamped_data.buffer has 10 bytes", "3 samples of timestamp_deltas")),
                Arguments.of("empty row channel list",
                        WriteDataStreamMessage.newBuilder().setRowData(RowData.newBuilder().setTimestamp(START)
                                .setBuffer(ByteString.copyFrom(new byte[4]))).build(),
                        List.of("row_data.channel_ids is empty")),
                Arguments.of("negative interval",
                        periodic(-1_000_000L, 2, ByteString.copyFrom(new byte[16])),
                        List.of("periodic_data.interval is -1000000", "must not be negative")),
                Arguments.of("periodic result without samples",
                        periodic(1_000_000L, 0, ByteString.copyFrom(new byte[8])), List.of("periodic_data.samples is 0")),
                Arguments.of("first timestamp delta not zero",
                        timestamped(new long[] {5, 1}, 16), List.of("timestamped_data.timestamp_deltas[0] is 5")),
                Arguments.of("timestamps out of order",
                        timestamped(new long[] {0, 2, -1}, 24), List.of("timestamped_data.timestamp_deltas[2] is -1")),
                Arguments.of("periodic result over 4 MiB",
                        periodic(1_000_000L, 1, ByteString.copyFrom(new byte[(4 << 20) + 8])),
                        List.of("periodic_data.buffer is 4194312 bytes", "at most 4194304")),
                Arguments.of("event over 4 MiB",
                        WriteDataStreamMessage.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(1)
                                .setTimestamp(START).setStatusText("x".repeat(5 << 20))).build(),
                        List.of("event_data (app_name, status and raw_data) is 5242880 bytes", "at most 4194304")),
                Arguments.of("empty data identity", Telemetry.identity(" "), List.of("data_identity is empty")),
                Arguments.of("message without a type", WriteDataStreamMessage.getDefaultInstance(),
                        List.of("must set one of data_identity")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void shouldRefuseABadMessageNamingTheFieldAndWriteNothingAfterIt(String name, WriteDataStreamMessage bad,
                                                                     List<String> problem) {
        String identity = "dbi-" + Integer.toHexString(name.hashCode());
        server.sessions().createOrUpdateSession(create(identity, name, "2023-11-14T22:13:20Z", OPEN));
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity(identity).send(Telemetry.burst(0)).flush("before");
            Map<TopicPartition, Long> before = topics.ends(TELEMETRY);

            stream.send(bad).send(Telemetry.burst(1)).marker("after");

            Status status = stream.awaitFailure();
            assertThat(status.getCode()).as("status %s", status).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains(problem.toArray(String[]::new));
            assertThat(stream.echoed()).containsExactly("before");
            assertThat(topics.ends(TELEMETRY)).as("end offsets of %s", TELEMETRY).isEqualTo(before);
        }
        assertThat(Samples.ofPeriodicChunks(data.periodic(identity, DataApi.ALL, null, null)))
                .containsExactlyElementsOf(Samples.inReadOrder(
                        Samples.ofPeriodic(Telemetry.periodic(Telemetry.burst(0)))));
        assertThat(DataWriteReadIT.events(data.events(identity, null, null)))
                .containsExactlyElementsOf(Telemetry.events(Telemetry.burst(0)));
    }

    @Test
    void shouldRefuseDataBeforeADataIdentityAndWriteNothing() {
        Map<TopicPartition, Long> before = topics.ends(TELEMETRY);
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.send(Telemetry.burst(0)).identity("dbi-late-identity").send(Telemetry.burst(1)).marker("after");

            Status status = stream.awaitFailure();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains("data_identity must come before any data");
            assertThat(stream.echoed()).isEmpty();
        }
        assertThat(topics.ends(TELEMETRY)).isEqualTo(before);
    }

    private static WriteDataStreamMessage periodic(long interval, int samples, ByteString buffer) {
        return WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder()
                .setChannelId(Telemetry.PERIODIC_FAST).setStartTimestamp(START).setInterval(interval)
                .setSamples(samples).setBuffer(buffer)).build();
    }

    private static WriteDataStreamMessage timestamped(long[] deltas, int bufferBytes) {
        TimestampedData.Builder data = TimestampedData.newBuilder().setChannelId(Telemetry.TIMESTAMPED)
                .setStartTimestamp(START).setTimestampDeltasScale(1_000L)
                .setBuffer(ByteString.copyFrom(new byte[bufferBytes]));
        LongStream.of(deltas).forEach(data::addTimestampDeltas);
        return WriteDataStreamMessage.newBuilder().setTimestampedData(data).build();
    }
}
