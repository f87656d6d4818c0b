package io.rta.service.adapter;

import io.rta.topology.data.ChunkSink;
import java.io.IOException;

/** The core of a data adapter, as {@link AdapterDataResource} calls it. */
public interface AdapterReads {

    /** A read whose cheap checks passed, ready to write its chunks. */
    interface Prepared {
        /** Writes the chunks, in wire order. */
        void writeTo(ChunkSink sink) throws IOException;
    }

    /**
     * Checks what can be checked before the answer starts (those failures are clean 400 / 404 answers) and returns
     * the read.
     */
    Prepared prepare(AdapterRead read);

    /**
     * Whether the chunks are made as fast as they can be sent (a local scan), so the answer may gather them into large
     * writes ({@code StreamedBody.gathered}); false for an adapter fed by a store over the network, whose chunks are
     * sent as they come.
     */
    default boolean local() {
        return false;
    }
}
