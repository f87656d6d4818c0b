package io.rta.server.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.ChunkStreamReader;
import io.rta.topology.data.codec.Lz4Block;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads sessions' data back through the REST Data API, one request per session, all at once: either chunk headers
 * only (payloads skipped: the samples counted are those known written) or every sample decoded (LZ4, the *DataList,
 * each value), checking that exactly the samples written come back.
 */
final class DataReadLoad {

    /** How far a read goes into each chunk. */
    enum Depth { HEADERS, SAMPLES }

    /** Samples read (known or decoded), chunks and response bytes, and the time until the last response ended. */
    record Result(long samples, long chunks, long bytes, long elapsedNanos) {
        double samplesPerSecond() {
            return samples / (elapsedNanos / 1e9);
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / (elapsedNanos / 1e9);
        }

        /** Two passes as one. */
        Result plus(Result other) {
            return new Result(samples + other.samples, chunks + other.chunks, bytes + other.bytes,
                    elapsedNanos + other.elapsedNanos);
        }
    }

    private static final int BUFFER_BYTES = 1 << 20;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    DataReadLoad(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Reads all channels of {@code kind} of every session.
     *
     * @param samplesPerSession samples written to each session
     */
    Result read(BurstSequence.Kind kind, List<String> identities, long samplesPerSession, Depth depth)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(identities.size());
        try {
            long start = System.nanoTime();
            List<Future<Result>> reads = new ArrayList<>();
            for (String identity : identities) {
                reads.add(pool.submit(() -> readSession(kind, identity, samplesPerSession, depth)));
            }
            long samples = 0;
            long chunks = 0;
            long bytes = 0;
            for (Future<Result> read : reads) {
                Result one = read.get();
                samples += one.samples();
                chunks += one.chunks();
                bytes += one.bytes();
            }
            return new Result(samples, chunks, bytes, System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    private Result readSession(BurstSequence.Kind kind, String identity, long written, Depth depth)
            throws IOException, InterruptedException {
        String path = kind == BurstSequence.Kind.PERIODIC ? "periodic" : "timestamped";
        URI uri = URI.create(baseUrl + "/rta/v2/sessions/" + identity + "/data/" + path + "/0-");
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = new BufferedInputStream(response.body(), BUFFER_BYTES)) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
            }
            ChunkStreamReader reader = new ChunkStreamReader(body);
            long samples = depth == Depth.HEADERS ? skipPayloads(reader, written) : decode(reader, kind);
            if (reader.chunksRead() == 0 || samples != written) {
                throw new IllegalStateException("GET " + uri + " returned " + samples + " samples in "
                        + reader.chunksRead() + " chunks; " + written + " were written");
            }
            return new Result(samples, reader.chunksRead(), reader.bytesRead(), 0);
        }
    }

    private static long skipPayloads(ChunkStreamReader reader, long written) throws IOException {
        while (reader.readHeader() != null) {
            // the header is all this client wants
        }
        return written;
    }

    private static long decode(ChunkStreamReader reader, BurstSequence.Kind kind) throws IOException {
        byte[] unpacked = new byte[64 * 1024];
        long samples = 0;
        long checksum = 0;
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            if (unpacked.length < chunk.unpackedLength()) {
                unpacked = new byte[Math.max(chunk.unpackedLength(), unpacked.length * 2)];
            }
            Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(), unpacked, 0,
                    chunk.unpackedLength());
            CodedInputStream list = CodedInputStream.newInstance(unpacked, 0, chunk.unpackedLength());
            list.enableAliasing(true);
            if (kind == BurstSequence.Kind.PERIODIC) {
                for (PeriodicData data : PeriodicDataList.parseFrom(list).getPeriodicDataList()) {
                    samples += data.getSamples();
                    checksum += sumUint16(data.getBuffer(), data.getSamples());
                }
            } else {
                for (TimestampedData data : TimestampedDataList.parseFrom(list).getTimestampedDataList()) {
                    samples += data.getTimestampDeltasCount();
                    checksum += sumDoubles(data);
                }
            }
        }
        // The checksum only keeps the JIT from skipping the walk over the values.
        return checksum == Long.MIN_VALUE ? -1 : samples;
    }

    private static long sumUint16(ByteString buffer, int samples) {
        if (buffer.size() != samples * Short.BYTES) {
            throw new IllegalStateException("a PeriodicData of " + samples + " samples holds " + buffer.size()
                    + " bytes");
        }
        ByteBuffer values = buffer.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        for (int i = 0; i < samples; i++) {
            sum += values.getShort(values.position() + 2 * i) & 0xFFFF;
        }
        return sum;
    }

    private static long sumDoubles(TimestampedData data) {
        ByteBuffer values = data.getBuffer().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long time = data.getStartTimestamp();
        double sum = 0;
        for (int i = 0; i < data.getTimestampDeltasCount(); i++) {
            time += data.getTimestampDeltas(i) * data.getTimestampDeltasScale();
            sum += values.getDouble(values.position() + Double.BYTES * i);
        }
        return time + (long) sum;
    }
}
