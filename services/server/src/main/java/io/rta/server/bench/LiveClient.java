package io.rta.server.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamDataBurst;
import io.rta.proto.model.net.stream.StreamRequest;
import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.topology.data.codec.Lz4Pickler;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One benchmark WebSocket client, as ATLAS would be: connects with the RTA sub-protocol, waits for the session JSON,
 * subscribes to its channels, then decodes every burst (LZ4, protobuf) and counts the periodic samples and how long
 * after their sending each burst arrived (its last sample is stamped with the moment it was sent).
 */
final class LiveClient implements WebSocket.Listener {

    static final String SUB_PROTOCOL = "mat.ocs.rta.stream-lz4";

    private final int[] channels;
    private final CompletableFuture<Void> sessionReceived = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean measuring;
    private Latencies latencies = new Latencies();
    private long measuredSamples;
    private long windowWorstNanos;
    private WebSocket socket;

    LiveClient(int[] channels) {
        this.channels = channels;
    }

    /** Connects and waits for the first message (the session JSON). */
    void connect(HttpClient http, URI uri, Duration timeout) throws Exception {
        socket = http.newWebSocketBuilder().subprotocols(SUB_PROTOCOL).connectTimeout(timeout)
                .buildAsync(uri, this).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        sessionReceived.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void subscribe() {
        StreamSubscription.Builder subscription = StreamSubscription.newBuilder();
        for (int channel : channels) {
            subscription.addDataChannelIds(channel);
        }
        socket.sendBinary(ByteBuffer.wrap(StreamRequest.newBuilder().setSubscribe(subscription).build()
                .toByteArray()), true).join();
    }

    /** From now on, latencies and samples count towards the figures. */
    synchronized void startMeasuring() {
        latencies = new Latencies();
        measuredSamples = 0;
        measuring = true;
    }

    synchronized void stopMeasuring() {
        measuring = false;
    }

    synchronized Latencies latencies() {
        return latencies;
    }

    /** The worst latency since the last call (for progress lines). */
    synchronized long takeWindowWorstNanos() {
        long worst = windowWorstNanos;
        windowWorstNanos = 0;
        return worst;
    }

    synchronized long measuredSamples() {
        return measuredSamples;
    }

    long samples() {
        return samples.get();
    }

    int[] channels() {
        return channels;
    }

    /** Why the server closed this client, or null while it is open. */
    String closeReason() {
        return closed.getNow(null);
    }

    void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.write(chunk, 0, chunk.length);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            try {
                received(StreamDataBurst.parseFrom(Lz4Pickler.unpickle(message)), System.currentTimeMillis());
            } catch (InvalidProtocolBufferException e) {
                closed.complete("undecodable burst: " + e.getMessage());
                webSocket.abort();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    private void received(StreamDataBurst burst, long nowMillis) {
        long nowNanos = nowMillis * 1_000_000L;
        long count = 0;
        synchronized (this) {
            for (StreamData data : burst.getDataList()) {
                if (data.hasSessionJson()) {
                    sessionReceived.complete(null);
                } else if (data.hasPeriodicData()) {
                    PeriodicData periodic = data.getPeriodicData();
                    count += periodic.getSamples();
                    if (measuring) {
                        long last = periodic.getStartTimestamp() + (periodic.getSamples() - 1L) * periodic.getInterval();
                        long latency = Math.max(0, nowNanos - last);
                        latencies.record(latency);
                        windowWorstNanos = Math.max(windowWorstNanos, latency);
                    }
                }
            }
            if (measuring) {
                measuredSamples += count;
            }
        }
        samples.addAndGet(count);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        sessionReceived.completeExceptionally(new IllegalStateException("closed before the session JSON: "
                + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error: " + error);
        sessionReceived.completeExceptionally(error);
    }
}
