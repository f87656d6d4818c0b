package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@code DataWriter.WriteDataStream} call as a client makes it: messages go out as they are given, flush markers
 * come back (in order) as the server echoes them, and the call ends with the server's completion or error.
 */
final class WriteStreamClient implements AutoCloseable {

    private static final Duration ECHO = Duration.ofSeconds(60);

    private final List<String> echoed = new CopyOnWriteArrayList<>();
    private volatile Throwable error;
    private volatile boolean completed;
    private final StreamObserver<WriteDataStreamMessage> requests;

    private WriteStreamClient(Channel channel) {
        requests = DataWriterGrpc.newStub(channel).writeDataStream(new StreamObserver<>() {
            @Override
            public void onNext(WriteDataStreamResponseMessage response) {
                echoed.add(response.getFlushCompleted());
            }

            @Override
            public void onError(Throwable t) {
                error = t;
            }

            @Override
            public void onCompleted() {
                completed = true;
            }
        });
    }

    static WriteStreamClient open(Channel channel) {
        return new WriteStreamClient(channel);
    }

    WriteStreamClient send(List<WriteDataStreamMessage> messages) {
        messages.forEach(requests::onNext);
        return this;
    }

    WriteStreamClient send(WriteDataStreamMessage message) {
        requests.onNext(message);
        return this;
    }

    WriteStreamClient identity(String identity) {
        return send(Telemetry.identity(identity));
    }

    /** Sends a flush marker without waiting for its echo. */
    WriteStreamClient marker(String marker) {
        return send(WriteDataStreamMessage.newBuilder().setFlushMarker(marker).build());
    }

    /** Sends a flush marker and waits for its echo: then everything sent before it is durable and readable. */
    WriteStreamClient flush(String marker) {
        marker(marker);
        await().atMost(ECHO).until(() -> echoed.contains(marker) || error != null);
        if (error != null) {
            throw new AssertionError("the stream failed before flush_marker '" + marker + "' was echoed", error);
        }
        return this;
    }

    /** The echoed markers so far, in the order they came back. */
    List<String> echoed() {
        return List.copyOf(echoed);
    }

    boolean failed() {
        return error != null;
    }

    /** Waits for the call to fail and returns its status. */
    Status awaitFailure() {
        await().atMost(ECHO).until(() -> error != null || completed);
        assertThat(completed).as("the call completed instead of failing").isFalse();
        return Status.fromThrowable(error);
    }

    /** Ends the stream and waits for the server to complete it. */
    void complete() {
        requests.onCompleted();
        await().atMost(ECHO).until(() -> completed || error != null);
        if (error != null) {
            throw new AssertionError("the stream failed instead of completing", error);
        }
    }

    @Override
    public void close() {
        if (!completed && error == null) {
            requests.onError(new StatusRuntimeException(Status.CANCELLED.withDescription("test over")));
        }
    }
}
