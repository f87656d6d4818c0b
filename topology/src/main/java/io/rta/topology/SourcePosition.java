package io.rta.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Where an output record comes from: the partition and offset of the input record a topology applied. It travels in
 * the {@link #HEADER} header of the output ("partition:offset"), so a view reading the output can tell writers waiting
 * on that input offset that their write is readable (read-your-writes). A header that is missing or malformed (a
 * producer other than the topology) is read as absent, never as an error.
 */
public record SourcePosition(int partition, long offset) {

    public static final String HEADER = "rta.source";

    /** The position of the record being processed; empty in a punctuation. */
    public static Optional<SourcePosition> of(ProcessingContext context) {
        return context.recordMetadata().map(metadata -> new SourcePosition(metadata.partition(), metadata.offset()));
    }

    /** The position carried by the last {@link #HEADER} of {@code headers}; empty when there is none or it is garbled. */
    public static Optional<SourcePosition> read(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        if (header == null || header.value() == null || header.value().length > 40) {
            return Optional.empty();
        }
        String text = new String(header.value(), StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            int partition = Integer.parseInt(text, 0, colon, 10);
            long offset = Long.parseLong(text, colon + 1, text.length(), 10);
            return partition < 0 || offset < 0 ? Optional.empty() : Optional.of(new SourcePosition(partition, offset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Adds this position as the {@link #HEADER} header; returns {@code headers}. */
    public Headers addTo(Headers headers) {
        return headers.add(HEADER, toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
