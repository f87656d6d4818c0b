package io.rta.data.grpc;

import com.google.protobuf.MessageLite;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.data.api.BatchPublisher;
import io.rta.service.write.ReadabilityTracker;
import io.rta.service.write.StallWatch;
import io.rta.data.api.RecordPosition;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import io.rta.topology.data.BurstValidator;
import io.rta.topology.data.Bursts;
import io.rta.topology.limits.InputLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code WriteDataStream} call: validates each message, packs the bursts of the current data identity into
 * batches, echoes flush markers in order once everything before them is durable and readable, and reads the client
 * only while its bytes not yet readable (buffered, unacknowledged by Kafka, or not yet committed by the chunk view)
 * stay within what the view made readable for it in the last {@code MaxWriteLag} ({@link ViewPace}): a writer faster
 * than the view is held by gRPC flow control at the view's pace, never failed for it. A flush fails only when Kafka and
 * the view made no progress at all for the write timeout.
 *
 * <p>All state is guarded by {@code this}; Kafka and timer callbacks run on the timer executor, never on the
 * producer's I/O thread (which must stay free to release producer memory a blocked send may be waiting for). Nothing
 * here blocks on Kafka: publishing only hands the batch over ({@code EventProducer} sends on its own thread), so neither
 * the shared timer nor a thread holding this stream's lock waits for an unreachable broker.
 */
