package io.rta.influx.read;

import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;

/**
 * A checked data read.
 *
 * @param identity the data identity (an InfluxQL filter expression)
 * @param kind what is asked for
 * @param channelsText the channels expression as the client wrote it (passed on to the schema mapping service); null
 *     for events
 * @param channels the same, parsed; null for events
 * @param start inclusive start (ns since the epoch), or null for the identity's first point
 * @param end inclusive end, or null for its last point
 * @param bearerToken the caller's token, forwarded to the schema mapping service; null without one
 */
public record ReadRequest(String identity, DataKind kind, String channelsText, ChannelsExpression channels,
                          Long start, Long end, String bearerToken) {
}
