package io.rta.gateway.live;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live connection through the gateway: the client's WebSocket (Jetty, server side) joined to one to the stream
 * service (JDK client). Messages pass both ways unchanged, one at a time and each only once the other side took the
 * previous one (so a slow client slows the stream service's sends, which then applies its own client buffer limit);
 * pings from the stream service reach the client; a close on either side closes the other with the same code and
 * reason, where the other side's API lets it send that code. Public only because Jetty's WebSocket container needs
 * a public endpoint class.
 */
public final class StreamBridge implements Session.Listener.AutoDemanding, WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBridge.class);

    private final CompletableFuture<Session> client = new CompletableFuture<>();
    private volatile WebSocket upstream;
    /** Most text messages of the client that may wait to be passed on ({@link #onWebSocketText}). */
    static final int MAX_WAITING_TEXTS = 16;

    private final AtomicInteger waitingTexts = new AtomicInteger();
    /** The client's messages to the stream service, in order: the JDK client takes one send at a time. */
    private CompletableFuture<?> upstreamSends = CompletableFuture.completedFuture(null);

    /** Called once the stream service accepted the connection, before the client's upgrade completes. */
    void upstream(WebSocket webSocket) {
        this.upstream = webSocket;
    }

    // ---- the stream service's side (JDK client); nothing is asked for until the client's side is open

    @Override
    public void onOpen(WebSocket webSocket) {
        this.upstream = webSocket;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return toClient((session, callback) -> session.sendPartialBinary(data, last, callback));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String text = data.toString();
        return toClient((session, callback) -> session.sendPartialText(text, last, callback));
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // the JDK client answers the stream service's ping itself; the client gets one of its own, which keeps an
        // idle connection open through the gateway as it would be without it
        ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
        return toClient((session, callback) -> session.sendPing(copy, callback));
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        client.thenAccept(session -> session.close(toClientCode(statusCode), reason, Callback.NOOP));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.debug("The stream service's side of a live connection failed: {}", error.toString());
        client.thenAccept(session -> session.close(StatusCode.SERVER_ERROR,
                "the connection to the stream service failed", Callback.NOOP));
    }

    /** Sends to the client once its side is open; asks the stream service for the next message once sent. */
    private CompletionStage<?> toClient(ClientSend send) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        client.thenAccept(session -> send.to(session, Callback.from(() -> {
            sent.complete(null);
            upstream.request(1);
        }, failure -> {
            sent.completeExceptionally(failure);
            upstream.abort();
        })));
        return sent;
    }

    private interface ClientSend {
        void to(Session session, Callback callback);
    }

    // ---- the client's side (Jetty)

    @Override
    public void onWebSocketOpen(Session session) {
        client.complete(session);
        upstream.request(1);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        toUpstream(callback, () -> upstream.sendBinary(payload, true));
    }

    /**
     * A text message (no part of the stream protocol; the stream service answers one with a close) is passed on
     * like any other, but Jetty asks for the next message as soon as this returns, so a client could queue text here
     * faster than it goes out: beyond {@value #MAX_WAITING_TEXTS} waiting, the client's connection is closed (1008).
     */
    @Override
    public void onWebSocketText(String message) {
        if (waitingTexts.incrementAndGet() > MAX_WAITING_TEXTS) {
            client.thenAccept(session -> session.close(StatusCode.POLICY_VIOLATION, "more than "
                    + MAX_WAITING_TEXTS + " text messages are waiting for the stream service", Callback.NOOP));
            return;
        }
        toUpstream(Callback.from(waitingTexts::decrementAndGet, failure -> waitingTexts.decrementAndGet()),
                () -> upstream.sendText(message, true));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        synchronized (this) {
            upstreamSends = upstreamSends.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> upstream.sendClose(toUpstreamCode(statusCode), reason == null ? "" : reason))
                    .exceptionally(failure -> {
                        upstream.abort();
                        return null;
                    });
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("The client's side of a live connection failed: {}", cause.toString());
        upstream.abort();
    }

    private synchronized void toUpstream(Callback callback, Supplier<CompletableFuture<WebSocket>> send) {
        upstreamSends = upstreamSends.thenCompose(ignored -> send.get()).whenComplete((ignored, failure) -> {
            if (failure == null) {
                callback.succeed();
            } else {
                callback.fail(failure);
                client.thenAccept(session -> session.close(StatusCode.SERVER_ERROR,
                        "the connection to the stream service failed", Callback.NOOP));
            }
        });
    }

    /** A code Jetty may send to the client: those that only describe a connection (1005, 1006, 1015) are not. */
    static int toClientCode(int statusCode) {
        return switch (statusCode) {
            case StatusCode.NO_CODE -> StatusCode.NORMAL;
            case StatusCode.ABNORMAL, StatusCode.FAILED_TLS_HANDSHAKE -> StatusCode.SERVER_ERROR;
            default -> statusCode;
        };
    }

    /**
     * A code the JDK client may send (its {@code sendClose} refuses 1002, 1003, 1006, 1007, 1009, 1010, 1012, 1013,
     * 1015): 1000, 1001, 1008, 1011 and 3000-4999 pass; others are sent as 1000.
     */
    static int toUpstreamCode(int statusCode) {
        boolean allowed = statusCode == StatusCode.NORMAL || statusCode == StatusCode.SHUTDOWN
                || statusCode == StatusCode.POLICY_VIOLATION
                || statusCode == StatusCode.SERVER_ERROR || (statusCode >= 3000 && statusCode <= 4999);
        return allowed ? statusCode : StatusCode.NORMAL;
    }
}
