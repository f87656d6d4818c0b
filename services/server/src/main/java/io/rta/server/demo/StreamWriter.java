package io.rta.server.demo;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code WriteDataStream} to a data identity, honouring gRPC flow control (a send waits while the server is not
 * ready for more), so the demo writes as fast as the server takes it and no faster.
 */
final class StreamWriter implements AutoCloseable {

    private final Semaphore ready = new Semaphore(0);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CompletableFuture<String> lastFlush = new CompletableFuture<>();
    private final ClientCallStreamObserver<WriteDataStreamMessage> requests;
    private volatile String awaited;

    StreamWriter(Channel channel, String identity) {
        Responses responses = new Responses();
        DataWriterGrpc.newStub(channel).writeDataStream(responses);
        requests = responses.requests;
        send(WriteDataStreamMessage.newBuilder().setDataIdentity(identity).build());
    }

    void send(WriteDataStreamMessage message) {
        while (!requests.isReady()) {
            if (done.isDone()) {
                done.join(); // throws the stream's error
                throw new IllegalStateException("the data stream ended before the demo finished writing");
            }
            try {
                ready.tryAcquire(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
        }
        requests.onNext(message);
    }

    /** Sends a flush marker and waits for its echo: what was sent before it is then durable and readable. */
    void flush(String marker, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        awaited = marker;
        send(WriteDataStreamMessage.newBuilder().setFlushMarker(marker).build());
        CompletableFuture.anyOf(lastFlush, done).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!lastFlush.isDone()) {
            done.join();
            throw new IllegalStateException("the data stream ended before flush marker '" + marker + "' was echoed");
        }
    }

    @Override
    public void close() {
        if (!done.isDone()) {
            requests.onCompleted();
        }
    }

    private final class Responses
            implements ClientResponseObserver<WriteDataStreamMessage, WriteDataStreamResponseMessage> {
        ClientCallStreamObserver<WriteDataStreamMessage> requests;

        @Override
        public void beforeStart(ClientCallStreamObserver<WriteDataStreamMessage> requestStream) {
            requests = requestStream;
            requestStream.setOnReadyHandler(ready::release);
        }

        @Override
        public void onNext(WriteDataStreamResponseMessage value) {
            if (value.getFlushCompleted().equals(awaited)) {
                lastFlush.complete(awaited);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
            ready.release();
        }

        @Override
        public void onCompleted() {
            done.complete(null);
            ready.release();
        }
    }
}
