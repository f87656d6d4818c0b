package io.rta.server.bench;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    /**
     * Result of a load: how many sessions in how long, the CPU time of this process (-1 if unknown), how long each
     * write took to be acknowledged, and the clock and CPU time of the second half, when the JVM has warmed up.
     */
    record Result(int sessions, long elapsedNanos, long cpuNanos, Latencies writeLatencies, long secondHalfNanos,
                  long secondHalfCpuNanos) {
        double sessionsPerSecond() {
            return sessions / (elapsedNanos / 1e9);
        }

        double secondHalfSessionsPerSecond() {
            return (sessions - sessions / 2) / (secondHalfNanos / 1e9);
        }
    }

    private static final long CALL_DEADLINE_SECONDS = 120;
    private static final int DELETE_BATCH = 500;
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.DEADLINE_EXCEEDED, Status.Code.UNAVAILABLE);

    /** Calls in flight per connection at most: below the server's default {@code GrpcMaxConcurrentStreams} (128). */
    static final int CALLS_PER_CONNECTION = 100;

    private final ManagedChannel channel;
    private final List<ManagedChannel> channels;
    private final BenchData data;
    private final int concurrency;
    private final PrintStream progress;

    /**
     * @param channels connections to spread the writes of {@link #load} over (the first also carries every other
     *     call); {@link #connections} of them for {@code concurrency}
     */
    SessionIngest(List<ManagedChannel> channels, BenchData data, int concurrency, PrintStream progress) {
        this.channel = channels.get(0);
        this.channels = List.copyOf(channels);
        this.data = data;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    /** How many connections carry {@code concurrency} writes in flight: {@value #CALLS_PER_CONNECTION} on each. */
    static int connections(int concurrency) {
        return Math.max(1, (concurrency + CALLS_PER_CONNECTION - 1) / CALLS_PER_CONNECTION);
    }

    /**
     * Waits until a session write goes through: a server reports ready once its views are loaded, but its Kafka
     * Streams tasks may still be starting, and writes then wait for them. Writes a probe session and deletes it.
     *
     * @throws IllegalStateException when no write succeeds within {@code timeout}
     */
    void awaitWritable(Duration timeout) throws InterruptedException {
        SessionStoreGrpc.SessionStoreBlockingStub stub = SessionStoreGrpc.newBlockingStub(channel);
        String probe = data.identity(-1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).createOrUpdateSession(
                        CreateOrUpdateSessionRequest.newBuilder().setIdentity(probe)
                                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder())
                                .build());
                stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).deleteSessions(
                        DeleteSessionsRequest.newBuilder().addIdentities(probe).build());
                return;
            } catch (StatusRuntimeException e) {
                if (!RETRYABLE.contains(e.getStatus().getCode()) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server does not accept session writes: " + e.getMessage(),
                            e);
                }
                progress.println("bench: the server is not accepting writes yet (" + e.getStatus().getCode()
                        + "), retrying ...");
                Thread.sleep(1000);
            }
        }
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
     * The writes of sessions {@code first} to {@code first + count - 1}, built before any clock or CPU figure starts:
     * the figures are the server's, not the generator's.
     */
    CreateOrUpdateSessionRequest[] prepare(int first, int count) {
        CreateOrUpdateSessionRequest[] requests = new CreateOrUpdateSessionRequest[count];
        for (int i = 0; i < count; i++) {
            requests[i] = data.request(first + i);
        }
        return requests;
    }

    /**
     * Sends the {@link #prepare prepared} writes; the clock runs from the first send to the last acknowledgement. The
     * array is emptied as the writes go, so a large load does not keep every request until the end.
     *
     * @throws IllegalStateException naming the first failed write (after all writes finished)
     */
    Result load(CreateOrUpdateSessionRequest[] requests) throws InterruptedException {
        int count = requests.length;
        SessionStoreGrpc.SessionStoreStub[] stubs = channels.stream().map(SessionStoreGrpc::newStub)
                .toArray(SessionStoreGrpc.SessionStoreStub[]::new);
        Run run = new Run(count);
        for (int i = 0; i < count && run.firstFailure.get() == null; i++) {
            run.inFlight.acquire();
            stubs[i % stubs.length].withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).createOrUpdateSession(requests[i],
                    run.new Acknowledgement(i));
            requests[i] = null;
        }
        run.inFlight.acquire(concurrency);
        return run.result();
    }

    /**
     * Deletes sessions {@code first} to {@code first + count - 1}, {@value #DELETE_BATCH} identities per request,
     * each request acknowledged (durable and gone from the views) before the method returns.
     */
    void delete(int first, int count) {
        SessionStoreGrpc.SessionStoreBlockingStub stub = SessionStoreGrpc.newBlockingStub(channel);
        for (int from = first; from < first + count; from += DELETE_BATCH) {
            DeleteSessionsRequest.Builder request = DeleteSessionsRequest.newBuilder();
            for (int i = from; i < Math.min(first + count, from + DELETE_BATCH); i++) {
                request.addIdentities(data.identity(i));
            }
            stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).deleteSessions(request.build());
        }
    }

    /** The state of one load, shared by the sending loop and the acknowledgements. */
    private final class Run {
        private final int total;
        private final Semaphore inFlight = new Semaphore(concurrency);
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final AtomicInteger printedTenths = new AtomicInteger();
        /** Each write's latency in its own slot; read after every permit is back, which orders the writes. */
        private final long[] writeNanos;
        private final long start = System.nanoTime();
        private final long startCpuNanos = Machine.processCpuNanos();
        private volatile long halfwayNanos;
        private volatile long halfwayCpuNanos = Machine.processCpuNanos();

        Run(int total) {
            this.total = total;
            this.writeNanos = new long[total];
        }

        Result result() {
            long elapsed = System.nanoTime() - start;
            long cpu = Machine.processCpuNanos();
            if (firstFailure.get() != null) {
                throw new IllegalStateException("ingest failed after " + acknowledged.get()
                        + " acknowledged sessions: " + firstFailure.get().getMessage(), firstFailure.get());
            }
            Latencies latencies = new Latencies();
            for (long nanos : writeNanos) {
                latencies.record(nanos);
            }
            return new Result(total, elapsed, cpu < 0 ? -1 : cpu - startCpuNanos, latencies, elapsed - halfwayNanos,
                    cpu < 0 ? -1 : cpu - halfwayCpuNanos);
        }

        /** Notes the halfway point, and prints a line each time another tenth of the sessions is acknowledged. */
        private void acknowledged(int count) {
            if (count == total / 2) {
                halfwayCpuNanos = Machine.processCpuNanos();
                halfwayNanos = System.nanoTime() - start;
            }
            int tenths = (int) (10L * count / total);
            int printed = printedTenths.get();
            if (tenths > printed && printedTenths.compareAndSet(printed, tenths)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.println(String.format(Locale.ROOT, "ingest: %,d / %,d sessions (%d%%) in %.1f s, %,.0f/s",
                        count, total, tenths * 10, seconds, count / seconds));
            }
        }

        /** Releases the write's permit whatever its outcome; the first failure fails the load. */
        private final class Acknowledgement implements StreamObserver<Empty> {
            private final int index;
            private final long sent = System.nanoTime();

            Acknowledgement(int index) {
                this.index = index;
            }

            @Override
            public void onNext(Empty value) {
                // The acknowledgement itself carries nothing; completion is what counts.
            }

            @Override
            public void onError(Throwable error) {
                firstFailure.compareAndSet(null, new IllegalStateException("session #" + index + ": " + error,
                        error));
                inFlight.release();
            }

            @Override
            public void onCompleted() {
                writeNanos[index] = System.nanoTime() - sent;
                acknowledged(acknowledged.incrementAndGet());
                inFlight.release();
            }
        }
    }
}
