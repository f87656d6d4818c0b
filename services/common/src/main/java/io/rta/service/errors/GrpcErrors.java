package io.rta.service.errors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.rta.service.write.WriteTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Maps service errors to gRPC statuses, and completes observers from futures without blocking gRPC threads. Anything
 * not expected is {@code INTERNAL} carrying only a correlation id ({@link InternalErrors}); its text stays in the log.
 */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof InvalidInputException || cause instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof NotFoundException) {
            return Status.NOT_FOUND.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof WriteTimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof UnavailableException) {
            return Status.UNAVAILABLE.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof RetriableException) {
            return Status.UNAVAILABLE.withDescription(InternalErrors.kafkaUnavailable("a gRPC call", cause))
                    .asRuntimeException();
        }
        return Status.INTERNAL.withDescription(InternalErrors.report("a gRPC call", cause)).withCause(cause)
                .asRuntimeException();
    }

    /** Sends the future's value (mapped) or its error to the observer when it completes. */
    public static <T, R> void complete(CompletableFuture<T> future, StreamObserver<R> observer,
                                       Function<T, R> response) {
        future.whenComplete((value, error) -> {
            if (error != null) {
                observer.onError(toStatus(error));
            } else {
                observer.onNext(response.apply(value));
                observer.onCompleted();
            }
        });
    }

    /** Runs a synchronous request, mapping any exception to a gRPC status. */
    public static <R> void respond(StreamObserver<R> observer, java.util.function.Supplier<R> request) {
        R result;
        try {
            result = request.get();
        } catch (RuntimeException e) {
            observer.onError(toStatus(e));
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
