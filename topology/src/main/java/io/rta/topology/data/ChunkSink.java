package io.rta.topology.data;

import java.io.IOException;

/** Receives the chunks of a read, in the order they must go on the wire. */
@FunctionalInterface
public interface ChunkSink {

    /** The chunk's payload array may be reused after this returns: copy what must outlive the call. */
    void accept(StoredChunk chunk) throws IOException;
}
