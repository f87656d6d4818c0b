package io.rta.gateway.bindings;

import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;
import io.rta.topology.data.ReadTimes;
import io.rta.topology.limits.InputLimits;

/**
 * A {@link DataRequest} parsed and checked exactly as the data routes do: the channels expression by
 * {@link ChannelsExpression#parse(String, InputLimits)}, {@code start}/{@code end} by {@link ReadTimes} (same
 * messages, so a client sees the same 400 from the gateway as from RTA Server).
 *
 * @param channels the requested session channels; null for events
 * @param start    inclusive, session time; {@link Long#MIN_VALUE} when unbounded
 * @param end      inclusive, session time; {@link Long#MAX_VALUE} when unbounded
 */
record SessionRequest(DataKind kind, ChannelsExpression channels, long start, long end) {

    /** @throws IllegalArgumentException naming the parameter and the rule */
    static SessionRequest of(DataRequest request, InputLimits limits) {
        DataKind kind = kind(request.kind());
        ChannelsExpression channels = kind.hasChannels() ? ChannelsExpression.parse(request.channels(), limits) : null;
        long start = ReadTimes.bound("start", ReadTimes.parse("start", request.start()), Long.MIN_VALUE);
        long end = ReadTimes.bound("end", ReadTimes.parse("end", request.end()), Long.MAX_VALUE);
        ReadTimes.checkOrder(start, end);
        return new SessionRequest(kind, channels, start, end);
    }

    private static DataKind kind(String kind) {
        for (DataKind candidate : DataKind.values()) {
            if (candidate.pathName().equals(kind)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("data kind '" + (kind == null ? "" : InputLimits.excerpt(kind))
                + "' is not one of timestamped, periodic, row, events");
    }
}
