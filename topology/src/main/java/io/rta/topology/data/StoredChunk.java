package io.rta.topology.data;

/**
 * One chunk as it goes on the wire: the time span of the data inside it, its channels, and the payload (an LZ4 block
 * of the encoded {@code *DataList}).
 *
 * @param startTime timestamp of the first sample or event in the chunk (ns since the Unix epoch)
 * @param endTime timestamp of the last sample or event in the chunk (inclusive)
 * @param channelIds the chunk's channel (timestamped, periodic), channel set (row data) or none (events)
 * @param unpackedLength length of the encoded list before compression
 * @param payload array holding the LZ4 block
 * @param payloadOffset where the block starts in {@code payload}
 * @param payloadLength length of the block
 */
public record StoredChunk(long startTime, long endTime, long[] channelIds, int unpackedLength, byte[] payload,
                          int payloadOffset, int payloadLength) {
}
