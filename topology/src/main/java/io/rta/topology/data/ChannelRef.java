package io.rta.topology.data;

import java.util.Arrays;

/**
 * What a chunk series belongs to within a data identity: a channel (timestamped, periodic), a channel set in buffer
 * order (row data) or nothing (events).
 */
public final class ChannelRef {

    private final DataKind kind;
    private final long[] channelIds;

    private ChannelRef(DataKind kind, long[] channelIds) {
        this.kind = kind;
        this.channelIds = channelIds;
    }

    public static ChannelRef channel(DataKind kind, long channelId) {
        return new ChannelRef(kind, new long[] {channelId});
    }

    public static ChannelRef rowSet(long[] channelIds) {
        return new ChannelRef(DataKind.ROW, channelIds.clone());
    }

    public static ChannelRef events() {
        return new ChannelRef(DataKind.EVENTS, new long[0]);
    }

    public DataKind kind() {
        return kind;
    }

    /** The channel ids the chunk header carries. */
    public long[] channelIds() {
        return channelIds.clone();
    }

    long[] idsView() {
        return channelIds;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelRef ref && ref.kind == kind && Arrays.equals(ref.channelIds, channelIds);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(channelIds);
    }

    @Override
    public String toString() {
        return kind.pathName() + Arrays.toString(channelIds);
    }
}
