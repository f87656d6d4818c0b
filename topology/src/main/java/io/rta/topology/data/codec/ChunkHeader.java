package io.rta.topology.data.codec;

/**
 * One chunk's {@code ChunkTransferHeader} with the deltas undone: what a reader knows about a chunk without its payload.
 *
 * @param startTime timestamp of the chunk's first sample or event (ns since the Unix epoch)
 * @param endTime timestamp of its last sample or event (inclusive)
 * @param channelIds its channel ids as unsigned values (empty for events)
 * @param compression the compression in force (sum of {@code compression_delta}s; 1 = LZ4 block, 0 = none)
 * @param unpackedLength payload length once decompressed
 * @param packedLength payload length on the wire
 */
public record ChunkHeader(long startTime, long endTime, long[] channelIds, int compression, int unpackedLength,
                          int packedLength) {
}
