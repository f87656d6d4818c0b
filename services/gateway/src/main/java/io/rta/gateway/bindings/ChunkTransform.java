package io.rta.gateway.bindings;

import io.rta.topology.data.DataKind;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.util.Arrays;
import java.util.Deque;

/**
 * Turns one binding's answer, chunk by chunk, into session chunks. Decodes no more than it must:
 * <ul>
 *   <li>a chunk whose (shifted) span lies outside the binding's session window is dropped unread;</li>
 *   <li>a chunk that needs no change (offset 0, channels map to themselves, span inside the window) is passed on with
 *       its payload untouched;</li>
 *   <li>otherwise the payload is unpacked once, rewritten by {@link ListRewriter} (per session channel when one data
 *       channel serves several) and packed again; samples are only looked at one by one when the chunk's span crosses
 *       a window edge.</li>
 * </ul>
 * The chunk header's span is trusted as the data service states it (the chunk format requires it to be the first and
 * last sample's time) to tell which chunks cross a window edge; a chunk that crosses one gets the span of the samples
 * it kept, every other chunk its span shifted.
 */
final class ChunkTransform {

    private static final long[] NO_CHANNELS = new long[0];

    private final DataKind kind;
    private final BindingMap map;
    private final ListRewriter.Window window;
    private final ListRewriter rewriter = new ListRewriter();
    private final long[] targets;
    private byte[] unpacked = new byte[64 * 1024];
    private byte[] block = new byte[0];

    ChunkTransform(DataKind kind, BindingMap map) {
        this.kind = kind;
        this.map = map;
        this.window = new ListRewriter.Window(map.clips(), map.clipFrom(), map.clipTo());
        this.targets = new long[map.maxTargets()];
    }

    /** Adds the session chunks {@code chunk} becomes (none, one, or one per session channel) to {@code out}. */
    void apply(StoredChunk chunk, Deque<StoredChunk> out) throws IOException {
        long offset = map.offset();
        long start = ListRewriter.add(chunk.startTime(), offset, "chunk start time");
        long end = ListRewriter.add(chunk.endTime(), offset, "chunk end time");
        if (window.clip() && (end < window.from() || start > window.to())) {
            return;
        }
        ListRewriter.Window clipping = new ListRewriter.Window(window.clip()
                && (start < window.from() || end > window.to()), window.from(), window.to());
        switch (kind) {
            case PERIODIC, TIMESTAMPED -> channelChunk(chunk, start, end, clipping, out);
            case ROW -> rowChunk(chunk, start, end, clipping, out);
            case EVENTS -> {
                if (offset == 0 && !clipping.clip()) {
                    out.add(chunk);
                    return;
                }
                rewriter.events(unpack(chunk), chunk.unpackedLength(), offset, clipping);
                emit(start, end, clipping.clip(), NO_CHANNELS, out);
            }
        }
    }

    private void channelChunk(StoredChunk chunk, long start, long end, ListRewriter.Window clipping,
                              Deque<StoredChunk> out) throws IOException {
        if (chunk.channelIds().length != 1) {
            throw new IOException(kind.pathName() + " chunk has " + chunk.channelIds().length
                    + " channel ids, not one");
        }
        long data = chunk.channelIds()[0];
        int count = map.sessionChannels(data, targets);
        if (count == 0) {
            return; // a channel that was not asked for
        }
        if (count == 1 && targets[0] == data && map.offset() == 0 && !clipping.clip()) {
            out.add(chunk);
            return;
        }
        byte[] list = unpack(chunk);
        for (int i = 0; i < count; i++) {
            long shift = targets[i] - data;
            if (kind == DataKind.PERIODIC) {
                rewriter.periodic(list, chunk.unpackedLength(), shift, map.offset(), clipping);
            } else {
                rewriter.timestamped(list, chunk.unpackedLength(), shift, map.offset(), clipping);
            }
            emit(start, end, clipping.clip(), new long[] {targets[i]}, out);
        }
    }

    private void rowChunk(StoredChunk chunk, long start, long end, ListRewriter.Window clipping,
                          Deque<StoredChunk> out) throws IOException {
        long[] data = chunk.channelIds();
        long[] session = new long[data.length];
        boolean unchanged = map.offset() == 0 && !clipping.clip();
        for (int i = 0; i < data.length; i++) {
            session[i] = ListRewriter.rowChannel(map, data[i]);
            unchanged &= session[i] == data[i];
        }
        if (unchanged) {
            out.add(chunk);
            return;
        }
        rewriter.rows(unpack(chunk), chunk.unpackedLength(), map, clipping);
        emit(start, end, clipping.clip(), session, out);
    }

    private byte[] unpack(StoredChunk chunk) throws IOException {
        int length = chunk.unpackedLength();
        if (unpacked.length < length) {
            unpacked = new byte[Math.max(length, 2 * unpacked.length)];
        }
        try {
            Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(), unpacked, 0, length);
        } catch (IllegalArgumentException e) {
            throw new IOException(kind.pathName() + " chunk payload: " + e.getMessage(), e);
        }
        return unpacked;
    }

    /**
     * Packs the rewritten list as a chunk. A clipped chunk takes the span of the samples it kept and is dropped when
     * it kept none.
     */
    private void emit(long start, long end, boolean clipped, long[] channels, Deque<StoredChunk> out) {
        if (clipped && rewriter.entries() == 0) {
            return;
        }
        ByteSink list = rewriter.output();
        int room = Lz4Block.maxCompressedLength(list.size());
        if (block.length < room) {
            block = new byte[Math.max(room, 2 * block.length)];
        }
        int packed = Lz4Block.compress(list.array(), 0, list.size(), block, 0);
        long first = clipped ? rewriter.first() : start;
        long last = clipped ? rewriter.last() : end;
        out.add(new StoredChunk(first, last, channels, list.size(), Arrays.copyOf(block, packed), 0, packed));
    }
}
