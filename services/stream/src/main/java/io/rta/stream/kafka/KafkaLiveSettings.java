package io.rta.stream.kafka;

import io.rta.service.config.LimitOptions;
import io.rta.topology.limits.InputLimits;

import io.rta.service.config.Options;
import io.rta.stream.StreamOptions;
import java.time.Duration;

/**
 * How much live data the Kafka source keeps in memory for back-fill.
 *
 * @param backScan       {@code BackScan}: how long an item stays after the Streams application committed past it,
 *                       and how far back before the committed offsets the source starts reading: the overlap margin
 *                       between what the REST API serves and what the stream back-fills
 * @param retentionBytes {@code LiveRetentionSize}: the most item bytes kept in memory; above it the oldest items go
 *                       even if the REST API may not serve them yet (a back-fill can then have a gap)
 * @param limits         what the chunk view accepts: live clients get exactly the records and bursts it applies
 */
public record KafkaLiveSettings(Duration backScan, long retentionBytes, InputLimits limits) {

    public static final Duration DEFAULT_BACK_SCAN = Duration.ofSeconds(30);
    public static final long DEFAULT_RETENTION_BYTES = 512L * 1024 * 1024;

    /** With the default input limits (tests). */
    public KafkaLiveSettings(Duration backScan, long retentionBytes) {
        this(backScan, retentionBytes, InputLimits.defaults());
    }

    public KafkaLiveSettings {
        if (backScan.isNegative()) {
            throw new IllegalArgumentException("BackScan must not be negative, got " + backScan);
        }
        if (retentionBytes <= 0) {
            throw new IllegalArgumentException("LiveRetentionSize must be positive, got " + retentionBytes);
        }
    }

    /** The settings options {@code BackScan} and {@code LiveRetentionSize} describe. */
    public static KafkaLiveSettings from(Options options) {
        return new KafkaLiveSettings(options.getDuration(StreamOptions.BACK_SCAN),
                options.getLong(StreamOptions.LIVE_RETENTION_SIZE), LimitOptions.inputLimits(options));
    }

    public static KafkaLiveSettings defaults() {
        return new KafkaLiveSettings(DEFAULT_BACK_SCAN, DEFAULT_RETENTION_BYTES);
    }
}
