package io.rta.files.read;

import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;

/**
 * A checked data read.
 *
 * @param identity the data identity (a file or a glob relative to the root)
 * @param kind what is asked for
 * @param channelsText the channels expression as the client wrote it (passed on to the schema mapping service); null
 *     for events
 * @param channels the same, parsed; null for events
 * @param start inclusive start (ns since the epoch), or null for the files' first row
 * @param end inclusive end, or null for their last
 * @param bearerToken the caller's token, forwarded to the schema mapping service; null without one
 */
public record ReadRequest(String identity, DataKind kind, String channelsText, ChannelsExpression channels,
                          Long start, Long end, String bearerToken) {
}
