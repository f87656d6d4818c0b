package io.rta.data.grpc;

import io.rta.topology.limits.InputLimits;
import java.time.Duration;

/**
 * How {@code WriteDataStream} packs and paces writes.
 *
 * @param batchBytes a batch is sent once its bursts hold this many bytes
 * @param batchBursts ... or this many bursts
 * @param linger ... or this long after its first burst, so a slow live writer's data is not held back
 * @param maxBurstBytes largest single data message accepted (a batch is one Kafka record)
 * @param maxInFlightBytes bytes a stream may have that are not readable yet (buffered, unacknowledged by Kafka, or not
 *     yet committed by the chunk view) before it stops reading the client: the view's pace paces the writer. The
 *     stream asks gRPC for messages in windows sized to the remaining room at the largest message seen so far
 * @param writeTimeout how long a flush marker (or the end of the stream) waits for the data before the stream fails
 * @param input the limits on what a client sends (options): data identity rules, flush marker length, row channels
 */
public record WriterLimits(int batchBytes, int batchBursts, Duration linger, int maxBurstBytes, long maxInFlightBytes,
                           Duration writeTimeout, InputLimits input) {

    public static final int DEFAULT_BATCH_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_BATCH_BURSTS = 40_000;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);
    public static final int DEFAULT_MAX_BURST_BYTES = 8 * 1024 * 1024;
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 32L * 1024 * 1024;

    /** With the default input limits. */
    public WriterLimits(int batchBytes, int batchBursts, Duration linger, int maxBurstBytes, long maxInFlightBytes,
                        Duration writeTimeout) {
        this(batchBytes, batchBursts, linger, maxBurstBytes, maxInFlightBytes, writeTimeout, InputLimits.defaults());
    }

    public static WriterLimits defaults(Duration writeTimeout) {
        return new WriterLimits(DEFAULT_BATCH_BYTES, DEFAULT_BATCH_BURSTS, DEFAULT_LINGER, DEFAULT_MAX_BURST_BYTES,
                DEFAULT_MAX_IN_FLIGHT_BYTES, writeTimeout);
    }

    /** The same packing and pacing with the input limits the options set. */
    public WriterLimits withInput(InputLimits limits) {
        return new WriterLimits(batchBytes, batchBursts, linger, maxBurstBytes, maxInFlightBytes, writeTimeout, limits);
    }
}
