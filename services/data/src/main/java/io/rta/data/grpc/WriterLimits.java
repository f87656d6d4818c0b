package io.rta.data.grpc;

import io.rta.topology.limits.InputLimits;
import java.time.Duration;

/**
 * How {@code WriteDataStream} packs and paces writes.
 *
 * <p>Pacing is by time, not by a fixed byte allowance: a stream may have as many bytes not yet readable as the chunk
 * view made readable for it in the last {@code maxLag} (its measured pace times the lag), so whatever the view's speed
 * (cold after a start, warm, shared with other writers) the stream runs at most about {@code maxLag} ahead of it and
 * its flush markers are answered about that long after they are sent. {@code minInFlightBytes} lets a stream start
 * before the view has shown any pace; {@code maxInFlightBytes} caps what one stream may hold.
 *
 * @param batchBytes a batch is sent once its bursts hold this many bytes
 * @param batchBursts ... or this many bursts
 * @param linger ... or this long after its first burst, so a slow live writer's data is not held back
 * @param maxBurstBytes largest single data message accepted (a batch is one Kafka record)
 * @param minInFlightBytes bytes not yet readable (buffered, unacknowledged by Kafka, or not yet committed by the chunk
 *     view) a stream may always have, before the view has shown its pace
 * @param maxInFlightBytes most bytes not yet readable a stream may have, however fast the view
 * @param maxLag how far ahead of the chunk view, in time at the view's measured pace, a stream may run before the
 *     server stops reading it (gRPC flow control then holds the client)
 * @param writeTimeout how long a flush marker (or the end of the stream) waits while Kafka and the chunk view make no
 *     progress before the stream fails
 * @param input the limits on what a client sends (options): data identity rules, flush marker length, row channels
 */
public record WriterLimits(int batchBytes, int batchBursts, Duration linger, int maxBurstBytes, long minInFlightBytes,
                           long maxInFlightBytes, Duration maxLag, Duration writeTimeout, InputLimits input) {

    public static final int DEFAULT_BATCH_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_BATCH_BURSTS = 40_000;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);
    public static final int DEFAULT_MAX_BURST_BYTES = 8 * 1024 * 1024;
    public static final long DEFAULT_MIN_IN_FLIGHT_BYTES = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(1);

    public WriterLimits {
        if (minInFlightBytes <= 0 || maxInFlightBytes < minInFlightBytes) {
            throw new IllegalArgumentException("in-flight bytes: need 0 < min <= max, got " + minInFlightBytes
                    + " and " + maxInFlightBytes);
        }
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("MaxWriteLag is " + maxLag.toMillis() + " ms; it must be at least 1 ms");
        }
    }

    /** A fixed in-flight allowance (min = max) and the default input limits: for tests of packing and flow control. */
    public WriterLimits(int batchBytes, int batchBursts, Duration linger, int maxBurstBytes, long maxInFlightBytes,
                        Duration writeTimeout) {
        this(batchBytes, batchBursts, linger, maxBurstBytes, maxInFlightBytes, maxInFlightBytes, DEFAULT_MAX_LAG,
                writeTimeout, InputLimits.defaults());
    }

    public static WriterLimits defaults(Duration writeTimeout) {
        return new WriterLimits(DEFAULT_BATCH_BYTES, DEFAULT_BATCH_BURSTS, DEFAULT_LINGER, DEFAULT_MAX_BURST_BYTES,
                DEFAULT_MIN_IN_FLIGHT_BYTES, DEFAULT_MAX_IN_FLIGHT_BYTES, DEFAULT_MAX_LAG, writeTimeout,
                InputLimits.defaults());
    }

    /** The same packing and pacing with the input limits the options set. */
    public WriterLimits withInput(InputLimits limits) {
        return new WriterLimits(batchBytes, batchBursts, linger, maxBurstBytes, minInFlightBytes, maxInFlightBytes,
                maxLag, writeTimeout, limits);
    }

    /** The same with another pacing. */
    public WriterLimits withPacing(long minInFlight, long maxInFlight, Duration lag) {
        return new WriterLimits(batchBytes, batchBursts, linger, maxBurstBytes, minInFlight, maxInFlight, lag,
                writeTimeout, input);
    }
}
