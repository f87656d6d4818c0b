package io.rta.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A WebSocket client like ATLAS: the JDK's, offering the stream sub-protocol, decoding each burst it receives. */
final class StreamClient implements WebSocket.Listener {

    record Closed(int code, String reason) {
    }

    private static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket webSocket;

    static StreamClient connect(int port, String identity) throws Exception {
        StreamClient client = new StreamClient();
        client.webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols(StreamUpgradeFilter.SUB_PROTOCOL)
                .buildAsync(URI.create("ws://localhost:" + port + "/rta/v2/sessions/" + identity + "/stream"), client)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.webSocket.getSubprotocol()).isEqualTo(StreamUpgradeFilter.SUB_PROTOCOL);
        return client;
    }

    /** The next burst; fails if the server closed instead. */
    List<StreamData> nextBurst() throws InterruptedException {
        Object message = next();
        if (message instanceof Closed closed) {
            fail("expected a burst, the server closed: %s", closed);
        }
        return ((StreamDataBurst) message).getDataList();
    }

    /** Everything received until the server's close, and the close. */
    List<StreamData> untilClose(List<Closed> close) throws InterruptedException {
        List<StreamData> received = new ArrayList<>();
        for (Object message = next(); ; message = next()) {
            if (message instanceof Closed closed) {
                close.add(closed);
                return received;
            }
            received.addAll(((StreamDataBurst) message).getDataList());
        }
    }

    /** Whether a message (or the close) is waiting, without waiting for one. */
    boolean hasMessage() {
        return !messages.isEmpty();
    }

    int pings() {
        return pings.get();
    }

    void subscribe(StreamSubscription subscription) {
        send(StreamRequest.newBuilder().setSubscribe(subscription).build().toByteArray());
    }

    void send(byte[] binary) {
        webSocket.sendBinary(ByteBuffer.wrap(binary), true).join();
    }

    void sendText(String text) {
        webSocket.sendText(text, true).join();
    }

    void abort() {
        webSocket.abort();
    }

    private Object next() throws InterruptedException {
        Object message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            fail("nothing received within %d s", TIMEOUT_SECONDS);
        }
        if (message instanceof Throwable error) {
            throw new AssertionError("the WebSocket failed", error);
        }
        return message;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            try {
                messages.add(StreamDataBurst.parseFrom(Lz4Pickler.unpickle(partial.toByteArray())));
            } catch (Exception e) {
                messages.add(e);
            }
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        messages.add(new AssertionError("the server sent text: " + data));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        messages.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        messages.add(error);
    }
}
