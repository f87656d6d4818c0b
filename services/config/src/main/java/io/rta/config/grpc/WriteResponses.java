package io.rta.config.grpc;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Answers a write RPC from its future's callback, so no gRPC thread ever waits for Kafka or the view. */
final class WriteResponses {

    private static final Logger LOG = LoggerFactory.getLogger(WriteResponses.class);

    private WriteResponses() {
    }

    /**
     * Starts {@code write} and completes {@code response} when it is done.
     *
     * @param action what the write does, for error messages ("store", "delete")
     * @param onSuccess observes the write's result before the response completes
     */
    static <T> void respondWhenDone(String action, String identifier, Supplier<CompletableFuture<T>> write,
                                    Consumer<T> onSuccess, StreamObserver<Empty> response) {
        start(write).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("could not {} config '{}'", action, identifier, ConfigStatuses.unwrap(failure));
                response.onError(ConfigStatuses.writeFailed(action, identifier, failure));
                return;
            }
            onSuccess.accept(result);
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        });
    }

    private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
