package io.rta.stream.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rta.proto.model.net.stream.StreamRequest;
import io.rta.proto.model.net.stream.StreamSubscription;
import java.nio.ByteBuffer;

/** Reads the client's binary messages: uncompressed {@code StreamRequest}s, of which only {@code subscribe} exists. */
public final class StreamRequests {

    private StreamRequests() {
    }

    /**
     * The subscription a client message asks for.
     *
     * @throws InvalidStreamRequestException when the payload is not a {@code StreamRequest}, sets no option, or sets
     *                                       one this server does not know (a client newer than the protocol we speak)
     */
    public static StreamSubscription subscription(ByteBuffer payload) throws InvalidStreamRequestException {
        int size = payload.remaining();
        StreamRequest request;
        try {
            request = StreamRequest.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidStreamRequestException("StreamRequest of " + size + " bytes is not a valid protobuf "
                    + "message (requests are sent uncompressed): " + e.getMessage());
        }
        if (request.hasSubscribe()) {
            return request.getSubscribe();
        }
        if (!request.getUnknownFields().asMap().isEmpty()) {
            throw new InvalidStreamRequestException("StreamRequest option field " + request.getUnknownFields().asMap()
                    .keySet() + " is not supported: only subscribe (field 2) is");
        }
        throw new InvalidStreamRequestException("StreamRequest sets no option: expected subscribe (field 2)");
    }
}
