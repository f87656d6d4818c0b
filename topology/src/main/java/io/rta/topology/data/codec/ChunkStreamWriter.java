package io.rta.topology.data.codec;

import io.rta.topology.data.StoredChunk;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes chunks in the {@code application/vnd.mat.protobuf+chunked} wire format: per chunk a 4-byte little-endian
 * header length, the {@code ChunkTransferHeader} (start and duration as deltas against the previous chunk of this
 * stream, {@code compression_delta} 1 = LZ4 on the first chunk), then the payload. One writer per response.
 */
public final class ChunkStreamWriter {

    public ChunkStreamWriter(OutputStream out) {
        throw new UnsupportedOperationException("TODO codec helper");
    }

    public void write(StoredChunk chunk) throws IOException {
        throw new UnsupportedOperationException("TODO codec helper");
    }

    /** Bytes written so far (headers and payloads). */
    public long bytesWritten() {
        throw new UnsupportedOperationException("TODO codec helper");
    }
}
