package io.rta.service.grpc;

import java.util.Map;

/**
 * A service some of whose methods take requests of at most a size of their own, smaller than the server's
 * {@code GrpcMaxMessageSize}: a request beyond it is refused with {@code INVALID_ARGUMENT} naming the limit before it
 * is parsed ({@link RequestParser}). For methods whose requests are trees of small messages, which parse into many
 * times their size in heap; a method whose request is mostly {@code bytes} (a config, telemetry) needs none.
 */
public interface RequestSizeLimits {

    /**
     * The limits, by method name as the proto spells it ({@code PutSchemaMapping}).
     */
    Map<String, Limit> requestSizeLimits();

    /**
     * @param bytes the most bytes a request may have
     * @param what what allows that many, for the message ({@code "a schema mapping of MaxSchemaMappingSize as stored
     *     can take"})
     */
    record Limit(int bytes, String what) {
    }
}
