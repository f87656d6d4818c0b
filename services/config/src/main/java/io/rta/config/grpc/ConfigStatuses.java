package io.rta.config.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.service.write.WriteTimeoutException;
import io.rta.config.validation.InvalidConfigException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps the config layer's failures onto gRPC statuses with descriptions a caller can act on. */
final class ConfigStatuses {

    private ConfigStatuses() {
    }

    static StatusRuntimeException invalidArgument(InvalidConfigException e) {
        return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
    }

    static StatusRuntimeException notFound(String identifier) {
        return Status.NOT_FOUND.withDescription("config '" + identifier + "' not found").asRuntimeException();
    }

    /** A failed read of the view, which is transient (for example during a rebalance). */
    static StatusRuntimeException readFailed(String identifier, RuntimeException e) {
        return Status.UNAVAILABLE.withDescription("could not read config '" + identifier + "': " + e.getMessage())
                .withCause(e).asRuntimeException();
    }

    /**
     * A failed write: one the topology set aside is INVALID_ARGUMENT, the view timing out DEADLINE_EXCEEDED, anything
     * else UNAVAILABLE.
     */
    static StatusRuntimeException writeFailed(String action, String identifier, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InvalidConfigException invalid) {
            return invalidArgument(invalid);
        }
        if (cause instanceof WriteTimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription(cause.getMessage()).withCause(cause).asRuntimeException();
        }
        return Status.UNAVAILABLE.withDescription("could not " + action + " config '" + identifier + "': "
                + cause.getMessage()).withCause(cause).asRuntimeException();
    }

    /** The failure itself, out of the wrappers futures put around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
