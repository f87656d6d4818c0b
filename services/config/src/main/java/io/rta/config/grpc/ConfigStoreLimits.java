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

    public static final String MAX_CONFIG_SIZE_CONFIG = "MaxConfigSize";
    public static final String MAX_CONFIG_SIZE_DOC = "Largest config, in bytes, that PutConfigStream accepts; "
            + "bigger streams fail with INVALID_ARGUMENT. Default 268435456 (256 MiB).";

    public static final int DEFAULT_MAX_CONFIG_BYTES = 256 * 1024 * 1024;
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
