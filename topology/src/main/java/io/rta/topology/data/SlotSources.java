package io.rta.topology.data;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

/**
 * Whether a slot's stored entries came out of one packing (only compacted parts, or only the segment pieces of one
 * source record): such a slot is served as stored; any other mix is merged.
 */
final class SlotSources {

    private SlotSources() {
    }

    /**
     * Whether a slot's entries can go on the wire as they are: one source, none of them {@link ChunkValue#RAW} (the
     * segments of a slot still being written are stored uncompressed and always merged).
     */
    static boolean isServedAsStored(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            if (ChunkValue.isRaw(entry.value)) {
                return false;
            }
        }
        return isSingleSource(entries);
    }

    static boolean isSingleSource(List<KeyValue<Bytes, byte[]>> entries) {
        long source = Long.MIN_VALUE;
        boolean first = true;
        for (KeyValue<Bytes, byte[]> entry : entries) {
            long entrySource = ChunkKeys.parse(entry.key.get()).source();
            if (!first && entrySource != source) {
                return false;
            }
            source = entrySource;
            first = false;
        }
        return true;
    }
}
