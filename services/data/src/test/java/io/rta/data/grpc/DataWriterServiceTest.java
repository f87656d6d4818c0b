package io.rta.data.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.rta.data.FakePublisher;
import io.rta.data.FakeReadability;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataWriterServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FakeReadability readability = new FakeReadability();
    private FakePublisher publisher = new FakePublisher(true);
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        timer.shutdownNow();
    }

    @Test
    void shouldRejectDataBeforeTheDataIdentity() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(periodic(1, 0)).send(identity("s1")).send(periodic(1, 10));

        assertThat(call.status()).satisfies(s -> {
            assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(s.getDescription()).isEqualTo("data_identity must come before any data");
        });
        assertThat(publisher.sent()).isEmpty();
    }

    @Test
    void shouldRejectAnEmptyDataIdentity() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity(""));

        assertThat(call.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(call.status().getDescription()).contains("data_identity");
    }

    @Test
    void shouldRejectABadPeriodicBurstNamingTheFieldAndWriteNothingAfterIt() throws Exception {
        assertRejectedNamingField(WriteDataStreamMessage.newBuilder()
                .setPeriodicData(PeriodicData.newBuilder().setChannelId(1).setStartTimestamp(0).setInterval(10)
                        .setSamples(0).setBuffer(ByteString.copyFrom(new byte[8]))).build(), "periodic_data.samples");
    }

    @Test
    void shouldRejectABadTimestampedBurstNamingTheFieldAndWriteNothingAfterIt() throws Exception {
        assertRejectedNamingField(WriteDataStreamMessage.newBuilder()
                .setTimestampedData(TimestampedData.newBuilder().setChannelId(1).setTimestampDeltasScale(1)
                        .addTimestampDeltas(5).setBuffer(ByteString.copyFrom(new byte[8]))).build(),
                "timestamped_data.timestamp_deltas[0]");
    }

    @Test
    void shouldRejectABadRowBurstNamingTheFieldAndWriteNothingAfterIt() throws Exception {
        assertRejectedNamingField(WriteDataStreamMessage.newBuilder()
                .setRowData(RowData.newBuilder().setTimestamp(1).setBuffer(ByteString.copyFrom(new byte[8])))
                .build(), "row_data.channel_ids");
    }

    @Test
    void shouldRejectAMessageWithoutAType() throws Exception {
        assertRejectedNamingField(WriteDataStreamMessage.getDefaultInstance(), "data_identity, flush_marker");
    }

    private void assertRejectedNamingField(WriteDataStreamMessage bad, String field) throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("s1")).send(periodic(1, 0)).send(bad).send(periodic(1, 100)).send(flush("m"));

        assertThat(call.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(call.status().getDescription()).contains(field);
        Thread.sleep(100);
        assertThat(publisher.bursts()).as("only what came before the bad message").isLessThanOrEqualTo(1);
        assertThat(call.flushes).isEmpty();
    }

    @Test
    void shouldRefuseAFlushMarkerOverTheLimitWithoutEchoingIt() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("s1")).send(periodic(1, 0)).send(flush("m".repeat(16 * 1024 * 1024)));
        readability.commit(Long.MAX_VALUE);

        assertThat(call.status()).satisfies(s -> {
            assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(s.getDescription()).isEqualTo("flush_marker length in UTF-8 bytes is 16777216; at most 1024 "
                    + "allowed (MaxFlushMarkerLength)");
        });
        assertThat(call.flushes).isEmpty();
    }

    @Test
    void shouldCountAFlushMarkersLengthInUtf8Bytes() throws Exception {
        WriterLimits tight = limits(Duration.ofSeconds(5)).withInput(
                io.rta.topology.limits.InputLimits.defaults().withMaxFlushMarkerLength(6));
        Call call = start(tight);

        call.send(identity("s1")).send(flush("äöü"));
        readability.commit(Long.MAX_VALUE);
        await().atMost(WAIT).until(() -> call.flushes.contains("äöü"));
        call.send(flush("äöü€"));

        assertThat(call.status().getDescription())
                .isEqualTo("flush_marker length in UTF-8 bytes is 9; at most 6 allowed (MaxFlushMarkerLength)");
        assertThat(call.flushes).containsExactly("äöü");
        assertThat(WriteStream.utf8Length("a\u00e9\u20ac\ud83d\ude00"))
                .isEqualTo("a\u00e9\u20ac\ud83d\ude00".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldRefuseARowWithMoreChannelsThanTheConfiguredLimit() throws Exception {
        WriterLimits tight = limits(Duration.ofSeconds(5)).withInput(
                io.rta.topology.limits.InputLimits.defaults().withMaxRowChannels(3));
        Call call = start(tight);
        RowData.Builder row = RowData.newBuilder().setTimestamp(1).setBuffer(ByteString.copyFrom(new byte[8]));
        for (int channel = 0; channel < 4; channel++) {
            row.addChannelIds(channel);
        }

        call.send(identity("s1")).send(WriteDataStreamMessage.newBuilder().setRowData(row).build());

        assertThat(call.status().getDescription())
                .isEqualTo("row_data.channel_ids count is 4; at most 3 allowed (MaxRowChannels)");
        assertThat(publisher.bursts()).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badIdentities")
    void shouldRefuseADataIdentityBreakingTheIdentityRules(String bad) throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity(bad)).send(periodic(1, 0)).send(flush("m"));

        assertThat(call.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(call.status().getDescription()).startsWith("data_identity: the identity ").doesNotContain(bad);
        assertThat(publisher.bursts()).isZero();
    }

    static List<String> badIdentities() {
        return List.of("x".repeat(1025), "run\r\nforged log line", "a\u0000b", "esc\u001b[31m");
    }

    @Test
    void shouldPackManyBurstsIntoFewRecords() throws Exception {
        WriterLimits longLinger = new WriterLimits(WriterLimits.DEFAULT_BATCH_BYTES, 2_000,
                Duration.ofMinutes(1), WriterLimits.DEFAULT_MAX_BURST_BYTES, WriterLimits.DEFAULT_MAX_IN_FLIGHT_BYTES,
                Duration.ofSeconds(5));
        Call call = start(longLinger);

        call.send(identity("s1"));
        for (int i = 0; i < 5_000; i++) {
            call.send(periodic(i % 10, i * 1_000L));
        }
        call.send(flush("m"));
        readability.commit(Long.MAX_VALUE);

        await().atMost(WAIT).until(() -> call.flushes.contains("m"));
        List<Integer> recordSizes = publisher.sent().stream().map(s -> s.batch().getBursts().size()).toList();
        assertThat(recordSizes).containsExactly(2_000, 2_000, 1_000);
    }

    @Test
    void shouldKeepEachRecordToOneDataIdentityWhenTheIdentitySwitches() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("a")).send(periodic(1, 0)).send(periodic(1, 10))
                .send(identity("b")).send(event(20)).send(flush("m"));
        readability.commit(Long.MAX_VALUE);

        await().atMost(WAIT).until(() -> call.flushes.contains("m"));
        assertThat(publisher.sent()).extracting(FakePublisher.Sent::dataIdentity).containsExactly("a", "b");
        assertThat(publisher.sent()).extracting(s -> s.batch().getBursts().size()).containsExactly(2, 1);
    }

    @Test
    void shouldSendBufferedBurstsAfterTheLingerWithoutAFlush() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("live")).send(periodic(1, 0));

        await().atMost(WAIT).until(() -> publisher.bursts() == 1);
    }

    @Test
    void shouldEchoAFlushOnlyOnceTheDataIsAcknowledgedAndCommitted() throws Exception {
        publisher = new FakePublisher(false);
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("s1")).send(periodic(1, 0)).send(flush("m"));
        await().atMost(WAIT).until(() -> publisher.sent().size() == 1);
        Thread.sleep(100);
        assertThat(call.flushes).as("not acknowledged yet").isEmpty();

        publisher.ackAll();
        await().atMost(WAIT).until(() -> readability.isWaiting(0));
        Thread.sleep(100);
        assertThat(call.flushes).as("acknowledged but not committed").isEmpty();

        readability.commit(1);
        await().atMost(WAIT).until(() -> call.flushes.contains("m"));
    }

    @Test
    void shouldEchoFlushMarkersInOrder() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("s1")).send(periodic(1, 0)).send(flush("first"))
                .send(periodic(1, 10)).send(flush("second")).send(flush("third"));
        await().atMost(WAIT).until(() -> readability.isWaiting(1));
        readability.commit(2);
        Thread.sleep(100);
        readability.commit(1);

        await().atMost(WAIT).until(() -> call.flushes.size() == 3);
        assertThat(call.flushes).containsExactly("first", "second", "third");
    }

    @Test
    void shouldFailTheStreamWhenAFlushIsNotReadableWithinTheWriteTimeout() throws Exception {
        Call call = start(limits(Duration.ofMillis(300)));

        call.send(identity("s1")).send(periodic(1, 0)).send(flush("m"));

        assertThat(call.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(call.status().getDescription()).contains("flush_marker 'm'")
                .contains("chunk view made no progress for 300 ms (WriteTimeout)").contains("not readable");
    }

    @Test
    void shouldNotFailAFlushWhileTheViewKeepsCommittingEvenLongPastTheWriteTimeout() throws Exception {
        WriterLimits oneRecordEach = new WriterLimits(16, 1, Duration.ofMillis(1), 1 << 20, 1 << 20,
                Duration.ofMillis(300));
        Call call = start(oneRecordEach);
        call.send(identity("s1"));
        for (int i = 0; i < 40; i++) {
            call.send(periodic(1, i * 1_000L));
        }
        call.send(flush("m"));
        await().atMost(WAIT).failFast(() -> call.done.isDone()).until(() -> publisher.sent().size() == 40);

        // a slow view: one record every 30 ms, 1.2 s in all (four write timeouts), but never 300 ms without progress
        for (int next = 1; next <= 40; next++) {
            readability.commit(next);
            Thread.sleep(30);
        }

        await().atMost(WAIT).until(() -> call.flushes.contains("m"));
        assertThat(call.done).isNotDone();
    }

    @Test
    void shouldSayWhenKafkaAcknowledgedNothingForTheWriteTimeout() throws Exception {
        publisher = new FakePublisher(false);
        Call call = start(limits(Duration.ofMillis(300)));

        call.send(identity("s1")).send(periodic(1, 0)).send(flush("m"));

        assertThat(call.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(call.status().getDescription()).contains("flush_marker 'm'")
                .contains("was not acknowledged by Kafka").contains("300 ms (WriteTimeout)");
    }

    @Test
    void shouldLetAStreamRunFurtherAheadOnceTheViewShowsItsPace() throws Exception {
        // 4 KiB allowed before the view has shown a pace, up to 1 MiB at its pace over the last 10 s
        WriterLimits paced = new WriterLimits(1024, 10, Duration.ofMillis(5), 1 << 20, 4 * 1024, 1 << 20,
                Duration.ofSeconds(10), Duration.ofSeconds(5), io.rta.topology.limits.InputLimits.defaults());
        Call call = start(paced);
        call.send(identity("s1"));
        for (int i = 0; i < 2_000; i++) {
            call.send(periodic(1, i * 1_000L));
        }
        Thread.sleep(300);
        int cold = publisher.bursts();
        assertThat(cold).as("nothing readable yet: held at the minimum allowance").isLessThan(200);

        readability.commit(Long.MAX_VALUE);
        await().atMost(WAIT).until(() -> {
            readability.commit(Long.MAX_VALUE);
            return publisher.bursts() == 2_000;
        });
    }

    @Test
    void shouldFailTheStreamWithUnavailableWhenKafkaRejectsABatch() throws Exception {
        publisher = new FakePublisher(false);
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("s1")).send(periodic(1, 0)).send(flush("m"));
        await().atMost(WAIT).until(() -> publisher.sent().size() == 1);
        publisher.sent().get(0).ack().completeExceptionally(new IllegalStateException("broker down"));

        assertThat(call.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(call.status().getDescription()).contains("'s1'").contains("broker down");
    }

    @Test
    void shouldStopReadingTheClientWhileTooManyBytesAreUnacknowledged() throws Exception {
        publisher = new FakePublisher(false);
        WriterLimits small = new WriterLimits(1024, 10, Duration.ofMillis(5), 1 << 20, 4 * 1024,
                Duration.ofSeconds(5));
        Call call = start(small);

        call.send(identity("s1"));
        for (int i = 0; i < 200; i++) {
            call.send(periodic(1, i * 1_000L));
        }
        Thread.sleep(300);
        int published = publisher.bursts();
        assertThat(published).as("bounded by the in-flight limit").isLessThan(200);

        await().atMost(WAIT).until(() -> {
            publisher.ackAll();
            readability.commit(Long.MAX_VALUE);
            return publisher.bursts() == 200;
        });
        call.send(flush("m"));
        publisher.ackAll();
        await().atMost(WAIT).until(() -> {
            publisher.ackAll();
            return call.flushes.contains("m");
        });
    }

    @Test
    void shouldStopReadingTheClientWhileTooManyAcknowledgedBytesAreNotReadableYet() throws Exception {
        WriterLimits small = new WriterLimits(1024, 10, Duration.ofMillis(5), 1 << 20, 4 * 1024,
                Duration.ofSeconds(5));
        Call call = start(small);

        call.send(identity("s1"));
        for (int i = 0; i < 200; i++) {
            call.send(periodic(1, i * 1_000L));
        }
        Thread.sleep(300);
        int published = publisher.bursts();
        assertThat(published).as("Kafka acknowledged everything, but the chunk view committed nothing")
                .isLessThan(200);
        Thread.sleep(200);
        assertThat(publisher.bursts()).as("still waiting for the view").isEqualTo(published);

        await().atMost(WAIT).until(() -> {
            readability.commit(Long.MAX_VALUE);
            return publisher.bursts() == 200;
        });
        call.send(flush("m"));
        await().atMost(WAIT).until(() -> call.flushes.contains("m"));
    }

    @Test
    void shouldNotAskForAWindowOfLargeMessagesBeyondTheInFlightLimit() throws Exception {
        publisher = new FakePublisher(false);
        WriterLimits small = new WriterLimits(1024, 10, Duration.ofMillis(5), 1 << 20, 64 * 1024,
                Duration.ofSeconds(5));
        Call call = start(small);

        call.send(identity("s1"));
        for (int i = 0; i < 100; i++) {
            call.send(WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder().setChannelId(1)
                    .setStartTimestamp(i * 1_000_000L).setInterval(100).setSamples(10_000)
                    .setBuffer(ByteString.copyFrom(new byte[80_000]))).build());
        }
        Thread.sleep(500);

        assertThat(publisher.bursts()).as("80 KB messages, 64 KiB in flight, nothing acknowledged")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void shouldAskTheTransportForMessagesInWindowsNotOneAtATime() throws Exception {
        publisher = new FakePublisher(true);
        List<Integer> asks = new CopyOnWriteArrayList<>();
        Call call = start(limits(Duration.ofSeconds(5)), countingRequests(asks));

        call.send(identity("s1"));
        for (int i = 0; i < 1_000; i++) {
            call.send(periodic(1, i * 1_000L));
        }
        call.send(flush("m"));
        await().atMost(WAIT).until(() -> {
            readability.commit(Long.MAX_VALUE);
            return call.flushes.contains("m");
        });

        assertThat(asks.stream().mapToInt(Integer::intValue).sum()).as("messages asked for")
                .isGreaterThanOrEqualTo(1_002);
        assertThat(asks).as("one hand-off per window, not per message")
                .hasSizeLessThanOrEqualTo(1 + 2 * 1_002 / WriteStream.REQUEST_WINDOW + 2)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(WriteStream.REQUEST_WINDOW));
    }

    /** Records each {@code request(n)} the service makes of its calls. */
    private static ServerInterceptor countingRequests(List<Integer> asks) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void request(int messages) {
                        asks.add(messages);
                        super.request(messages);
                    }
                }, headers);
            }
        };
    }

    @Test
    void shouldCompleteOnceEverythingSentIsAcknowledged() throws Exception {
        Call call = start(limits(Duration.ofSeconds(5)));

        call.send(identity("s1")).send(periodic(1, 0));
        call.requests.onCompleted();

        assertThat(call.done.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(publisher.bursts()).isEqualTo(1);
    }

    private static WriterLimits limits(Duration writeTimeout) {
        return WriterLimits.defaults(writeTimeout);
    }

    private Call start(WriterLimits limits, ServerInterceptor... interceptors) throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new DataWriterService(publisher, readability, limits, timer),
                        interceptors)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return new Call(DataWriterGrpc.newStub(channel));
    }

    private static WriteDataStreamMessage identity(String identity) {
        return WriteDataStreamMessage.newBuilder().setDataIdentity(identity).build();
    }

    private static WriteDataStreamMessage flush(String marker) {
        return WriteDataStreamMessage.newBuilder().setFlushMarker(marker).build();
    }

    static WriteDataStreamMessage periodic(int channel, long start) {
        return WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder().setChannelId(channel)
                .setStartTimestamp(start).setInterval(100).setSamples(4)
                .setBuffer(ByteString.copyFrom(new byte[32]))).build();
    }

    private static WriteDataStreamMessage event(long timestamp) {
        return WriteDataStreamMessage.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(7)
                .setTimestamp(timestamp).setStatusText("pit")).build();
    }

    /** A client of one WriteDataStream call. */
    private static final class Call implements StreamObserver<WriteDataStreamResponseMessage> {
        final List<String> flushes = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final StreamObserver<WriteDataStreamMessage> requests;

        Call(DataWriterGrpc.DataWriterStub stub) {
            requests = stub.writeDataStream(this);
        }

        Call send(WriteDataStreamMessage message) {
            requests.onNext(message);
            return this;
        }

        Status status() throws Exception {
            try {
                done.get(5, TimeUnit.SECONDS);
                return Status.OK;
            } catch (java.util.concurrent.ExecutionException e) {
                return Status.fromThrowable(e.getCause());
            }
        }

        @Override
        public void onNext(WriteDataStreamResponseMessage message) {
            flushes.add(message.getFlushCompleted());
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }
    }
}
