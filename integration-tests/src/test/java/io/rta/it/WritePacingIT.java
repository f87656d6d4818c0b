package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Writers are paced by the views they wait on, never failed for being fast: on a freshly started server (the normal
 * case when a car leaves the garage), four {@code WriteDataStream} calls writing as fast as flow control lets them
 * for a minute get every flush echoed and every flushed sample is readable; a burst of 50,000 session writes in flight
 * at once is acknowledged in full. Only a view that makes no progress at all fails its writers, after
 * {@code WriteTimeout}, saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WritePacingIT {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FULL_SPEED = Duration.ofSeconds(60);
    private static final int STREAMS = 4;
    private static final int CHANNELS = 20;
    /** One burst: 1,000 uint16 samples of one 1 kHz channel (one second of it). */
    private static final int SAMPLES = 1_000;
    private static final long INTERVAL = 1_000_000;
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long FLUSH_BYTES = 4L * 1024 * 1024;

    private static TestServer server;

    @BeforeAll
    static void startFresh() {
        // production's write timeout, not the test server's more patient default: the point is that it suffices
        server = TestServer.create().option("WriteTimeout", Long.toString(WRITE_TIMEOUT.toMillis())).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void shouldPaceFourFullSpeedWritersOnAFreshServerWithoutFailingAFlushAndKeepEveryFlushedSample()
            throws Exception {
        List<FullSpeedWriter> writers = new ArrayList<>();
        long stopAt = System.nanoTime() + FULL_SPEED.toNanos();
        for (int i = 0; i < STREAMS; i++) {
            String identity = "pacing-" + i;
            server.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
            FullSpeedWriter writer = new FullSpeedWriter(identity, stopAt);
            writers.add(writer);
            DataWriterGrpc.newStub(server.channel()).writeDataStream(writer);
        }

        for (FullSpeedWriter writer : writers) {
            writer.done.get(FULL_SPEED.toSeconds() + 120, TimeUnit.SECONDS);
            assertThat(writer.failure).as(writer.identity + ": no flush may fail").isNull();
            assertThat(writer.echoed).as(writer.identity + ": every flush echoed").isEqualTo(writer.markers);
            assertThat(writer.markers).as(writer.identity + ": flushed several times").isGreaterThan(3);
        }
        for (FullSpeedWriter writer : writers) {
            assertThat(readSamplesPerChannel(writer.identity)).as(writer.identity + ": every flushed sample readable")
                    .containsExactly(writer.samplesPerChannel());
        }
    }

    @Test
    @Order(2)
    void shouldAcknowledgeEveryWriteOfABurstOf50000SessionWritesInFlightAtOnce() throws Exception {
        int writes = 50_000;
        List<ManagedChannel> clients = new ArrayList<>();
        ConcurrentLinkedQueue<Status> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> acks = new ArrayList<>(writes);
        try {
            for (int c = 0; c < 10; c++) {
                clients.add(NettyChannelBuilder.forAddress("localhost", server.grpcPort()).usePlaintext().build());
            }
            for (int i = 0; i < writes; i++) {
                String identity = "burst-" + i;
                CompletableFuture<Void> ack = new CompletableFuture<>();
                acks.add(ack);
                SessionStoreGrpc.newStub(clients.get(i % clients.size())).withDeadlineAfter(10, TimeUnit.MINUTES)
                        .createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN),
                                completing(ack, failures));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(10, TimeUnit.MINUTES);
        } finally {
            clients.forEach(ManagedChannel::shutdownNow);
        }

        assertThat(failures).as("no write fails while the session view progresses").isEmpty();
        assertThat(server.sessions().getSession(io.rta.proto.toolkit.session.GetSessionRequest.newBuilder()
                .setIdentity("burst-" + (writes - 1)).build()).getIdentity())
                .isEqualTo("burst-" + (writes - 1));
    }

    @Test
    @Order(3)
    void shouldFailAFlushAfterTheWriteTimeoutSayingTheChunkViewMadeNoProgressWhenItIsStopped() throws Exception {
        server.server().streams().pause();
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            long started = System.nanoTime();
            stream.identity("pacing-paused").send(periodic(0, 0)).marker("stuck");

            Status status = stream.awaitFailure();
            long waited = System.nanoTime() - started;

            assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(status.getDescription()).isEqualTo("the data written before flush_marker 'stuck' was stored "
                    + "in Kafka but the chunk view made no progress for 10000 ms (WriteTimeout): it committed nothing "
                    + "in that time, so the data is not readable yet (it will be once the view moves on)");
            assertThat(waited).as("failed only after WriteTimeout without progress")
                    .isGreaterThanOrEqualTo(WRITE_TIMEOUT.toNanos());
        } finally {
            server.server().streams().resume();
        }

        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("pacing-resumed").send(periodic(0, 0)).flush("moving-again");
            assertThat(stream.echoed()).containsExactly("moving-again");
            stream.complete();
        }
    }

    private static <T> StreamObserver<T> completing(CompletableFuture<Void> ack, ConcurrentLinkedQueue<Status> failures) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
            }

            @Override
            public void onError(Throwable t) {
                failures.add(Status.fromThrowable(t));
                ack.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                ack.complete(null);
            }
        };
    }

    private static long[] readSamplesPerChannel(String identity) {
        long[] samples = new long[CHANNELS];
        Iterator<PeriodicDataList> lists = DataReaderGrpc.newBlockingStub(server.channel())
                .withDeadlineAfter(5, TimeUnit.MINUTES)
                .readPeriodicDataStream(DataApi.channelRequest(identity, DataApi.ALL, null, null));
        while (lists.hasNext()) {
            for (PeriodicData data : lists.next().getPeriodicDataList()) {
                samples[data.getChannelId()] += data.getSamples();
            }
        }
        return samples;
    }

    /** Burst {@code k} of a channel: samples k x SAMPLES .. (k + 1) x SAMPLES - 1, a pattern of the channel. */
    private static WriteDataStreamMessage periodic(int channel, long k) {
        byte[] buffer = new byte[SAMPLES * 2];
        for (int i = 0; i < SAMPLES; i++) {
            int value = (int) ((channel * 7919 + k * SAMPLES + i) & 0xffff);
            buffer[2 * i] = (byte) value;
            buffer[2 * i + 1] = (byte) (value >>> 8);
        }
        return WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder().setChannelId(channel)
                .setStartTimestamp(T0 + k * SAMPLES * INTERVAL).setInterval(INTERVAL).setSamples(SAMPLES)
                .setBuffer(ByteString.copyFrom(buffer))).build();
    }

    /**
     * Sends bursts round the channels while gRPC reports the call ready, a flush marker after every
     * {@link #FLUSH_BYTES}, until {@code stopAt}; then a final marker and the end of the stream.
     */
    private static final class FullSpeedWriter
            implements ClientResponseObserver<WriteDataStreamMessage, WriteDataStreamResponseMessage> {
        final String identity;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final long stopAt;
        private final Deque<String> pending = new ArrayDeque<>();
        private ClientCallStreamObserver<WriteDataStreamMessage> requests;
        private boolean started;
        private boolean finished;
        private long bursts;
        private long bytesSinceFlush;
        volatile int markers;
        volatile int echoed;
        volatile Throwable failure;

        FullSpeedWriter(String identity, long stopAt) {
            this.identity = identity;
            this.stopAt = stopAt;
        }

        long[] samplesPerChannel() {
            long[] samples = new long[CHANNELS];
            for (int c = 0; c < CHANNELS; c++) {
                samples[c] = (bursts / CHANNELS + (c < bursts % CHANNELS ? 1 : 0)) * SAMPLES;
            }
            return samples;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WriteDataStreamMessage> requestStream) {
            requests = requestStream;
            requestStream.setOnReadyHandler(this::sendWhileReady);
        }

        private void sendWhileReady() {
            while (!finished && requests.isReady()) {
                if (!started) {
                    requests.onNext(WriteDataStreamMessage.newBuilder().setDataIdentity(identity).build());
                    started = true;
                } else if (System.nanoTime() - stopAt < 0) {
                    WriteDataStreamMessage message = periodic((int) (bursts % CHANNELS), bursts / CHANNELS);
                    requests.onNext(message);
                    bursts++;
                    bytesSinceFlush += message.getSerializedSize();
                    if (bytesSinceFlush >= FLUSH_BYTES) {
                        marker("flush-" + markers);
                    }
                } else {
                    marker("final");
                    requests.onCompleted();
                    finished = true;
                }
            }
        }

        private void marker(String marker) {
            synchronized (pending) {
                pending.add(marker);
            }
            markers++;
            bytesSinceFlush = 0;
            requests.onNext(WriteDataStreamMessage.newBuilder().setFlushMarker(marker).build());
        }

        @Override
        public void onNext(WriteDataStreamResponseMessage response) {
            synchronized (pending) {
                String expected = pending.poll();
                if (!response.getFlushCompleted().equals(expected)) {
                    failure = new AssertionError("echoed " + response.getFlushCompleted() + ", expected " + expected);
                }
            }
            echoed++;
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            done.complete(null);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }
    }
}
