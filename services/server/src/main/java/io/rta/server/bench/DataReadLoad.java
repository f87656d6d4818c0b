package io.rta.server.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.ChunkHeader;
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
import java.util.Locale;
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
    /** The {@code Authorization} header every request carries, or null. */
    private final String authorization;

    DataReadLoad(String baseUrl) {
        this(baseUrl, null);
    }

    /** @param authorization the {@code Authorization} header of every request ({@code Bearer <token>}), or null */
    DataReadLoad(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /**
     * Reads all channels of {@code kind} of every session.
     *
     * @param samplesPerSession samples written to each session
     */
    Result read(BurstSequence.Kind kind, List<String> identities, long samplesPerSession, Depth depth)
            throws Exception {
        String path = kind == BurstSequence.Kind.PERIODIC ? "periodic" : "timestamped";
        List<String> paths = identities.stream().map(identity -> "/rta/v2/sessions/" + identity + "/data/" + path
                + "/0-").toList();
        return readAll(paths, uri -> readSession(kind, uri, samplesPerSession, depth));
    }

    /**
     * Reads periodic data at {@code paths} (under the base URL, one request each, all at once), each of which must
     * answer {@code expected}: from the chunk headers alone ({@link Depth#HEADERS}: samples counted from each
     * chunk's span) or from every {@code PeriodicData} decoded.
     */
    Result readPeriodic(List<String> paths, Expected expected, Depth depth) throws Exception {
        return readAll(paths, uri -> readChecked(uri, expected, depth));
    }

    /** One request's read. */
    private interface ReadOne {
        Result read(URI uri) throws IOException, InterruptedException;
    }

    private Result readAll(List<String> paths, ReadOne one) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(paths.size());
        try {
            long start = System.nanoTime();
            List<Future<Result>> reads = new ArrayList<>();
            for (String path : paths) {
                URI uri = URI.create(baseUrl + path);
                reads.add(pool.submit(() -> one.read(uri)));
            }
            long samples = 0;
            long chunks = 0;
            long bytes = 0;
            for (Future<Result> read : reads) {
                Result result = read.get();
                samples += result.samples();
                chunks += result.chunks();
                bytes += result.bytes();
            }
            return new Result(samples, chunks, bytes, System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The answer's body once it is known to be a 200; otherwise an error with its status and body. */
    private InputStream open(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = new BufferedInputStream(response.body(), BUFFER_BYTES);
        if (response.statusCode() != 200) {
            try (body) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
            }
        }
        return body;
    }

    private Result readSession(BurstSequence.Kind kind, URI uri, long written, Depth depth)
            throws IOException, InterruptedException {
        try (InputStream body = open(uri)) {
            ChunkStreamReader reader = new ChunkStreamReader(body);
            long samples = depth == Depth.HEADERS ? skipPayloads(reader, written) : decode(reader, kind);
            if (reader.chunksRead() == 0 || samples != written) {
                throw new IllegalStateException("GET " + uri + " returned " + samples + " samples in "
                        + reader.chunksRead() + " chunks; " + written + " were written");
            }
            return new Result(samples, reader.chunksRead(), reader.bytesRead(), 0);
        }
    }

    private Result readChecked(URI uri, Expected expected, Depth depth) throws IOException, InterruptedException {
        try (InputStream body = open(uri)) {
            ChunkStreamReader reader = new ChunkStreamReader(body);
            Seen seen = new Seen(expected);
            if (depth == Depth.HEADERS) {
                for (ChunkHeader header = reader.readHeader(); header != null; header = reader.readHeader()) {
                    for (long channel : header.channelIds()) {
                        seen.add(channel, header.startTime(), header.endTime());
                    }
                }
            } else {
                decodePeriodic(reader, seen);
            }
            String wrong = seen.differences();
            if (wrong != null) {
                throw new IllegalStateException("GET " + uri + " answered " + reader.chunksRead() + " chunks that "
                        + wrong);
            }
            return new Result(seen.samples, reader.chunksRead(), reader.bytesRead(), 0);
        }
    }

    /**
     * What one periodic answer must hold: its samples (over all channels), the time of its first and last sample, the
     * channels they are on ({@code [firstChannel, lastChannel]}), all at {@code intervalNanos}.
     */
    record Expected(long samples, long firstTime, long lastTime, long firstChannel, long lastChannel,
                    long intervalNanos) {
    }

    /** What an answer held so far, against what it must hold. */
    private static final class Seen {
        final Expected expected;
        long samples;
        /** Sum of the decoded values: keeps the JIT from skipping the walk over them. */
        long checksum;
        private long firstTime = Long.MAX_VALUE;
        private long lastTime = Long.MIN_VALUE;
        private String wrong;

        Seen(Expected expected) {
            this.expected = expected;
        }

        /** Samples of {@code channel} from {@code start} to {@code end} (inclusive) at the expected interval. */
        void add(long channel, long start, long end) {
            if (channel < expected.firstChannel() || channel > expected.lastChannel()) {
                wrong = "hold channel " + channel + ", outside " + expected.firstChannel() + "-"
                        + expected.lastChannel();
            }
            if (end < start || (end - start) % expected.intervalNanos() != 0) {
                wrong = "hold a span " + start + ".." + end + " that is no whole number of intervals of "
                        + expected.intervalNanos() + " ns";
            }
            samples += (end - start) / expected.intervalNanos() + 1;
            firstTime = Math.min(firstTime, start);
            lastTime = Math.max(lastTime, end);
        }

        /** Null when the answer held what it must, else what differed. */
        String differences() {
            if (wrong != null) {
                return wrong;
            }
            if (samples != expected.samples() || firstTime != expected.firstTime()
                    || lastTime != expected.lastTime()) {
                return String.format(Locale.ROOT, "hold %,d samples from %d to %d; expected %,d from %d to %d",
                        samples, firstTime, lastTime, expected.samples(), expected.firstTime(), expected.lastTime());
            }
            return null;
        }
    }

    private static long skipPayloads(ChunkStreamReader reader, long written) throws IOException {
        while (reader.readHeader() != null) {
            // the header is all this client wants
        }
        return written;
    }

    private static long decode(ChunkStreamReader reader, BurstSequence.Kind kind) throws IOException {
        Unpacker unpacker = new Unpacker();
        long samples = 0;
        long checksum = 0;
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            CodedInputStream list = unpacker.unpack(chunk);
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

    /**
     * The samples of an answer of timestamped chunks, counted as cheaply as a client can and still see each: every
     * chunk unpacked and its lists parsed, the values not walked.
     */
    static long countTimestamped(ChunkStreamReader reader) throws IOException {
        Unpacker unpacker = new Unpacker();
        long samples = 0;
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            for (TimestampedData data : TimestampedDataList.parseFrom(unpacker.unpack(chunk))
                    .getTimestampedDataList()) {
                samples += data.getTimestampDeltasCount();
            }
        }
        return samples;
    }

    /** Unpacks chunk payloads into one buffer, grown as needed. */
    private static final class Unpacker {
        private byte[] unpacked = new byte[64 * 1024];

        /** The chunk's *DataList, unpacked, for parsing (valid until the next call). */
        CodedInputStream unpack(StoredChunk chunk) throws IOException {
            if (unpacked.length < chunk.unpackedLength()) {
                unpacked = new byte[Math.max(chunk.unpackedLength(), unpacked.length * 2)];
            }
            Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(), unpacked, 0,
                    chunk.unpackedLength());
            CodedInputStream list = CodedInputStream.newInstance(unpacked, 0, chunk.unpackedLength());
            list.enableAliasing(true);
            return list;
        }
    }

    /** Decodes every {@code PeriodicData} of the answer into {@code seen}, its values summed. */
    private static void decodePeriodic(ChunkStreamReader reader, Seen seen) throws IOException {
        Unpacker unpacker = new Unpacker();
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            CodedInputStream list = unpacker.unpack(chunk);
            for (PeriodicData data : PeriodicDataList.parseFrom(list).getPeriodicDataList()) {
                if (data.getInterval() != seen.expected.intervalNanos()) {
                    throw new IOException("a PeriodicData of channel " + data.getChannelId() + " has interval "
                            + data.getInterval() + " ns; " + seen.expected.intervalNanos() + " were written");
                }
                seen.checksum += sumUint16(data.getBuffer(), data.getSamples());
                seen.add(data.getChannelId(), data.getStartTimestamp(),
                        data.getStartTimestamp() + (data.getSamples() - 1) * data.getInterval());
            }
        }
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
