package io.rta.data.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.common.collect.ImmutableList;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rta.data.DataAccess;
import io.rta.data.DataReads;
import io.rta.data.FakeChunkView;
import io.rta.data.OwnerLocator;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.ReadChannelDataStreamRequest;
import io.rta.proto.toolkit.data.ReadDataStreamRequest;
import io.rta.topology.data.DataKind;
import io.rta.topology.limits.InputLimits;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataReaderServiceTest {

    private final FakeChunkView view = new FakeChunkView();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private Server server;
    private ManagedChannel channel;
    private DataReaderGrpc.DataReaderBlockingStub client;

    @BeforeEach
    void start() throws Exception {
        DataReads reads = new DataReads(Set.of("s1", "empty")::contains, identity -> view, OwnerLocator.SELF);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new DataReaderService(reads, FakeChunkView::decode, readers,
                        io.rta.data.remote.OwnerClient.create(java.time.Duration.ofSeconds(2)))).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = DataReaderGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        readers.shutdownNow();
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownSession() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ImmutableList.copyOf(client.readPeriodicDataStream(channels("nope", "0-"))));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.getStatus().getDescription()).isEqualTo("session 'nope' not found");
    }

    /**
     * The standalone data service reads by data identity over gRPC too (its module passes
     * {@link DataReads#byDataIdentity()}): an identity the caller may not read is an empty stream there, as on its
     * REST route by identity, where the server (reads by session) answers NOT_FOUND.
     */
    @Test
    void shouldAnswerAnEmptyStreamForAnIdentityTheCallerMayNotReadWhenReadingByDataIdentity() throws Exception {
        view.add("hidden", DataKind.PERIODIC, 0, 300, new long[] {1}, periodicList(1, 0).toByteArray());
        DataReads hiding = new DataReads((identity, visibility) -> false, (identity, visibility) -> false,
                identity -> view, OwnerLocator.SELF, InputLimits.defaults());

        assertThat(readAll(hiding.byDataIdentity(), channels("hidden", "0-"))).isEmpty();
        StatusRuntimeException bySession = catchThrowableOfType(StatusRuntimeException.class,
                () -> readAll(hiding, channels("hidden", "0-")));
        assertThat(bySession.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(readAll(new DataReads(DataAccess.ANY, DataAccess.ANY, identity -> view, OwnerLocator.SELF,
                InputLimits.defaults()).byDataIdentity(), channels("hidden", "0-"))).hasSize(1);
    }

    /** A periodic read through a service of its own over {@code reads}. */
    private ImmutableList<PeriodicDataList> readAll(DataReads reads, ReadChannelDataStreamRequest request)
            throws Exception {
        String name = InProcessServerBuilder.generateName();
        Server own = InProcessServerBuilder.forName(name).addService(new DataReaderService(reads,
                FakeChunkView::decode, readers, io.rta.data.remote.OwnerClient.create(Duration.ofSeconds(2))))
                .build().start();
        ManagedChannel ownChannel = InProcessChannelBuilder.forName(name).build();
        try {
            return ImmutableList.copyOf(DataReaderGrpc.newBlockingStub(ownChannel).readPeriodicDataStream(request));
        } finally {
            ownChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            own.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldAnswerInvalidArgumentForAMalformedChannelsExpression() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ImmutableList.copyOf(client.readTimestampedDataStream(channels("s1", "1,G"))));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains("'G' is not a hexadecimal channel id");
    }

    @Test
    void shouldAnswerInvalidArgumentWhenStartIsAfterEnd() {
        ReadChannelDataStreamRequest request = channels("s1", "0-").toBuilder()
                .setStartTime(Int64Value.of(10)).setEndTime(Int64Value.of(5)).build();

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ImmutableList.copyOf(client.readRowDataStream(request)));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("start 10 is after end 5");
    }

    @Test
    void shouldAnswerAnEmptyStreamForAKnownSessionWithoutData() {
        assertThat(ImmutableList.copyOf(client.readPeriodicDataStream(channels("empty", "0-")))).isEmpty();
    }

    @Test
    void shouldSendEachStoredChunkAsTheListItHolds() {
        PeriodicDataList first = periodicList(1, 0);
        PeriodicDataList second = periodicList(1, 1_000);
        view.add("s1", DataKind.PERIODIC, 0, 300, new long[] {1}, first.toByteArray())
                .add("s1", DataKind.PERIODIC, 1_000, 1_300, new long[] {1}, second.toByteArray())
                .add("s1", DataKind.PERIODIC, 0, 300, new long[] {2}, periodicList(2, 0).toByteArray());

        assertThat(ImmutableList.copyOf(client.readPeriodicDataStream(channels("s1", "1"))))
                .containsExactly(first, second);
        assertThat(view.reads().get(0).startTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(view.reads().get(0).endTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldEndAReadWhoseClientTakesNothingAndReleaseItsThread() throws Exception {
        view.add("s1", DataKind.PERIODIC, 0, 300, new long[] {1}, periodicList(1, 0).toByteArray());
        String name = InProcessServerBuilder.generateName();
        ThreadPoolExecutor idleReaders = (ThreadPoolExecutor) Executors.newCachedThreadPool();
        DataReads reads = new DataReads(Set.of("s1")::contains, identity -> view, OwnerLocator.SELF);
        Server idleServer = InProcessServerBuilder.forName(name).addService(new DataReaderService(reads,
                FakeChunkView::decode, idleReaders, io.rta.data.remote.OwnerClient.create(Duration.ofSeconds(2)),
                Duration.ofMillis(300))).build().start();
        ManagedChannel idleChannel = InProcessChannelBuilder.forName(name).build();
        try {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            DataReaderGrpc.newStub(idleChannel).readPeriodicDataStream(channels("s1", "0-"),
                    new ClientResponseObserver<ReadChannelDataStreamRequest, PeriodicDataList>() {
                        @Override
                        public void beforeStart(ClientCallStreamObserver<ReadChannelDataStreamRequest> call) {
                            call.disableAutoRequestWithInitial(0); // and never asks for a message
                        }

                        @Override
                        public void onNext(PeriodicDataList value) {
                            ended.completeExceptionally(new AssertionError("a message nobody asked for"));
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(t);
                        }

                        @Override
                        public void onCompleted() {
                            ended.completeExceptionally(new AssertionError("completed"));
                        }
                    });

            Status status = Status.fromThrowable(ended.get(30, TimeUnit.SECONDS));

            assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(status.getDescription())
                    .isEqualTo("the client took nothing for 300 ms (IdleReadTimeout): the read was ended");
            await().atMost(Duration.ofSeconds(30)).until(() -> idleReaders.getActiveCount() == 0);
        } finally {
            idleChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            idleServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            idleReaders.shutdownNow();
        }
    }

    @Test
    void shouldReadEventsWithinTheRequestedTimes() {
        EventsList events = EventsList.newBuilder()
                .addEvents(Event.newBuilder().setEventDefinitionId(3).setTimestamp(500).setStatusText("pit")).build();
        view.add("s1", DataKind.EVENTS, 500, 500, new long[0], events.toByteArray());

        ReadDataStreamRequest request = ReadDataStreamRequest.newBuilder().setDataIdentity("s1")
                .setStartTime(Int64Value.of(400)).setEndTime(Int64Value.of(600)).build();

        assertThat(ImmutableList.copyOf(client.readEventsStream(request))).containsExactly(events);
        assertThat(view.reads().get(0).startTime()).isEqualTo(400);
    }

    @Test
    void shouldSendAManyChunkReadCompletely() {
        for (int i = 0; i < 500; i++) {
            view.add("s1", DataKind.PERIODIC, i * 1_000L, i * 1_000L + 300, new long[] {1},
                    periodicList(1, i * 1_000L).toByteArray());
        }

        assertThat(ImmutableList.copyOf(client.readPeriodicDataStream(channels("s1", "0-")))).hasSize(500);
    }

    private static ReadChannelDataStreamRequest channels(String identity, String channels) {
        return ReadChannelDataStreamRequest.newBuilder().setDataIdentity(identity).setChannels(channels).build();
    }

    private static PeriodicDataList periodicList(int channel, long start) {
        return PeriodicDataList.newBuilder().addPeriodicData(PeriodicData.newBuilder().setChannelId(channel)
                .setStartTimestamp(start).setInterval(100).setSamples(4)
                .setBuffer(ByteString.copyFrom(new byte[32]))).build();
    }
}
