package io.rta.service.grpc;

/**
 * A gRPC service some of whose calls may run on the transport's (Netty's) thread instead of being handed to the
 * handler pool: their handlers neither block nor run long (a few microseconds of checks, then a hand-over to Kafka;
 * the answer comes later from another thread). Saves each such call the hand-over between threads, which on a small
 * virtual machine costs more than the handler itself (see {@link CallPlacement}).
 */
public interface NonBlockingCalls {

    /**
     * Whether a call of {@code fullMethodName} can run on the transport's thread now: its handler cannot block (nor
     * can anything it calls right now, e.g. the first use of a schema, which asks the registry).
     */
    boolean neverBlocks(String fullMethodName);

    /**
     * Runs {@code task} on the handler pool when the current call runs on the transport's thread, else here: for a
     * handler that finds, once it sees its request, that this one would take long (in the call's context, after
     * the handler returns; its answer goes out from the pool).
     */
    static void moveOffTransport(Runnable task) {
        CallPlacement.moveOffTransport(task);
    }
}
