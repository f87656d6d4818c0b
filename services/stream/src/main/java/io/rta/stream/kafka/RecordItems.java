package io.rta.stream.kafka;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The items of one {@code rta.telemetry} record, decoded when first asked for. Most records are never asked for: a
 * record whose session no client follows is kept only in case a client attaches while it is not readable over REST
 * yet, so decoding every record up front (Avro, validation, one wire item per burst) cost the tail ~10 ns per sample
 * for nothing. Until decoded the record holds its value bytes; afterwards only the items.
 *
 * <p>Thread-safe without a lock: two threads asking at once may both decode (the same bytes give the same items);
 * one result is kept, and {@code onDecoded} runs once, after it is published.
 */
final class RecordItems {

    /** Heap of an undecoded record besides its bytes: this object, the array header, the retention's slots. */
    static final int RECORD_OVERHEAD_BYTES = 96;

    private final Function<byte[], List<TelemetryItem>> decoder;
    private volatile byte[] value;
    private volatile List<TelemetryItem> items;
    private volatile Consumer<RecordItems> onDecoded = record -> { };

    private RecordItems(byte[] value, List<TelemetryItem> items, Function<byte[], List<TelemetryItem>> decoder) {
        this.value = value;
        this.items = items;
        this.decoder = decoder;
    }

    /** @param decoder the record's valid items (an empty list for a record that cannot be read: logged there) */
    static RecordItems undecoded(byte[] value, Function<byte[], List<TelemetryItem>> decoder) {
        return new RecordItems(value, null, decoder);
    }

    static RecordItems decoded(List<TelemetryItem> items) {
        return new RecordItems(null, List.copyOf(items), bytes -> List.of());
    }

    /** Called once when the record is decoded (not for one created decoded); set before the record is shared. */
    void onDecoded(Consumer<RecordItems> listener) {
        this.onDecoded = listener;
    }

    boolean isDecoded() {
        return items != null;
    }

    List<TelemetryItem> items() {
        List<TelemetryItem> done = items;
        if (done != null) {
            return done;
        }
        byte[] bytes = value;
        if (bytes == null) {
            return items; // another thread finished in between: value is cleared only after items is set
        }
        List<TelemetryItem> decodedNow = List.copyOf(decoder.apply(bytes));
        boolean first;
        synchronized (this) {
            first = items == null;
            if (first) {
                items = decodedNow;
                value = null;
            }
        }
        if (first) {
            onDecoded.accept(this);
        }
        return items;
    }

    /** What the record holds on the heap now: its bytes until decoded, its items afterwards. */
    long heapBytes() {
        List<TelemetryItem> done = items;
        if (done != null) {
            long total = 0;
            for (TelemetryItem item : done) {
                total += LiveRetention.heapBytes(item);
            }
            return total;
        }
        byte[] bytes = value;
        return bytes == null ? heapBytes() : bytes.length + RECORD_OVERHEAD_BYTES;
    }
}
