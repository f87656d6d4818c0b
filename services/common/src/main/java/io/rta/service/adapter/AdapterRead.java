package io.rta.service.adapter;

import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;

/**
 * A checked data read of a data adapter (a service answering the data routes from a store of its own).
 *
 * @param identity the data identity (the store's own key: an InfluxQL filter, a file glob, ...)
 * @param kind what is asked for
 * @param channelsText the channels expression as the client wrote it (passed on to the schema mapping service); null
 *     for events
 * @param channels the same, parsed; null for events
 * @param start inclusive start (ns since the epoch), or null for the identity's first point
 * @param end inclusive end, or null for its last point
 * @param bearerToken the caller's token, forwarded to the schema mapping service; null without one
 */
public record AdapterRead(String identity, DataKind kind, String channelsText, ChannelsExpression channels,
                          Long start, Long end, String bearerToken) {
}
