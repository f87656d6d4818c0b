package io.rta.service.grpc;

import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.Locale;

/**
 * Parses a call's request as the method's marshaller would, except that fields the message does not define are
 * dropped while parsing instead of kept. protobuf-java keeps every unknown field of a proto3 message, each in objects
 * of its own: a request of 12 million distinct unknown fields (60 MB, to any method, {@code Check} of health
 * included) took 1.8 GB of heap and 8 s of CPU to parse, all to be thrown away; dropped as they are read, the same
 * request takes 70 ms and keeps nothing (measured). No service here reads a field its proto does not define, so
 * nothing is lost.
 *
 * <p>A request of the in-process transport is already a message ({@link Drainable}) and is taken as the marshaller
 * gives it. Bytes arriving whole ({@link KnownLength}, as from the network) are parsed from an array, the thread's
 * own for requests up to {@value #REUSED_BYTES} bytes, as grpc-java's marshaller does; the parsed message copies what
 * it keeps, so the array is free again once parsing returns.
 *
 * <p>A method may also take requests of at most a size of its own ({@link RequestSizeLimits}), below the server's
 * {@code GrpcMaxMessageSize}: a larger one is refused before it is parsed ({@link TooLarge}), since a request of many
 * small nested messages (empty field mappings, say) is parsed into some 25 bytes of heap for each of its bytes.
 */
final class RequestParser<T> {

    static final int REUSED_BYTES = 4 * 1024 * 1024;
    /** Each thread's array; weakly held, as grpc-java holds its own, so an idle thread's is collected. */
    private static final ThreadLocal<Reference<byte[]>> ARRAYS = new ThreadLocal<>();

    private final MethodDescriptor.Marshaller<T> marshaller;
    /** The message type's parser, dropping unknown fields; null when the requests are not protobuf messages. */
    private final Parser<T> parser;
    /** The method's own limit, or null. */
    private final RequestSizeLimits.Limit limit;

    private RequestParser(MethodDescriptor.Marshaller<T> marshaller, Parser<T> parser, RequestSizeLimits.Limit limit) {
        this.marshaller = marshaller;
        this.parser = parser;
        this.limit = limit;
    }

    /** @param limit the method's own size limit, or null for none but the server's */
    @SuppressWarnings("unchecked")
    static <T> RequestParser<T> of(MethodDescriptor<T, ?> method, RequestSizeLimits.Limit limit) {
        MethodDescriptor.Marshaller<T> marshaller = method.getRequestMarshaller();
        if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<T> proto
                && proto.getMessagePrototype() instanceof Message prototype) {
            Parser<Message> own = (Parser<Message>) prototype.getParserForType();
            return new RequestParser<>(marshaller, (Parser<T>) DiscardUnknownFieldsParser.wrap(own), limit);
        }
        return new RequestParser<>(marshaller, null, limit);
    }

    /** A request over its method's own limit, refused unparsed; the message names the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The request in {@code stream}.
     *
     * @throws RuntimeException when it does not parse: a {@link io.grpc.StatusRuntimeException} whose cause says why,
     *     as the marshaller's own parse fails
     */
    T parse(InputStream stream) {
        if (parser == null || stream instanceof Drainable) {
            return marshaller.parse(stream);
        }
        try {
            if (stream instanceof KnownLength) {
                int size = stream.available();
                checkSize(size);
                byte[] bytes = array(size);
                readFully(stream, bytes, size);
                return parser.parseFrom(bytes, 0, size);
            }
            if (limit != null) {
                // a compressed request: its size is known once it is read, and no more than one byte past the limit is
                byte[] bytes = stream.readNBytes(limit.bytes() + 1);
                checkSize(bytes.length);
                return parser.parseFrom(bytes);
            }
            return parser.parseFrom(stream);
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        }
    }

    private void checkSize(int size) {
        if (limit != null && size > limit.bytes()) {
            throw new TooLarge("the request is larger than " + String.format(Locale.ROOT, "%,d", limit.bytes())
                    + " bytes, the most " + limit.what() + "; nothing was parsed or written");
        }
    }

    private static byte[] array(int size) {
        if (size > REUSED_BYTES) {
            return new byte[size];
        }
        Reference<byte[]> held = ARRAYS.get();
        byte[] array = held == null ? null : held.get();
        if (array == null || array.length < size) {
            array = new byte[Math.max(size, 8192)];
            ARRAYS.set(new WeakReference<>(array));
        }
        return array;
    }

    private static void readFully(InputStream stream, byte[] bytes, int size) throws IOException {
        int read = 0;
        while (read < size) {
            int count = stream.read(bytes, read, size - read);
            if (count < 0) {
                throw new EOFException("the request ended after " + read + " of its " + size + " bytes");
            }
            read += count;
        }
    }
}
