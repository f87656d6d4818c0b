package io.rta.config.grpc;

import io.grpc.stub.ServerCallStreamObserver;

import java.util.ArrayList;
import java.util.List;

/**
 * The server side of one call, in memory: records what the service sends and lets a test decide when the transport
 * is ready and when the client cancels.
 */
final class FakeServerCall<T> extends ServerCallStreamObserver<T> {

    final List<T> sent = new ArrayList<>();
    Throwable error;
    boolean completed;
    private boolean cancelled;
    private int allowance = Integer.MAX_VALUE;
    private Runnable onReady = () -> { };
    private Runnable onCancel = () -> { };

    /** The transport accepts {@code messages} more messages before it stops being ready. */
    FakeServerCall<T> readyFor(int messages) {
        allowance = sent.size() + messages;
        return this;
    }

    /** The transport drained: it accepts {@code messages} more, and tells the service. */
    void drain(int messages) {
        readyFor(messages);
        onReady.run();
    }

    void cancelByClient() {
        cancelled = true;
        onCancel.run();
    }

    @Override
    public void onNext(T value) {
        sent.add(value);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onCompleted() {
        completed = true;
    }

    @Override
    public boolean isReady() {
        return !cancelled && sent.size() < allowance;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
        onReady = handler;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
        onCancel = handler;
    }

    @Override
    public void setCompression(String compression) {
    }

    @Override
    public void disableAutoInboundFlowControl() {
    }

    @Override
    public void request(int count) {
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }
}
