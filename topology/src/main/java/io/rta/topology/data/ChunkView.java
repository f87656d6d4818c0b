package io.rta.topology.data;

import java.io.IOException;

/** Reads chunks of the data this instance holds, in wire order (channel by channel, time ascending). */
public interface ChunkView {

    /** Streams every chunk matching the request to the sink; nothing when the identity has no such data. */
    void read(ChunkRead request, ChunkSink sink) throws IOException;
}
