package io.rta.stream.ws;

import io.rta.service.config.LimitOptions;
import io.rta.service.config.Options;
import io.rta.stream.StreamOptions;
import io.rta.topology.limits.InputLimits;
import java.time.Duration;

/**
 * How the WebSocket endpoint paces clients.
 *
 * @param clientBufferBytes bytes a client may have queued and in flight (before compression) before it is closed
 *                          as too slow (option {@code ClientBufferSize})
 * @param burstTargetBytes  uncompressed size the server packs a burst up to (the spec suggests about 64 KiB)
 * @param pingInterval      how often each connection is pinged; a connection with no traffic either way for four
 *                          intervals is dropped (a vanished client, or one that stopped reading)
 * @param limits            the input limits: identities in the stream path, channel ids of a subscription
 */
public record StreamSettings(int clientBufferBytes, int burstTargetBytes, Duration pingInterval, InputLimits limits) {

    public static final int DEFAULT_CLIENT_BUFFER_BYTES = 32 * 1024 * 1024;
    public static final int DEFAULT_BURST_TARGET_BYTES = 64 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

    /** With the default input limits. */
    public StreamSettings(int clientBufferBytes, int burstTargetBytes, Duration pingInterval) {
        this(clientBufferBytes, burstTargetBytes, pingInterval, InputLimits.defaults());
    }

    public StreamSettings {
        if (burstTargetBytes <= 0) {
            throw new IllegalArgumentException("burst target must be positive, was " + burstTargetBytes + " bytes");
        }
        if (clientBufferBytes < burstTargetBytes) {
            throw new IllegalArgumentException("ClientBufferSize " + clientBufferBytes
                    + " bytes is below the burst target of " + burstTargetBytes + " bytes");
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("ping interval must be positive, was " + pingInterval);
        }
    }

    /** The defaults with the client buffer of option {@code ClientBufferSize} and the input limits' options. */
    public static StreamSettings from(Options options) {
        return defaults().withClientBufferBytes(options.getInt(StreamOptions.CLIENT_BUFFER_SIZE))
                .withLimits(LimitOptions.inputLimits(options));
    }

    /** 32 MiB per client, 64 KiB bursts, a ping every 15 s. */
    public static StreamSettings defaults() {
        return new StreamSettings(DEFAULT_CLIENT_BUFFER_BYTES, DEFAULT_BURST_TARGET_BYTES, DEFAULT_PING_INTERVAL);
    }

    /** With another client buffer size (option {@code ClientBufferSize}). */
    public StreamSettings withClientBufferBytes(int bytes) {
        return new StreamSettings(bytes, burstTargetBytes, pingInterval, limits);
    }

    /** With other input limits. */
    public StreamSettings withLimits(InputLimits inputLimits) {
        return new StreamSettings(clientBufferBytes, burstTargetBytes, pingInterval, inputLimits);
    }
}
