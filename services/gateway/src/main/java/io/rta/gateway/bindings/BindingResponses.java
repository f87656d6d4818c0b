package io.rta.gateway.bindings;

import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.ChunkStreamReader;
import io.rta.topology.data.codec.ChunkStreamWriter;
import io.rta.topology.limits.InputLimits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Writes the client's answer from the data services' answers: relayed, or transformed and merged.
 *
 * <p>Merging: each answer keeps at most the session chunks of its one current upstream chunk; the writer always takes
 * the earliest-starting of those (ties to the earlier binding). Every answer is already in time order per channel,
 * so bindings that serve different channels, or the same channels over disjoint session windows (the guide's "Time
 * Ranges"), come out in time order per channel, and events (one stream per answer) in time order overall. Bindings
 * whose windows overlap on the same channel would need the overlap resolved first; their chunks are interleaved by
 * start time as they come.
 */
public final class BindingResponses {

    private static final int READ_BUFFER = 64 * 1024;
    private static final int WRITE_BUFFER = 64 * 1024;

    private BindingResponses() {
    }

    /**
     * Streams the answer to {@code request} to {@code out}: a single {@link UpstreamRead#relayUnchanged()} answer is
     * copied byte for byte; otherwise every answer is decoded chunk by chunk, shifted to session time, its channels
     * mapped back to session channels, clipped sample-exactly to the binding's bounds, and all are merged into one
     * valid chunked response. Never holds a whole answer in memory. Does not close the answers' bodies or {@code out}.
     *
     * @throws IOException when an answer is not a valid chunk stream (the message names the answer's source, never
     *                     the data identity) or the client goes away
     */
    public static void write(DataRequest request, List<UpstreamAnswer> answers, OutputStream out) throws IOException {
        write(request, answers, out, InputLimits.defaults());
    }

    /**
     * {@link #write(DataRequest, List, OutputStream)} for a request planned with
     * {@link BindingPlanner#plan(DataRequest, List, InputLimits)}: pass the same limits.
     */
    public static void write(DataRequest request, List<UpstreamAnswer> answers, OutputStream out, InputLimits limits)
            throws IOException {
        if (answers.size() == 1 && answers.get(0).read().relayUnchanged()) {
            answers.get(0).body().transferTo(out);
            return;
        }
        SessionRequest parsed = SessionRequest.of(request, limits);
        List<Source> sources = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            UpstreamAnswer answer = answers.get(i);
            BindingMap map = BindingMap.of(answer.read().binding(), parsed.channels());
            sources.add(new Source(i, answer, new ChunkTransform(parsed.kind(), map)));
        }
        // headers are a few bytes each: gather them with their payloads into larger writes
        BufferedOutputStream buffered = new BufferedOutputStream(out, WRITE_BUFFER);
        ChunkStreamWriter writer = new ChunkStreamWriter(buffered);
        while (true) {
            Source earliest = null;
            for (Source source : sources) {
                StoredChunk head = source.head();
                if (head != null && (earliest == null || head.startTime() < earliest.head().startTime())) {
                    earliest = source;
                }
            }
            if (earliest == null) {
                buffered.flush();
                return;
            }
            writer.write(earliest.take());
        }
    }

    /** One answer being read: its pending session chunks (those of one upstream chunk). */
    private static final class Source {
        private final int index;
        private final String source;
        private final ChunkStreamReader reader;
        private final ChunkTransform transform;
        private final Deque<StoredChunk> pending = new ArrayDeque<>();
        private boolean ended;

        Source(int index, UpstreamAnswer answer, ChunkTransform transform) {
            this.index = index;
            this.source = answer.read().binding().source();
            InputStream body = answer.body();
            this.reader = new ChunkStreamReader(body instanceof BufferedInputStream ? body
                    : new BufferedInputStream(body, READ_BUFFER));
            this.transform = transform;
        }

        /** The next session chunk of this answer, reading upstream chunks until one yields some; null at the end. */
        StoredChunk head() throws IOException {
            while (pending.isEmpty() && !ended) {
                StoredChunk chunk;
                try {
                    chunk = reader.read();
                } catch (IOException e) {
                    throw failed(e.getMessage(), e);
                }
                if (chunk == null) {
                    ended = true;
                    continue;
                }
                try {
                    transform.apply(chunk, pending);
                } catch (IOException e) {
                    throw failed("chunk " + (reader.chunksRead() - 1) + ": " + e.getMessage(), e);
                }
            }
            return pending.peekFirst();
        }

        private IOException failed(String problem, IOException cause) {
            return new IOException("answer " + index + " (data source '" + source + "'): " + problem, cause);
        }

        StoredChunk take() {
            return pending.pollFirst();
        }
    }
}
