package io.rta.topology.data;

/**
 * What a data read asks for.
 *
 * @param dataIdentity data identity (in RTA Server mode the session identity)
 * @param kind data representation
 * @param channels channels to read; ignored for events
 * @param startTime earliest time wanted (inclusive; {@link Long#MIN_VALUE} = from the start); rounded outwards to
 *     chunk boundaries
 * @param endTime latest time wanted (inclusive; {@link Long#MAX_VALUE} = to the end); rounded outwards
 */
public record ChunkRead(String dataIdentity, DataKind kind, ChannelsExpression channels, long startTime,
                        long endTime) {
}
