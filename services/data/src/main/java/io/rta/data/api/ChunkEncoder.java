package io.rta.data.api;

import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.codec.ChunkStreamWriter;
import java.io.OutputStream;

/** Opens a response body for chunks in the {@code application/vnd.mat.protobuf+chunked} wire format. */
@FunctionalInterface
public interface ChunkEncoder {

    /** The codec's wire format writer. */
    ChunkEncoder WIRE = out -> new ChunkStreamWriter(out)::write;

    /** A sink writing each chunk to {@code out}; one per response (chunk headers are deltas within a response). */
    ChunkSink open(OutputStream out);
}
