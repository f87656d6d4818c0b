package io.rta.data.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The data writer's figures on {@code /metrics}: what it takes in ({@code rta_write_messages_total},
 * {@code rta_write_bytes_total}), how long a record takes from being sent to Kafka to being readable in the chunk
 * view ({@code rta_write_readable_seconds}), and how long a flush marker waits for its echo
 * ({@code rta_write_flush_wait_seconds}); both timers have {@code _bucket}s for percentiles in PromQL. Failed flushes
 * are counted apart ({@code rta_write_flush_failures_total}) and kept out of the wait.
 */
public final class WriteMetrics {

    static final String MESSAGES = "rta.write.messages";
    static final String BYTES = "rta.write.bytes";
    static final String READABLE = "rta.write.readable";
    static final String FLUSH_WAIT = "rta.write.flush.wait";
    static final String FLUSH_FAILURES = "rta.write.flush.failures";

    private final Counter messages;
    private final Counter bytes;
    private final Timer readable;
    private final Timer flushWait;
    private final Counter flushFailures;
    private final LongSupplier nanoClock;

    public WriteMetrics(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    WriteMetrics(MeterRegistry registry, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        messages = Counter.builder(MESSAGES).description("data messages accepted by WriteDataStream")
                .register(registry);
        bytes = Counter.builder(BYTES).baseUnit("bytes")
                .description("bytes of data messages accepted by WriteDataStream").register(registry);
        readable = Timer.builder(READABLE)
                .description("from a record's send to Kafka until the chunk view committed it (readable)")
                .register(registry);
        flushWait = Timer.builder(FLUSH_WAIT)
                .description("from a flush marker's arrival until its echo (everything before it readable)")
                .register(registry);
        flushFailures = Counter.builder(FLUSH_FAILURES)
                .description("flushes (or stream ends) that failed: not stored or not readable in time")
                .register(registry);
    }

    /** Meters nobody serves: for tests. */
    public static WriteMetrics unserved() {
        return new WriteMetrics(new SimpleMeterRegistry());
    }

    /** A data message of {@code serializedBytes} was accepted into the stream's buffer. */
    public void accepted(int serializedBytes) {
        messages.increment();
        bytes.increment(serializedBytes);
    }

    public void readable(Duration sentToReadable) {
        readable.record(sentToReadable);
    }

    public void flushWaited(Duration markerToEcho) {
        flushWait.record(markerToEcho);
    }

    /** Times {@code untilReadable} (started now, when the record is sent) into {@code rta_write_readable_seconds}. */
    public <T> CompletableFuture<T> timeReadable(CompletableFuture<T> untilReadable) {
        return time(untilReadable, readable, null);
    }

    /**
     * Times {@code untilEchoed} (started now, when the marker arrived) into {@code rta_write_flush_wait_seconds}; a
     * flush that fails counts in {@code rta_write_flush_failures_total} instead.
     */
    public <T> CompletableFuture<T> timeFlush(CompletableFuture<T> untilEchoed) {
        return time(untilEchoed, flushWait, flushFailures);
    }

    private <T> CompletableFuture<T> time(CompletableFuture<T> future, Timer timer, Counter failures) {
        long start = nanoClock.getAsLong();
        future.whenComplete((value, error) -> {
            if (error == null) {
                timer.record(nanoClock.getAsLong() - start, TimeUnit.NANOSECONDS);
            } else if (failures != null) {
                failures.increment();
            }
        });
        return future;
    }
}
