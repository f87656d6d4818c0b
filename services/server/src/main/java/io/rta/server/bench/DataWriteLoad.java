package io.rta.server.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes data through concurrent {@code WriteDataStream} calls, one session each, sending only while gRPC reports
 * the call ready (never buffering without bound), with a flush marker after every {@code flushBytes} of messages and
 * one at the end. The time measured runs from the first message to the last stream's final flush acknowledgement.
 */
final class DataWriteLoad {

    /** What was written: samples and message bytes, and the time until every final flush was acknowledged. */
    record Result(long samples, long messages, long bytes, long flushes, long elapsedNanos) {
        double samplesPerSecond() {
            return samples / (elapsedNanos / 1e9);
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / (elapsedNanos / 1e9);
        }
    }

    private static final String FINAL_MARKER = "final";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final long flushBytes;
    private final PrintStream progress;

    DataWriteLoad(ManagedChannel channel, long flushBytes, PrintStream progress) {
        this.channel = channel;
        this.flushBytes = flushBytes;
        this.progress = progress;
    }

    /** Writes {@code sequences.get(i)} to session {@code identities.get(i)}, all streams at once. */
    Result write(String label, List<String> identities, List<BurstSequence> sequences, Duration timeout)
            throws InterruptedException {
        AtomicLong sentSamples = new AtomicLong();
        AtomicLong flushedSamples = new AtomicLong();
        List<StreamWriter> writers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < identities.size(); i++) {
            StreamWriter writer = new StreamWriter(identities.get(i), sequences.get(i), sentSamples, flushedSamples);
            writers.add(writer);
            DataWriterGrpc.newStub(channel).writeDataStream(writer);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(writers.stream().map(w -> w.done)
                .toArray(CompletableFuture[]::new));
        try {
            awaitWithProgress(label, all, start, sentSamples, flushedSamples, timeout);
        } catch (RuntimeException | InterruptedException e) {
            // the other streams stop too, so they do not load the server during the benchmark's next step
            writers.forEach(writer -> writer.cancel(label + " failed"));
            throw e;
        }
        long end = writers.stream().mapToLong(w -> w.finalAckNanos).max().orElse(start);
        return new Result(writers.stream().mapToLong(w -> w.samples).sum(),
                writers.stream().mapToLong(w -> w.messages).sum(), writers.stream().mapToLong(w -> w.bytes).sum(),
                writers.stream().mapToLong(w -> w.flushes).sum(), end - start);
    }

    private void awaitWithProgress(String label, CompletableFuture<Void> all, long start, AtomicLong sent,
                                   AtomicLong flushed, Duration timeout) throws InterruptedException {
        long deadline = start + timeout.toNanos();
        while (true) {
            try {
                all.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.println(String.format(Locale.ROOT, "bench: %s: %,d samples sent, %,d flushed after %.0f s "
                        + "(%,.0f samples/s flushed)", label, sent.get(), flushed.get(), seconds,
                        flushed.get() / seconds));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(label + " did not finish within " + timeout.toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(label + " failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** One call: sends while the transport is ready; counts what each echoed flush marker covers. */
    private final class StreamWriter
            implements ClientResponseObserver<WriteDataStreamMessage, WriteDataStreamResponseMessage> {

        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final String identity;
        private final BurstSequence sequence;
        private final AtomicLong sentSamples;
        private final AtomicLong flushedSamples;
        /** Samples each pending marker covers, in send order (the server echoes markers in order). */
        private final Deque<Long> pendingMarkers = new ArrayDeque<>();
        private ClientCallStreamObserver<WriteDataStreamMessage> requests;
        private boolean identitySent;
        private boolean finished;
        private long bytesSinceFlush;
        private long acknowledgedSamples;
        volatile long samples;
        volatile long messages;
        volatile long bytes;
        volatile long flushes;
        volatile long finalAckNanos;

        StreamWriter(String identity, BurstSequence sequence, AtomicLong sentSamples, AtomicLong flushedSamples) {
            this.identity = identity;
            this.sequence = sequence;
            this.sentSamples = sentSamples;
            this.flushedSamples = flushedSamples;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WriteDataStreamMessage> requestStream) {
            requests = requestStream;
            requestStream.setOnReadyHandler(this::sendWhileReady);
        }

        /** Ends the call if it is still running (gRPC allows this from any thread). */
        void cancel(String why) {
            if (requests != null && !done.isDone()) {
                requests.cancel(why, null);
            }
        }

        /** Runs on the call's serialized executor whenever the transport can take more. */
        private void sendWhileReady() {
            while (!finished && requests.isReady()) {
                if (!identitySent) {
                    requests.onNext(WriteDataStreamMessage.newBuilder().setDataIdentity(identity).build());
                    identitySent = true;
                } else if (sequence.hasNext()) {
                    sendData(sequence.next());
                } else {
                    sendMarker(FINAL_MARKER);
                    requests.onCompleted();
                    finished = true;
                }
            }
        }

        private void sendData(WriteDataStreamMessage message) {
            requests.onNext(message);
            int size = message.getSerializedSize();
            bytes += size;
            messages++;
            samples += BurstSequence.BURST;
            sentSamples.addAndGet(BurstSequence.BURST);
            bytesSinceFlush += size;
            if (bytesSinceFlush >= flushBytes) {
                sendMarker("flush-" + flushes);
            }
        }

        private void sendMarker(String marker) {
            synchronized (pendingMarkers) {
                pendingMarkers.add(samples);
            }
            requests.onNext(WriteDataStreamMessage.newBuilder().setFlushMarker(marker).build());
            bytesSinceFlush = 0;
            flushes++;
        }

        @Override
        public void onNext(WriteDataStreamResponseMessage response) {
            long now = System.nanoTime();
            long covered;
            synchronized (pendingMarkers) {
                covered = pendingMarkers.removeFirst();
            }
            flushedSamples.addAndGet(covered - acknowledgedSamples);
            acknowledgedSamples = covered;
            if (FINAL_MARKER.equals(response.getFlushCompleted())) {
                finalAckNanos = now;
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            if (finalAckNanos == 0) {
                done.completeExceptionally(new IllegalStateException("the WriteDataStream of " + identity
                        + " completed without echoing the final flush marker"));
            } else {
                done.complete(null);
            }
        }
    }
}
