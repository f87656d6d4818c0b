package io.rta.data.api;

import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;

/** Unpacks a stored chunk's payload to the encoded {@code *DataList} (gRPC reads send lists, not chunks). */
@FunctionalInterface
public interface PayloadDecoder {

    /** Stored payloads are LZ4 blocks. */
    PayloadDecoder LZ4 = chunk -> Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(),
            chunk.unpackedLength());

    /** @throws IllegalArgumentException when the payload is malformed */
    byte[] decode(StoredChunk chunk);
}
