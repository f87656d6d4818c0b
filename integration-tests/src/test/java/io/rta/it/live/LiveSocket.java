package io.rta.it.live;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamDataBurst;
import io.rta.proto.model.net.stream.StreamRequest;
import io.rta.proto.model.net.stream.StreamSubscription;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client as ATLAS uses one (JDK client, sub-protocol {@code mat.ocs.rta.stream-lz4}): keeps every burst
 * it receives, decoded, in order, and how the server closed the connection.
 */
public final class LiveSocket implements WebSocket.Listener, AutoCloseable {

    public static final String SUB_PROTOCOL = "mat.ocs.rta.stream-lz4";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<StreamDataBurst> bursts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final boolean reading;
    private WebSocket socket;

    private LiveSocket(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code ws://.../rta/v2/sessions/{identity}/stream}; the handshake must succeed. */
    public static LiveSocket connect(String httpBaseUrl, String identity) throws Exception {
        return connect(httpBaseUrl, identity, true);
    }

    /** A client that reads nothing after the handshake: the server's sends back up in TCP and then its queue. */
    public static LiveSocket connectNotReading(String httpBaseUrl, String identity) throws Exception {
        return connect(httpBaseUrl, identity, false);
    }

    private static LiveSocket connect(String httpBaseUrl, String identity, boolean reading) throws Exception {
        return connect(httpBaseUrl, identity, reading, null);
    }

    /** {@link #connect(String, String)} with {@code Authorization: Bearer <token>}. */
    public static LiveSocket connectWithToken(String httpBaseUrl, String identity, String token) throws Exception {
        return connect(httpBaseUrl, identity, true, token);
    }

    private static LiveSocket connect(String httpBaseUrl, String identity, boolean reading, String token)
            throws Exception {
        LiveSocket live = new LiveSocket(reading);
        URI uri = URI.create(httpBaseUrl.replaceFirst("^http", "ws") + "/rta/v2/sessions/" + identity + "/stream");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(SUB_PROTOCOL);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        live.socket = builder.buildAsync(uri, live).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return live;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public LiveSocket subscribe(StreamSubscription subscription) {
        socket.sendBinary(ByteBuffer.wrap(StreamRequest.newBuilder().setSubscribe(subscription).build()
                .toByteArray()), true).join();
        return this;
    }

    public LiveSocket subscribeChannels(int... channels) {
        StreamSubscription.Builder builder = StreamSubscription.newBuilder();
        for (int channel : channels) {
            builder.addDataChannelIds(channel);
        }
        return subscribe(builder.build());
    }

    /** A client made with {@link #connectNotReading} starts reading everything. */
    public void resumeReading() {
        socket.request(Long.MAX_VALUE);
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public List<StreamDataBurst> bursts() {
        return List.copyOf(bursts);
    }

    /** Every StreamData received, in order. */
    public List<StreamData> items() {
        List<StreamData> items = new ArrayList<>();
        bursts.forEach(burst -> items.addAll(burst.getDataList()));
        return items;
    }

    public List<StreamData> items(Predicate<StreamData> filter) {
        return items().stream().filter(filter).toList();
    }

    /** Waits until some received item matches. */
    public StreamData awaitItem(Predicate<StreamData> filter) {
        await().atMost(WAIT).until(() -> !items(filter).isEmpty() || closed.isDone());
        List<StreamData> found = items(filter);
        if (found.isEmpty()) {
            throw new AssertionError("closed (" + closed.getNow(null) + ") before the expected item came");
        }
        return found.get(found.size() - 1);
    }

    /** Waits for the server's close; returns "code reason". */
    public String awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public String closeStatus() {
        return closed.getNow(null);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // no request(): a client that never asks reads nothing, so the server's sends back up
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.write(chunk, 0, chunk.length);
        if (last) {
            try {
                bursts.add(StreamDataBurst.parseFrom(PickleDecoder.decode(partial.toByteArray())));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("a server message is not a StreamDataBurst", e);
            }
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        closed.complete("unexpected text message: " + data);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        }
        socket.abort();
    }
}
