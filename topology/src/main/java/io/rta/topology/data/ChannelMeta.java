package io.rta.topology.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the chunk topology keeps per series: the slot duration chosen when it was first seen (never changes) and the
 * slots holding segments not yet compacted ({@code version(1) | duration(8) | count(2) | slots(8 each)}).
 */
record ChannelMeta(long slotDuration, long[] pendingSlots) {

    private static final byte VERSION = 1;

    ChannelMeta {
        pendingSlots = pendingSlots.clone();
        Arrays.sort(pendingSlots);
    }

    boolean isPending(long slot) {
        return Arrays.binarySearch(pendingSlots, slot) >= 0;
    }

    ChannelMeta withPending(long[] slots) {
        return new ChannelMeta(slotDuration, slots);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(11 + 8 * pendingSlots.length).put(VERSION).putLong(slotDuration)
                .putShort((short) pendingSlots.length);
        for (long slot : pendingSlots) {
            out.putLong(slot);
        }
        return out.array();
    }

    static ChannelMeta decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("stored channel metadata has unknown format version " + version);
        }
        long duration = in.getLong();
        long[] slots = new long[Short.toUnsignedInt(in.getShort())];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.getLong();
        }
        return new ChannelMeta(duration, slots);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelMeta meta && meta.slotDuration == slotDuration
                && Arrays.equals(meta.pendingSlots, pendingSlots);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(slotDuration) * 31 + Arrays.hashCode(pendingSlots);
    }
}