final class WriteStream implements StreamObserver<WriteDataStreamMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteStream.class);
    /**
     * Most messages asked of gRPC at once. Asking one at a time costs two thread hand-offs per message (transport to
     * handler and back); asking for a window lets the transport deliver a run of messages per hand-off.
     */
    static final int REQUEST_WINDOW = 64;

    private final BatchPublisher publisher;
    private final ReadabilityTracker readability;
    private final WriterLimits limits;
    private final ScheduledExecutorService timer;
    private final WriteMetrics metrics;
    private final ServerCallStreamObserver<WriteDataStreamResponseMessage> response;

    private String identity;
    private final BurstBuffer buffer = new BurstBuffer();
    private ScheduledFuture<?> linger;
    private List<CompletableFuture<RecordPosition>> sentSinceMarker = new ArrayList<>();
    private CompletableFuture<Void> lastMarker = CompletableFuture.completedFuture(null);
    private long bytesInFlight;
    private final ViewPace pace;
    /** {@link System#nanoTime()} of Kafka's latest acknowledgement of a record of this stream. */
    private volatile long lastAck = Long.MIN_VALUE;
    /** Messages asked of gRPC and not delivered yet. */
    private int requested;
    /**
     * How much room one more requested message may take: the largest data message seen on this stream, or the largest
     * allowed until the first has arrived.
     */
    private int largestMessage;
    private boolean sawData;
    private boolean waitingForCapacity;
    private boolean finished;

    WriteStream(BatchPublisher publisher, ReadabilityTracker readability, WriterLimits limits,
                ScheduledExecutorService timer, WriteMetrics metrics,
                ServerCallStreamObserver<WriteDataStreamResponseMessage> response) {
        this.publisher = publisher;
        this.readability = readability;
        this.limits = limits;
        this.timer = timer;
        this.metrics = metrics;
        this.response = response;
        this.largestMessage = limits.maxBurstBytes();
        this.pace = new ViewPace(limits.maxLag().toNanos(), limits.minInFlightBytes(), limits.maxInFlightBytes());
    }

    /** Takes over inbound flow control; must run inside the service method. */
    void start() {
        response.disableAutoRequest();
        response.setOnCancelHandler(this::cancelled);
        requested = 1;
        response.request(1);
    }

    @Override
    public synchronized void onNext(WriteDataStreamMessage message) {
        requested--;
        if (finished) {
            return;
        }
        switch (message.getTypeCase()) {
            case DATA_IDENTITY -> switchIdentity(message.getDataIdentity());
            case FLUSH_MARKER -> flush(message.getFlushMarker());
            case TIMESTAMPED_DATA -> add("timestamped_data", Bursts.fromProto(message.getTimestampedData()),
                    message.getTimestampedData());
            case PERIODIC_DATA -> add("periodic_data", Bursts.fromProto(message.getPeriodicData()),
                    message.getPeriodicData());
            case ROW_DATA -> add("row_data", Bursts.fromProto(message.getRowData()), message.getRowData());
            case EVENT -> add("event", Bursts.fromProto(message.getEvent()), message.getEvent());
            default -> reject("a WriteDataStreamMessage must set one of data_identity, flush_marker, "
                    + "timestamped_data, periodic_data, row_data or event");
        }
        if (!finished) {
            requestNextIfRoom();
        }
    }

    private void switchIdentity(String next) {
        if (next.isBlank()) {
            reject("data_identity is empty");
            return;
        }
        String problem = limits.input().identityProblem("data_identity", next);
        if (problem != null) {
            reject(problem);
            return;
        }
        if (!next.equals(identity)) {
            send();
            identity = next;
        }
    }

    private void add(String field, Object burst, MessageLite proto) {
        if (identity == null) {
            reject("data_identity must come before any data");
            return;
        }
        int size = proto.getSerializedSize();
        if (size > limits.maxBurstBytes()) {
            reject(field + " is " + size + " bytes: one data message may be at most " + limits.maxBurstBytes()
                    + " bytes");
            return;
        }
        String problem = BurstValidator.problem(burst, limits.input());
        if (problem != null) {
            reject(problem);
            return;
        }
        buffer.add(burst, size);
        metrics.accepted(size);
        bytesInFlight += size;
        largestMessage = sawData ? Math.max(largestMessage, size) : size;
        sawData = true;
        if (buffer.isFull(limits)) {
            send();
        } else if (linger == null) {
            linger = timer.schedule(this::lingered, limits.linger().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void lingered() {
        linger = null;
        if (!finished) {
            send();
        }
    }

    /** Sends the buffered bursts (if any) as one record of the current data identity. */
    private void send() {
        cancelLinger();
        if (buffer.isEmpty()) {
            return;
        }
        long bytes = buffer.bytes();
        String key = identity;
        CompletableFuture<RecordPosition> sent;
        try {
            sent = publisher.publish(key, buffer.drain());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<RecordPosition> tracked = sent.handle((position, error) -> {
            if (error != null) {
                throw storeFailure(key, error);
            }
            return position;
        });
        sentSinceMarker.add(tracked);
        tracked.whenCompleteAsync((position, error) -> {
            if (error != null) {
                failed(error);
            } else {
                lastAck = System.nanoTime();
            }
        }, timer);
        // The bytes count against the stream until the chunk view has committed them, not just until Kafka has:
        // a writer faster than the view is slowed to the view's pace (its flushes stay prompt) instead of running
        // ever further ahead of it.
        metrics.timeReadable(tracked.thenCompose(position -> readability.awaitCommitted(position.partition(),
                        position.offset())))
                .whenCompleteAsync((readable, error) -> released(bytes, error == null), timer);
    }

    private static StatusRuntimeException storeFailure(String key, Throwable error) {
        Throwable cause = cause(error);
        return Status.UNAVAILABLE.withDescription("data of '" + key + "' could not be stored in Kafka: "
                + cause.getMessage()).withCause(cause).asRuntimeException();
    }

    private synchronized void released(long bytes, boolean readable) {
        bytesInFlight -= bytes;
        if (readable) {
            pace.readable(bytes, System.nanoTime());
        }
        if (waitingForCapacity && !finished) {
            requestNextIfRoom();
        }
    }

    /**
     * Asks gRPC for as many more messages as fit in the stream's remaining room (its {@link ViewPace} allowance less
     * what is in flight) at the largest message size seen (at most {@link #REQUEST_WINDOW}), topping up once half of
     * the previous ask has arrived. With no room and nothing asked, the stream waits for {@link #released} to make room.
     * The allowance is thus exceeded by at most the messages already asked for; only a client whose messages suddenly
     * grow far beyond its earlier ones can make that more than one window of its usual size (at worst
     * {@link #REQUEST_WINDOW} messages of {@code maxBurstBytes}).
     */
    private void requestNextIfRoom() {
        long room = pace.allowance(System.nanoTime()) - bytesInFlight;
        int wanted = room <= 0 ? 0 : (int) Math.min(REQUEST_WINDOW, Math.max(1, room / largestMessage));
        waitingForCapacity = wanted == 0 && requested == 0;
        if (requested <= wanted / 2 && wanted > requested) {
            response.request(wanted - requested);
            requested = wanted;
        }
    }

    /**
     * A marker waits for every record sent before it to be acknowledged and committed by the Streams application,
     * then for the previous marker's echo, so echoes keep the markers' order.
     */
    private void flush(String marker) {
        long bytes = utf8Length(marker);
        if (bytes > limits.input().maxFlushMarkerLength()) {
            // refused before it is buffered or echoed: a marker is held until its data is readable, then sent back
            reject(InputLimits.exceeded("flush_marker length in UTF-8 bytes", bytes,
                    limits.input().maxFlushMarkerLength(), InputLimits.MAX_FLUSH_MARKER_LENGTH));
            return;
        }
        send();
        List<CompletableFuture<RecordPosition>> before = sentSinceMarker;
        sentSinceMarker = new ArrayList<>();
        FlushWait wait = new FlushWait(marker);
        CompletableFuture<Void> readable = wait.bounded(CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                .thenCompose(acked -> wait.committed(before)));
        CompletableFuture<Void> echoed = lastMarker.thenCombine(readable, (a, b) -> (Void) null)
                .thenAcceptAsync(ready -> echo(marker), timer);
        echoed.whenCompleteAsync((ok, error) -> {
            if (error != null) {
                failed(error);
            }
        }, timer);
        metrics.timeFlush(echoed);
        lastMarker = echoed;
    }

    /** UTF-8 length without encoding (a refused marker may be megabytes). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private synchronized void echo(String marker) {
        if (!finished) {
            response.onNext(WriteDataStreamResponseMessage.newBuilder().setFlushCompleted(marker).build());
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        LOG.debug("WriteDataStream ended by the client: {}", t.toString());
        cancelled();
    }

    @Override
    public synchronized void onCompleted() {
        if (finished) {
            return;
        }
        send();
        List<CompletableFuture<RecordPosition>> pending = new ArrayList<>(sentSinceMarker);
        FlushWait wait = new FlushWait(null);
        CompletableFuture<Void> acked = wait.bounded(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)));
        lastMarker.thenCombine(acked, (a, b) -> (Void) null).whenCompleteAsync((ok, error) -> completed(error), timer);
    }

    private synchronized void completed(Throwable error) {
        if (error != null) {
            failed(error);
        } else if (!finished) {
            finished = true;
            response.onCompleted();
        }
    }

    private synchronized void cancelled() {
        if (!finished) {
            finished = true;
            cancelLinger();
            buffer.drain();
        }
    }

    private void reject(String problem) {
        send();
        fail(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
    }

    private synchronized void failed(Throwable error) {
        Throwable cause = cause(error);
        if (!(cause instanceof StatusRuntimeException)) {
            LOG.warn("WriteDataStream failed unexpectedly: {}", cause.toString(), cause);
        }
        fail(cause instanceof StatusRuntimeException status ? status
                : Status.UNAVAILABLE.withDescription("the write could not be completed: " + cause.getMessage())
                        .withCause(cause).asRuntimeException());
    }

    private void fail(StatusRuntimeException status) {
        if (finished) {
            return;
        }
        finished = true;
        cancelLinger();
        buffer.drain();
        LOG.debug("WriteDataStream failed: {}", status.getStatus());
        response.onError(status);
    }

    private void cancelLinger() {
        if (linger != null) {
            linger.cancel(false);
            linger = null;
        }
    }

    private static Throwable cause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Latest progress of what a flush waits on: Kafka acknowledging this stream's records, the view committing. */
    private long lastProgress() {
        long acked = lastAck;
        long committed = readability.lastProgressNanos();
        if (acked == Long.MIN_VALUE) {
            return committed;
        }
        return committed == Long.MIN_VALUE || acked - committed > 0 ? acked : committed;
    }

    /**
     * Bounds one flush (or the end of the stream) by progress: it fails only once neither Kafka nor the chunk view has
     * moved on for the write timeout, naming the stage that did not finish.
     */
    private final class FlushWait {
        private final String marker;
        private volatile boolean acked;

        FlushWait(String marker) {
            this.marker = marker;
        }

        CompletableFuture<Void> committed(List<CompletableFuture<RecordPosition>> sent) {
            acked = true;
            Map<TopicPartition, Long> last = new HashMap<>();
            for (CompletableFuture<RecordPosition> record : sent) {
                RecordPosition position = record.join();
                last.merge(position.partition(), position.offset(), Math::max);
            }
            return CompletableFuture.allOf(last.entrySet().stream()
                    .map(e -> readability.awaitCommitted(e.getKey(), e.getValue()))
                    .toArray(CompletableFuture[]::new));
        }

        CompletableFuture<Void> bounded(CompletableFuture<Void> work) {
            CompletableFuture<Void> result = new CompletableFuture<>();
            work.whenComplete((ok, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(null);
                }
            });
            StallWatch.watch(result, WriteStream.this::lastProgress, limits.writeTimeout(), timer, this::stalled);
            return result;
        }

        private StatusRuntimeException stalled() {
            String what = marker == null ? "the end of the stream" : "flush_marker '" + marker + "'";
            long millis = limits.writeTimeout().toMillis();
            String stage = acked
                    ? "was stored in Kafka but the chunk view made no progress for " + millis + " ms (WriteTimeout): "
                            + "it committed nothing in that time, so the data is not readable yet (it will be once "
                            + "the view moves on)"
                    : "was not acknowledged by Kafka, which acknowledged nothing of this stream (and the chunk view "
                            + "committed nothing) for " + millis + " ms (WriteTimeout)";
            return Status.DEADLINE_EXCEEDED.withDescription("the data written before " + what + " " + stage)
                    .asRuntimeException();
        }
    }
}
