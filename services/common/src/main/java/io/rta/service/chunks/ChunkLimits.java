package io.rta.service.chunks;

/**
 * The devguide's size limits as they apply here: a result holds up to 128 samples (SHOULD; MUST NOT exceed 10,000);
 * a chunk's list MUST NOT exceed 4 MiB, so a window holding far more than {@code MaxFrequency} implies is cut into
 * several chunks of {@link #MAX_CHUNK_SAMPLES} samples (or events). The cut depends only on the window's data, which
 * every request covering the window reads whole, so chunks stay stable.
 */
public final class ChunkLimits {

    /** Samples per {@code TimestampedData} result. */
    public static final int RESULT_SAMPLES = 128;
    /** Samples (or events) per chunk: a double and its delta take at most ~19 bytes, so under 1.3 MiB a list. */
    public static final int MAX_CHUNK_SAMPLES = 65_536;

    private ChunkLimits() {
    }
}
