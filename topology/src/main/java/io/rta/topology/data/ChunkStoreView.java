package io.rta.topology.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link ChunkView} over the local chunk store: a range scan per series. Slots stored from one packing are copied to
 * the sink as stored (fast path); slots with several sources are merged on the fly exactly as compaction would.
 */
public final class ChunkStoreView implements ChunkView {

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;

    public ChunkStoreView(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public void read(ChunkRead request, ChunkSink sink) throws IOException {
        byte[] identity = request.dataIdentity().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!ChunkKeys.fits(identity)) {
            return; // no identity this long was ever stored
        }
        for (Series series : series(identity, request)) {
            readSeries(identity, series, request, sink);
        }
    }

    private record Series(ChannelRef channel, ChannelMeta meta) {
    }

    /** The request's series in wire order (ascending channel id; row sets in key order). */
    private List<Series> series(byte[] identity, ChunkRead request) {
        List<Series> found = new ArrayList<>();
        DataKind kind = request.kind();
        switch (kind) {
            case EVENTS -> {
                byte[] meta = store.get(ChunkKeys.meta(identity, ChannelRef.events()));
                if (meta != null) {
                    found.add(new Series(ChannelRef.events(), ChannelMeta.decode(meta)));
                }
            }
            case ROW -> {
                byte[] prefix = ChunkKeys.kindPrefix(ChunkKeys.META, identity, kind, 0).array();
                scan(Bytes.wrap(prefix), ChunkKeys.prefixEnd(prefix), false, entry -> {
                    ChannelRef rowSet = ChunkKeys.parseMeta(entry.key.get());
                    if (request.channels().matchesAny(rowSet.idsView())) {
                        found.add(new Series(rowSet, ChannelMeta.decode(entry.value)));
                    }
                });
            }
            case TIMESTAMPED, PERIODIC -> {
                for (ChannelsExpression.Range range : request.channels().ranges()) {
                    Bytes from = ChunkKeys.meta(identity, ChannelRef.channel(kind, range.from()));
                    Bytes to = ChunkKeys.meta(identity, ChannelRef.channel(kind, range.to()));
                    scan(from, to, true, entry -> found.add(new Series(ChunkKeys.parseMeta(entry.key.get()),
                            ChannelMeta.decode(entry.value))));
                }
            }
        }
        return found;
    }

    private void readSeries(byte[] identity, Series series, ChunkRead request, ChunkSink sink) throws IOException {
        long duration = series.meta().slotDuration();
        Bytes from = request.startTime() == Long.MIN_VALUE
                ? ChunkKeys.slotStart(identity, series.channel(), Long.MIN_VALUE)
                : ChunkKeys.slotStart(identity, series.channel(), SlotSplitter.slotOf(request.startTime(), duration));
        Bytes to = request.endTime() == Long.MAX_VALUE
                ? ChunkKeys.slotEnd(identity, series.channel(), Long.MAX_VALUE)
                : ChunkKeys.slotEnd(identity, series.channel(), SlotSplitter.slotOf(request.endTime(), duration));
        long[] channelIds = series.channel().channelIds();
        List<KeyValue<Bytes, byte[]>> slot = new ArrayList<>();
        long current = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                long entrySlot = ChunkKeys.parse(entry.key.get()).slot();
                if (!slot.isEmpty() && entrySlot != current) {
                    emitSlot(series.channel().kind(), slot, channelIds, request, sink);
                    slot.clear();
                }
                current = entrySlot;
                slot.add(entry);
            }
        }
        if (!slot.isEmpty()) {
            emitSlot(series.channel().kind(), slot, channelIds, request, sink);
        }
    }

    private static void emitSlot(DataKind kind, List<KeyValue<Bytes, byte[]>> slot, long[] channelIds,
                                 ChunkRead request, ChunkSink sink) throws IOException {
        List<byte[]> values = new ArrayList<>(slot.size());
        for (KeyValue<Bytes, byte[]> entry : slot) {
            values.add(entry.value);
        }
        if (!SlotSources.isServedAsStored(slot)) {
            values = SlotPacker.merge(kind, values);
        }
        for (byte[] value : values) {
            StoredChunk chunk = ChunkValue.toChunk(value, channelIds);
            if (chunk.endTime() >= request.startTime() && chunk.startTime() <= request.endTime()) {
                sink.accept(chunk);
            }
        }
    }

    private interface EntryAction {
        void accept(KeyValue<Bytes, byte[]> entry);
    }

    /** Scans {@code [from, to]} (inclusive) or {@code [from, to)}. */
    private void scan(Bytes from, Bytes to, boolean inclusive, EntryAction action) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (inclusive || !entry.key.equals(to)) {
                    action.accept(entry);
                }
            }
        }
    }
}
