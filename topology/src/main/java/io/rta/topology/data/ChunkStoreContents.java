package io.rta.topology.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a chunk store holds, seen from outside the topology (a replay's verification walks two stores with it): the
 * data identities it has series for. Reads of their chunks go through {@link ChunkStoreView}, as the data service's do.
 */
public final class ChunkStoreContents {

    private ChunkStoreContents() {
    }

    /** Every data identity with at least one series in the store, in key order. */
    public static List<String> dataIdentities(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        List<String> identities = new ArrayList<>();
        Bytes from = Bytes.wrap(new byte[] {ChunkKeys.META});
        Bytes end = ChunkKeys.prefixEnd(new byte[] {ChunkKeys.META});
        while (true) {
            byte[] identity = firstIdentity(store, from, end);
            if (identity == null) {
                return identities;
            }
            identities.add(new String(identity, StandardCharsets.UTF_8));
            // past every series of this identity: the next key holds another identity
            from = ChunkKeys.prefixEnd(identityPrefix(identity));
        }
    }

    /** The identity of the first meta key in {@code [from, end)}, or null. */
    private static byte[] firstIdentity(ReadOnlyKeyValueStore<Bytes, byte[]> store, Bytes from, Bytes end) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, end)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (entry.key.equals(end)) {
                    return null;
                }
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                key.get();
                byte[] identity = new byte[Short.toUnsignedInt(key.getShort())];
                key.get(identity);
                return identity;
            }
            return null;
        }
    }

    /** {@code 'M' | identity}: every series of one identity starts with it. */
    private static byte[] identityPrefix(byte[] identity) {
        return ByteBuffer.allocate(3 + identity.length).put(ChunkKeys.META).putShort((short) identity.length)
                .put(identity).array();
    }
}
