package io.rta.server.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live pipeline: periodic uint16 samples at a steady rate through one {@code WriteDataStream}, channels staggered
 * evenly, each burst stamped so that its last sample is the wall-clock moment it is sent (so a client can tell how
 * long after sending it arrived). Runs on its own thread until {@link #stop}, then flushes.
 */
final class LiveIngest implements Runnable {

    private final ManagedChannel channel;
    private final String identity;
    private final int channels;
    private final int burstSamples;
    private final long intervalNanos;
    private final long burstPeriodNanos;
    private final ByteString buffer;
    private final CompletableFuture<Void> flushed = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile long samplesSent;
    private volatile long lateNanos;

    /**
     * @param rate samples per second over all channels
     */
    LiveIngest(ManagedChannel channel, String identity, int channels, long rate, int burstSamples) {
        this.channel = channel;
        this.identity = identity;
        this.channels = channels;
        this.burstSamples = burstSamples;
        double perChannel = (double) rate / channels;
        this.intervalNanos = Math.max(1, Math.round(1e9 / perChannel));
        this.burstPeriodNanos = intervalNanos * burstSamples;
        byte[] samples = new byte[burstSamples * 2];
        for (int i = 0; i < burstSamples; i++) {
            int value = 32768 + (int) (10_000 * Math.sin(2 * Math.PI * i / burstSamples));
            samples[2 * i] = (byte) value;
            samples[2 * i + 1] = (byte) (value >>> 8);
        }
        this.buffer = ByteString.copyFrom(samples);
    }

    long samplesSent() {
        return samplesSent;
    }

    /** How far behind its schedule the pacing loop fell at worst (ns): large values mean the figures are suspect. */
    long worstLateNanos() {
        return lateNanos;
    }

    void stop() {
        stopping = true;
    }

    /** Waits for the final flush marker's echo: everything sent is then durable. */
    void awaitFlushed(Duration timeout) throws Exception {
        flushed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        Responses responses = new Responses();
        DataWriterGrpc.newStub(channel).writeDataStream(responses);
        ClientCallStreamObserver<WriteDataStreamMessage> requests = responses.requests;
        requests.onNext(WriteDataStreamMessage.newBuilder().setDataIdentity(identity).build());
        long start = System.nanoTime();
        long[] due = new long[channels];
        for (int c = 0; c < channels; c++) {
            due[c] = start + burstPeriodNanos * c / channels;
        }
        long sent = 0;
        int next = 0;
        while (!stopping) {
            long now = System.nanoTime();
            if (due[next] > now) {
                LockSupport.parkNanos(Math.min(due[next] - now, 1_000_000));
                continue;
            }
            lateNanos = Math.max(lateNanos, now - due[next]);
            long lastSampleNanos = System.currentTimeMillis() * 1_000_000L;
            requests.onNext(WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder()
                    .setChannelId(next).setStartTimestamp(lastSampleNanos - (burstSamples - 1L) * intervalNanos)
                    .setInterval(intervalNanos).setSamples(burstSamples).setBuffer(buffer)).build());
            sent += burstSamples;
            samplesSent = sent;
            due[next] += burstPeriodNanos;
            next = (next + 1) % channels;
        }
        requests.onNext(WriteDataStreamMessage.newBuilder().setFlushMarker("final").build());
        requests.onCompleted();
    }

    private final class Responses
            implements ClientResponseObserver<WriteDataStreamMessage, WriteDataStreamResponseMessage> {
        ClientCallStreamObserver<WriteDataStreamMessage> requests;

        @Override
        public void beforeStart(ClientCallStreamObserver<WriteDataStreamMessage> requestStream) {
            requests = requestStream;
        }

        @Override
        public void onNext(WriteDataStreamResponseMessage value) {
            flushed.complete(null);
        }

        @Override
        public void onError(Throwable t) {
            flushed.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            flushed.complete(null);
        }
    }
}
