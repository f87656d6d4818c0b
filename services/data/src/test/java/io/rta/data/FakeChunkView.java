package io.rta.data;

import io.rta.topology.data.ChunkRead;
import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.ChunkView;
import io.rta.topology.data.DataKind;
import io.rta.topology.data.StoredChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jpountz.lz4.LZ4Factory;

/** Chunks held in memory per (identity, kind), with LZ4 block payloads built the way the chunk topology stores them. */
public final class FakeChunkView implements ChunkView {

    private static final LZ4Factory LZ4 = LZ4Factory.fastestJavaInstance();

    private final Map<String, List<StoredChunk>> chunks = new ConcurrentHashMap<>();
    private final List<ChunkRead> reads = new ArrayList<>();

    public FakeChunkView add(String identity, DataKind kind, long start, long end, long[] channels, byte[] list) {
        byte[] block = LZ4.fastCompressor().compress(list);
        chunks.computeIfAbsent(identity + "/" + kind, k -> new ArrayList<>())
                .add(new StoredChunk(start, end, channels, list.length, block, 0, block.length));
        return this;
    }

    @Override
    public void read(ChunkRead request, ChunkSink sink) throws IOException {
        synchronized (reads) {
            reads.add(request);
        }
        for (StoredChunk chunk : chunks.getOrDefault(request.dataIdentity() + "/" + request.kind(), List.of())) {
            if (chunk.endTime() >= request.startTime() && chunk.startTime() <= request.endTime()
                    && (!request.kind().hasChannels() || request.channels().matchesAny(chunk.channelIds()))) {
                sink.accept(chunk);
            }
        }
    }

    public List<ChunkRead> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    /** The test double of the codec's LZ4 block decoder. */
    public static byte[] decode(StoredChunk chunk) {
        return LZ4.fastDecompressor().decompress(chunk.payload(), chunk.payloadOffset(), chunk.unpackedLength());
    }
}
