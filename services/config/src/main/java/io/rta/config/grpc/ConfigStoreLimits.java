package io.rta.config.grpc;

/**
 * Size limits of the ConfigStore gRPC service.
 *
 * @param maxConfigBytes largest config {@code PutConfigStream} assembles (a stream growing past it is rejected)
 * @param maxUnaryResponseBytes largest {@code PutConfig} request and {@code GetConfig} response; bigger configs
 *     must go through {@code PutConfigStream} / {@code GetConfigStream}. Matches gRPC's default 4 MiB limit.
 * @param pieceBytes size of each {@code piece} {@code GetConfigStream} sends
 */
public record ConfigStoreLimits(int maxConfigBytes, int maxUnaryResponseBytes, int pieceBytes) {

    /** Name of the server option that sets {@code maxConfigBytes} (defined with the server's options). */
    public static final String MAX_CONFIG_SIZE_OPTION = "MaxConfigSize";

    /** Below the 64 MiB Kafka record limit of the config topics: a config travels as one record. */
    public static final int DEFAULT_MAX_CONFIG_BYTES = 60 * 1024 * 1024;
    public static final int DEFAULT_MAX_UNARY_RESPONSE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_PIECE_BYTES = 64 * 1024;

    public ConfigStoreLimits {
        requirePositive(maxConfigBytes, "maxConfigBytes");
        requirePositive(maxUnaryResponseBytes, "maxUnaryResponseBytes");
        requirePositive(pieceBytes, "pieceBytes");
    }

    /** The defaults: 256 MiB configs, 4 MiB unary responses, 64 KiB pieces. */
    public static ConfigStoreLimits defaults() {
        return new ConfigStoreLimits(DEFAULT_MAX_CONFIG_BYTES, DEFAULT_MAX_UNARY_RESPONSE_BYTES, DEFAULT_PIECE_BYTES);
    }

    /** The defaults with another largest config size. */
    public static ConfigStoreLimits withMaxConfigBytes(int maxConfigBytes) {
        return new ConfigStoreLimits(maxConfigBytes, DEFAULT_MAX_UNARY_RESPONSE_BYTES, DEFAULT_PIECE_BYTES);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
