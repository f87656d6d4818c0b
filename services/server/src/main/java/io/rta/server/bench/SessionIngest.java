package io.rta.server.bench;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the benchmark's sessions through the SessionStore gRPC API with up to {@code concurrency} writes in flight.
 * A write is acknowledged only once it is durable in Kafka and visible in the server's views, so the measured rate
 * is the rate at which sessions become readable.
 */
final class SessionIngest {

    /** Result of a load: how many sessions in how long. */
    record Result(int sessions, long elapsedNanos) {
        double sessionsPerSecond() {
            return sessions / (elapsedNanos / 1e9);
        }
    }

    private static final long CALL_DEADLINE_SECONDS = 120;

    private final ManagedChannel channel;
    private final BenchData data;
    private final int concurrency;
    private final PrintStream progress;

    SessionIngest(ManagedChannel channel, BenchData data, int concurrency, PrintStream progress) {
        this.channel = channel;
        this.data = data;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    /** Creates the folders the sessions link to, one acknowledged write each. */
    void createFolders() {
        SessionStoreGrpc.SessionStoreBlockingStub stub = SessionStoreGrpc.newBlockingStub(channel);
        for (int folder = 0; folder < data.folderCount(); folder++) {
            stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .putSessionFolder(PutSessionFolderRequest.newBuilder()
                            .setIdentity(data.folderIdentity(folder)).setLabel(data.folderLabel(folder)).build());
        }
    }

    /**
     * Writes sessions 0 to {@code sessions - 1}; the clock runs from the first send to the last acknowledgement.
     * Requests are built before the clock starts: the figure is the server's, not the generator's.
     *
     * @throws IllegalStateException naming the first failed write (after all writes finished)
     */
    Result load(int sessions) throws InterruptedException {
        CreateOrUpdateSessionRequest[] requests = new CreateOrUpdateSessionRequest[sessions];
        for (int i = 0; i < sessions; i++) {
            requests[i] = data.request(i);
        }
        SessionStoreGrpc.SessionStoreStub stub = SessionStoreGrpc.newStub(channel);
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Progress report = new Progress(sessions);
        long start = System.nanoTime();
        for (int i = 0; i < sessions && firstFailure.get() == null; i++) {
            inFlight.acquire();
            stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).createOrUpdateSession(requests[i],
                    new Acknowledgement(i, inFlight, acknowledged, firstFailure, report, start));
            requests[i] = null;
        }
        inFlight.acquire(concurrency);
        long elapsed = System.nanoTime() - start;
        if (firstFailure.get() != null) {
            throw new IllegalStateException("ingest failed after " + acknowledged.get() + " acknowledged sessions: "
                    + firstFailure.get().getMessage(), firstFailure.get());
        }
        return new Result(acknowledged.get(), elapsed);
    }

    /** Prints a line to the progress stream each time another tenth of the sessions is acknowledged. */
    private final class Progress {
        private final int total;
        private final AtomicInteger printedTenths = new AtomicInteger();

        Progress(int total) {
            this.total = total;
        }

        void acknowledged(int count, long start) {
            int tenths = (int) (10L * count / total);
            int printed = printedTenths.get();
            if (tenths > printed && printedTenths.compareAndSet(printed, tenths)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.println(String.format(Locale.ROOT, "ingest: %,d / %,d sessions (%d%%) in %.1f s, %,.0f/s",
                        count, total, tenths * 10, seconds, count / seconds));
            }
        }
    }

    private static final class Acknowledgement implements StreamObserver<Empty> {
        private final int index;
        private final Semaphore inFlight;
        private final AtomicInteger acknowledged;
        private final AtomicReference<Throwable> firstFailure;
        private final Progress progress;
        private final long start;

        Acknowledgement(int index, Semaphore inFlight, AtomicInteger acknowledged,
                        AtomicReference<Throwable> firstFailure, Progress progress, long start) {
            this.index = index;
            this.inFlight = inFlight;
            this.acknowledged = acknowledged;
            this.firstFailure = firstFailure;
            this.progress = progress;
            this.start = start;
        }

        @Override
        public void onNext(Empty value) {
            // The acknowledgement itself carries nothing; completion is what counts.
        }

        @Override
        public void onError(Throwable error) {
            firstFailure.compareAndSet(null, new IllegalStateException("session #" + index + ": " + error, error));
            inFlight.release();
        }

        @Override
        public void onCompleted() {
            progress.acknowledged(acknowledged.incrementAndGet(), start);
            inFlight.release();
        }
    }
}
