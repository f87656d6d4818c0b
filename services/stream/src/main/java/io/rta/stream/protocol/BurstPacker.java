package io.rta.stream.protocol;

import io.rta.topology.data.codec.Lz4Pickler;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers {@code StreamDataBurst} entries (see {@link StreamElements}) into one WebSocket message of about the target
 * size before compression: many small entries compress far better together, and a burst is the unit a client's pace
 * is measured in. An entry larger than the target goes alone rather than being refused.
 */
public final class BurstPacker {

    private final int targetBytes;
    private final List<byte[]> entries = new ArrayList<>();
    private int size;

    /** @param targetBytes the uncompressed size a burst may reach (the spec suggests 64 KiB) */
    public BurstPacker(int targetBytes) {
        if (targetBytes <= 0) {
            throw new IllegalArgumentException("burst target must be positive, was " + targetBytes + " bytes");
        }
        this.targetBytes = targetBytes;
    }

    /** Whether an entry of this size may join: always into an empty burst, else only within the target. */
    public boolean fits(int entryBytes) {
        return size == 0 || size + entryBytes <= targetBytes;
    }

    /** Whether the burst is at its target (nothing more should be pulled for it). */
    public boolean isFull() {
        return size >= targetBytes;
    }

    public void add(byte[] entry) {
        entries.add(entry);
        size += entry.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The burst's size before compression. */
    public int size() {
        return size;
    }

    /** The serialized {@code StreamDataBurst}, LZ4-pickled for the wire; the packer is empty afterwards. */
    public byte[] pickle() {
        byte[] burst = new byte[size];
        int offset = 0;
        for (byte[] entry : entries) {
            System.arraycopy(entry, 0, burst, offset, entry.length);
            offset += entry.length;
        }
        entries.clear();
        size = 0;
        return Lz4Pickler.pickle(burst);
    }
}
