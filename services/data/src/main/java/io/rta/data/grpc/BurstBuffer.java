package io.rta.data.grpc;

import io.rta.events.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/** The bursts of one data identity waiting to go out as one {@link TelemetryBatch} record. */
final class BurstBuffer {

    private List<Object> bursts = new ArrayList<>();
    private long bytes;

    void add(Object burst, int size) {
        bursts.add(burst);
        bytes += size;
    }

    boolean isEmpty() {
        return bursts.isEmpty();
    }

    boolean isFull(WriterLimits limits) {
        return bytes >= limits.batchBytes() || bursts.size() >= limits.batchBursts();
    }

    long bytes() {
        return bytes;
    }

    /** The batch of everything buffered; the buffer is empty afterwards. */
    TelemetryBatch drain() {
        TelemetryBatch batch = new TelemetryBatch(bursts);
        bursts = new ArrayList<>();
        bytes = 0;
        return batch;
    }
}
